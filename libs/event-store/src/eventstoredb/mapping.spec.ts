import { describe, expect, it } from '@jest/globals';
import { ANY, NO_STREAM, START, type RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import type { NewEvent } from '../event-store.js';
import {
  StoreEventMatcher,
  StreamNaming,
  escapeRegex,
  fromEsdbMetadata,
  sameContent,
  toActualVersion,
  toEsdbMetadata,
  toExpectedRevision,
  toReadPosition,
  toRecordedEvent,
  toServerFilter,
} from './mapping.js';

const event: NewEvent = {
  eventId: '6f1c2a64-4a5e-4f8e-9a55-0d9c1c1f2b10',
  type: 'AgreementSigned',
  schemaVersion: 2,
  data: { agreementId: 'a-1', parties: ['acme', 'us'] },
  metadata: {
    actor: 'user:alice',
    correlationId: 'c-1',
    causationId: 'k-1',
    clauses: ['8.3.3', '8.3.4.1'],
    idempotencyKey: 'cmd-1',
  },
};

const stored = (overrides: Partial<Record<string, unknown>> = {}): EsdbRecordedEvent =>
  ({
    streamId: 'dev-agreement-a-1',
    id: event.eventId,
    isJson: true,
    revision: 4n,
    type: event.type,
    created: new Date('2025-01-02T03:04:05.678Z'),
    data: JSON.parse(JSON.stringify(event.data)),
    metadata: JSON.parse(JSON.stringify(toEsdbMetadata(event))),
    position: { commit: 12_345n, prepare: 12_345n },
    ...overrides,
  }) as EsdbRecordedEvent;

describe('EventStoreDB mapping', () => {
  it('prefixes stream names and recognises only its own, non-system streams', () => {
    const naming = new StreamNaming('dev-');
    expect(naming.toStreamName('agreement-a-1')).toBe('dev-agreement-a-1');
    expect(naming.toStreamId('dev-agreement-a-1')).toBe('agreement-a-1');
    expect(naming.toStreamId('prod-agreement-a-1')).toBeUndefined();
    expect(naming.toStreamId('$$dev-agreement-a-1')).toBeUndefined();
    expect(naming.toStreamId('dev-')).toBeUndefined();
    expect(() => naming.toStreamName('')).toThrow(RangeError);

    const plain = new StreamNaming();
    expect(plain.toStreamName('agreement-a-1')).toBe('agreement-a-1');
    expect(plain.toStreamId('$statistics-127.0.0.1:2113')).toBeUndefined();
    expect(() => plain.toStreamName('$settings')).toThrow(RangeError);
    expect(() => new StreamNaming('$dev-')).toThrow(RangeError);
  });

  it('maps expected versions to ESDB expected revisions, and current revisions back', () => {
    expect(toExpectedRevision('any')).toBe(ANY);
    expect(toExpectedRevision('no-stream')).toBe(NO_STREAM);
    expect(toExpectedRevision(-1)).toBe(NO_STREAM);
    expect(toExpectedRevision(0)).toBe(0n);
    expect(toExpectedRevision(41)).toBe(41n);
    expect(() => toExpectedRevision(-2)).toThrow(RangeError);
    expect(() => toExpectedRevision(1.5)).toThrow(RangeError);
    expect(toActualVersion(NO_STREAM)).toBe(-1);
    expect(toActualVersion(7n)).toBe(7);
  });

  it('writes the metadata with $correlationId, $causationId and the schema version, and reads it back', () => {
    const raw = toEsdbMetadata(event);
    expect(raw).toEqual({
      actor: 'user:alice',
      $correlationId: 'c-1',
      $causationId: 'k-1',
      clauses: ['8.3.3', '8.3.4.1'],
      idempotencyKey: 'cmd-1',
      schemaVersion: 2,
    });
    const withoutKey = toEsdbMetadata({ ...event, metadata: { ...event.metadata, idempotencyKey: undefined } });
    expect(withoutKey).not.toHaveProperty('idempotencyKey');
    expect(fromEsdbMetadata(JSON.parse(JSON.stringify(raw)), { eventId: 'e', streamName: 's' })).toEqual({
      metadata: event.metadata,
      schemaVersion: 2,
    });
    expect(() => fromEsdbMetadata(undefined, { eventId: 'e', streamName: 's' })).toThrow(/no valid metadata/);
    expect(() => fromEsdbMetadata({ ...raw, $correlationId: 1 }, { eventId: 'e', streamName: 's' })).toThrow(
      /\$correlationId/,
    );
  });

  it('turns a stored ESDB event into the envelope, with the commit position as global position', () => {
    const recorded = toRecordedEvent(new StreamNaming('dev-'), stored());
    expect(recorded).toEqual({
      eventId: event.eventId,
      streamId: 'agreement-a-1',
      streamVersion: 4,
      globalPosition: 12_345n,
      type: 'AgreementSigned',
      schemaVersion: 2,
      data: event.data,
      recordedAt: new Date('2025-01-02T03:04:05.678Z'),
      metadata: event.metadata,
    });
    expect(() => toRecordedEvent(new StreamNaming('dev-'), stored({ position: undefined }))).toThrow(/position/);
    expect(() => toRecordedEvent(new StreamNaming('prod-'), stored())).toThrow(/not a stream of this/);
  });

  it('compares content for idempotent retries', () => {
    expect(sameContent(event, stored())).toBe(true);
    expect(sameContent({ ...event, data: { ...event.data, agreementId: 'a-2' } }, stored())).toBe(false);
    expect(sameContent({ ...event, type: 'AgreementRevoked' }, stored())).toBe(false);
    expect(sameContent({ ...event, schemaVersion: 3 }, stored())).toBe(false);
    expect(sameContent({ ...event, metadata: { ...event.metadata, actor: 'user:bob' } }, stored())).toBe(false);
  });

  it('reads $all strictly after a position: from the start for 0, else from the event position', () => {
    expect(toReadPosition(undefined)).toBe(START);
    expect(toReadPosition(0n)).toBe(START);
    expect(toReadPosition(991n)).toEqual({ commit: 991n, prepare: 991n });
  });

  it('builds one server-side filter and matches the full filter on the client', () => {
    const naming = new StreamNaming('dev-');
    expect(toServerFilter(naming, { types: ['A.b', 'C'] })).toMatchObject({
      filterOn: 'eventType',
      regex: '^(?:A\\.b|C)$',
    });
    expect(toServerFilter(naming, { streamIdPrefix: 'agreement-' })).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['dev-agreement-'],
    });
    expect(toServerFilter(new StreamNaming(), undefined)).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
    expect(escapeRegex('a+b(c)$')).toBe('a\\+b\\(c\\)\\$');

    const matcher = new StoreEventMatcher(naming, { types: ['AgreementSigned'], streamIdPrefix: 'agreement-' });
    expect(matcher.matches(stored())).toBe(true);
    expect(matcher.matches(stored({ type: 'Other' }))).toBe(false);
    expect(matcher.matches(stored({ streamId: 'dev-supplier-1' }))).toBe(false);
    expect(matcher.matches(stored({ streamId: 'prod-agreement-a-1' }))).toBe(false);
    expect(new StoreEventMatcher(naming, undefined).matches(stored({ type: '$>' }))).toBe(false);
    expect(new StoreEventMatcher(new StreamNaming(), undefined).matches(stored({ streamId: '$stats-1' }))).toBe(false);
  });
});
