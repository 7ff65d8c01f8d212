import { describe, expect, it } from '@jest/globals';
import { canonicalJson } from '../src/canonical-json.js';
import { UpcasterRegistry } from '../src/upcasting/upcaster-registry.js';
import { parsePosition } from '../src/serialization.js';
import type { RecordedEvent } from '../src/event-store.js';

describe('canonicalJson', () => {
  it('orders keys, drops undefined members and writes bigint and Date as strings', () => {
    const value = {
      b: 1,
      a: { d: [1, undefined, 'x'], c: null },
      when: new Date('2026-01-02T03:04:05.006Z'),
      n: 12n,
      skip: undefined,
    };
    expect(canonicalJson(value)).toBe(
      '{"a":{"c":null,"d":[1,null,"x"]},"b":1,"n":"12","when":"2026-01-02T03:04:05.006Z"}',
    );
    expect(canonicalJson({ z: 1, y: 2 })).toBe(canonicalJson({ y: 2, z: 1 }));
    expect(canonicalJson('é"\n')).toBe(JSON.stringify('é"\n'));
  });

  it('refuses values without a JSON form', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});

describe('UpcasterRegistry', () => {
  const event = (schemaVersion: number, data: Record<string, unknown>): RecordedEvent => ({
    eventId: '00000000-0000-4000-8000-000000000000',
    streamId: 's',
    streamVersion: 0,
    globalPosition: 1n,
    type: 'T',
    schemaVersion,
    data,
    recordedAt: new Date(0),
    metadata: { actor: 'a', correlationId: 'c', causationId: 'c', clauses: [] },
  });

  it('chains upcasters and leaves other types and versions alone', () => {
    const registry = new UpcasterRegistry([
      { type: 'T', fromVersion: 1, toVersion: 2, upcast: (data) => ({ ...data, two: true }) },
      { type: 'T', fromVersion: 2, toVersion: 4, upcast: (data) => ({ ...data, four: true }) },
    ]);
    const original = event(1, { one: true });
    expect(registry.upcast(original)).toMatchObject({ schemaVersion: 4, data: { one: true, two: true, four: true } });
    expect(original.data).toEqual({ one: true });
    const current = event(4, {});
    expect(registry.upcast(current)).toBe(current);
    expect(registry.upcast({ ...original, type: 'U' }).schemaVersion).toBe(1);
  });

  it('refuses a second upcaster for the same version and versions that do not move forward', () => {
    const registry = new UpcasterRegistry([{ type: 'T', fromVersion: 1, toVersion: 2, upcast: (d) => d }]);
    expect(() => registry.register({ type: 'T', fromVersion: 1, toVersion: 3, upcast: (d) => d })).toThrow();
    expect(() => registry.register({ type: 'T', fromVersion: 3, toVersion: 3, upcast: (d) => d })).toThrow(RangeError);
  });
});

describe('parsePosition', () => {
  it('parses decimal strings only', () => {
    expect(parsePosition('0')).toBe(0n);
    expect(parsePosition('9007199254740993')).toBe(9007199254740993n);
    for (const bad of ['', '-1', '01', '1.5', 'x', '99999999999999999999'])
      expect(() => parsePosition(bad)).toThrow(TypeError);
  });
});
