import { describe, expect, it } from '@jest/globals';
import { canonicalJson } from '../src/canonical-json.js';
import { chainHash, GENESIS_HASH } from '../src/chain/chain-hash.js';
import type { RecordedEvent } from '../src/event-store.js';

// Chains sealed by earlier releases must keep verifying: these values were computed with the
// original (array and join based) canonical JSON and must never change.
const event: RecordedEvent = {
  globalPosition: 42n,
  eventId: '0b7c6f1e-2d3a-4c5b-9e8f-7a6b5c4d3e2f',
  streamId: 'agreement-7',
  streamVersion: 3,
  type: 'ServiceLevelTargetMeasured',
  schemaVersion: 2,
  data: {
    measured: 99.93,
    target: { unit: 'percent', objective: 99.9, metric: 'availability' },
    '10': 'ten',
    '9': 'nine',
    note: 'é "quoted"\n\u2028',
    empty: {},
    list: [1, null, { b: true, a: false }],
    zero: 0,
  },
  metadata: {
    actor: 'user:service-manager',
    correlationId: 'c-1',
    causationId: 'c-0',
    clauses: ['8.3.3', '8.3.4.1'],
    idempotencyKey: 'k',
  },
  recordedAt: new Date('2026-03-04T05:06:07.089Z'),
};

/** The definition of the canonical form, written plainly, to compare the fast one against. */
function reference(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'number':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return `"${value.toString()}"`;
    case 'object': {
      if (value === null) return 'null';
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      if (Array.isArray(value)) return `[${value.map((item) => reference(item) ?? 'null').join(',')}]`;
      const record = value as Record<string, unknown>;
      const members = Object.keys(record)
        .sort()
        .flatMap((key) => {
          const member = reference(record[key]);
          return member === undefined ? [] : [`${JSON.stringify(key)}:${member}`];
        });
      return `{${members.join(',')}}`;
    }
    default:
      return undefined;
  }
}

describe('chain hash format', () => {
  it('hashes an event exactly as chains already sealed expect', () => {
    expect(chainHash(GENESIS_HASH, event).toString('hex')).toBe(
      '2ce99017317418218145d53197f5b1f1c4c8284a7890125c7dd377e29370b5f2',
    );
  });

  it('writes the same canonical JSON as the plain definition', () => {
    const values: unknown[] = [
      event.data,
      event.metadata,
      { b: undefined, a: [undefined, () => 1, Symbol('s')], '': { z: 1n, y: new Date(0) }, ä: -0, é: 1e21 },
      [],
      {},
      [[{}], { a: [{ b: undefined }] }],
      'text\u0000',
      12n,
    ];
    for (const value of values) expect(canonicalJson(value)).toBe(reference(value));
    // The same keys over and over (as in a long chain) give the same text every time.
    for (let i = 0; i < 3; i++) expect(canonicalJson(event.data)).toBe(reference(event.data));
  });
});
