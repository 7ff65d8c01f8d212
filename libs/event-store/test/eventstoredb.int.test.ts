import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventStoreDBClient, FORWARDS, jsonEvent, type ResolvedEvent } from '@eventstore/db-client';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../src/errors.js';
import type { EventMetadata, NewEvent, RecordedEvent } from '../src/event-store.js';
import {
  computeLogChain,
  EventStoreDbChainSealer,
  EventStoreDbEventStore,
  verifyEventStoreDbChain,
} from '../src/eventstoredb/index.js';
import { describeEventStoreContract } from './event-store-contract.js';

/**
 * Runs against a live EventStoreDB server given by EVENTSTORE_CONNECTION_STRING
 * (e.g. esdb://localhost:2113?tls=false); see libs/event-store/EVENTSTOREDB.md.
 * ESDB cannot drop data, so every store here gets a stream prefix of its own.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const runId = randomUUID().slice(0, 8);
const freshPrefix = (label: string) => `test-${runId}-${label}-${randomUUID().slice(0, 8)}-`;
const { privateKey, publicKey } = generateKeyPairSync('ed25519');

const metadata = (overrides: Partial<EventMetadata> = {}): EventMetadata => ({
  actor: 'user:alice',
  correlationId: randomUUID(),
  causationId: randomUUID(),
  clauses: ['8.3.3'],
  ...overrides,
});

const newEvent = (type: string, data: Record<string, unknown> = {}, overrides: Partial<NewEvent> = {}): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  metadata: metadata(),
  ...overrides,
});

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function readRaw(client: EventStoreDBClient, streamName: string): Promise<ResolvedEvent[]> {
  const out: ResolvedEvent[] = [];
  for await (const resolved of client.readStream(streamName, { direction: FORWARDS })) out.push(resolved);
  return out;
}

if (!connectionString) {
  console.info(
    'EventStoreDB adapter tests SKIPPED: EVENTSTORE_CONNECTION_STRING is not set ' +
      '(e.g. EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false; see libs/event-store/EVENTSTOREDB.md).',
  );
  describe.skip('EventStoreDB adapter (skipped: EVENTSTORE_CONNECTION_STRING is not set)', () => {
    it('runs the event store contract and the EventStoreDB specifics against a live server', () => undefined);
  });
} else {
  describeEventStoreContract('EventStoreDB adapter', async ({ upcasters }) => {
    const store = new EventStoreDbEventStore({ connectionString, streamPrefix: freshPrefix('contract'), upcasters });
    const sealer = new EventStoreDbChainSealer(store, { signingKey: privateKey });
    return {
      store,
      eventIdsUniqueAcrossStreams: false,
      verifyChain: async () => {
        await sealer.checkpoint();
        return verifyEventStoreDbChain(store, { verificationKeys: [publicKey] });
      },
      teardown: () => store.close(),
    };
  });

  describe('EventStoreDB adapter specifics', () => {
    let client: EventStoreDBClient;
    let store: EventStoreDbEventStore;
    let prefix: string;

    beforeAll(() => {
      client = EventStoreDBClient.connectionString(connectionString);
      prefix = freshPrefix('specifics');
      store = new EventStoreDbEventStore({ client, streamPrefix: prefix });
    });

    afterAll(async () => {
      await store?.close();
      await client?.dispose();
    });

    it('maps a stream id to the ESDB stream prefix + id, and sees only its own streams in $all', async () => {
      const event = newEvent('AgreementDrafted', { title: 'Hosting' });
      await store.appendToStream('agreement-1', [event], { expectedVersion: 'no-stream' });
      await client.appendToStream(
        `${prefix.slice(0, -1)}x-foreign-1`,
        jsonEvent({ type: 'AgreementDrafted', data: { title: 'not ours' } }),
      );

      const raw = await readRaw(client, `${prefix}agreement-1`);
      expect(raw.map((r) => r.event?.id)).toEqual([event.eventId]);

      const [read] = await store.readStream('agreement-1');
      expect(read?.streamId).toBe('agreement-1');
      const all = await store.readAll({ filter: { streamIdPrefix: 'agreement-' } });
      expect(all.map((e) => e.eventId)).toEqual([event.eventId]);
      expect((await store.readAll()).every((e) => !e.streamId.includes('foreign'))).toBe(true);
      await expect(store.readStream('never-written')).resolves.toEqual([]);
    });

    it('writes the metadata as ESDB metadata JSON and reads the same envelope back', async () => {
      const withKey = newEvent(
        'SlaAgreed',
        { sla: 'gold', targets: [{ metric: 'availability', value: 99.9 }] },
        {
          schemaVersion: 3,
          metadata: metadata({ clauses: ['8.3.3', '8.3.4.1'], idempotencyKey: 'cmd-42' }),
        },
      );
      const withoutKey = newEvent('SlaReviewed', { outcome: 'met' });
      await store.appendToStream('sla-1', [withKey, withoutKey], { expectedVersion: 'no-stream' });

      const raw = await readRaw(client, `${prefix}sla-1`);
      expect(raw[0]?.event?.metadata).toEqual({
        actor: 'user:alice',
        $correlationId: withKey.metadata.correlationId,
        $causationId: withKey.metadata.causationId,
        clauses: ['8.3.3', '8.3.4.1'],
        idempotencyKey: 'cmd-42',
        schemaVersion: 3,
      });
      expect(raw[0]?.event?.isJson).toBe(true);
      expect(raw[1]?.event?.metadata).not.toHaveProperty('idempotencyKey');

      const [first, second] = await store.readStream('sla-1');
      expect(first).toMatchObject({
        eventId: withKey.eventId,
        streamId: 'sla-1',
        streamVersion: 0,
        type: 'SlaAgreed',
        schemaVersion: 3,
        data: withKey.data,
        metadata: withKey.metadata,
      });
      expect(first?.recordedAt).toBeInstanceOf(Date);
      expect(first?.recordedAt.getTime()).toBe(raw[0]?.event?.created.getTime());
      expect(second?.metadata).toEqual(withoutKey.metadata);
      expect(second?.streamVersion).toBe(1);
    });

    it('maps expected versions to ESDB revisions and conflicts to WrongExpectedVersionError', async () => {
      const first = await store.appendToStream('rev-1', [newEvent('A')], { expectedVersion: 'no-stream' });
      expect(first.nextExpectedVersion).toBe(0);

      const noStreamAgain = store.appendToStream('rev-1', [newEvent('A')], { expectedVersion: 'no-stream' });
      await expect(noStreamAgain).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(noStreamAgain).rejects.toMatchObject({
        streamId: 'rev-1',
        expectedVersion: 'no-stream',
        actualVersion: 0,
      });

      const second = await store.appendToStream('rev-1', [newEvent('B'), newEvent('C')], { expectedVersion: 0 });
      expect(second.nextExpectedVersion).toBe(2);

      await expect(store.appendToStream('rev-1', [newEvent('D')], { expectedVersion: 0 })).rejects.toMatchObject({
        name: 'WrongExpectedVersionError',
        expectedVersion: 0,
        actualVersion: 2,
      });
      await expect(store.appendToStream('rev-missing', [newEvent('A')], { expectedVersion: 4 })).rejects.toMatchObject({
        name: 'WrongExpectedVersionError',
        actualVersion: -1,
      });

      const any = await store.appendToStream('rev-1', [newEvent('E')], { expectedVersion: 'any' });
      expect(any.nextExpectedVersion).toBe(3);
      const empty = await store.appendToStream('rev-1', [], { expectedVersion: 3 });
      expect(empty).toEqual({ nextExpectedVersion: 3, positions: [] });
      expect((await store.readStream('rev-1')).map((e) => e.streamVersion)).toEqual([0, 1, 2, 3]);
    });

    it('is idempotent by event id, also after the stream moved on, and refuses an id reused with other content', async () => {
      const a = newEvent('A', { n: 1 });
      const b = newEvent('B', { n: 2 });
      const original = await store.appendToStream('idem-1', [a, b], { expectedVersion: 'no-stream' });
      const retry = await store.appendToStream('idem-1', [a, b], { expectedVersion: 'no-stream' });
      expect(retry).toEqual(original);

      await store.appendToStream('idem-1', [newEvent('C')], { expectedVersion: 1 });
      const lateRetry = await store.appendToStream('idem-1', [a, b], { expectedVersion: 'no-stream' });
      expect(lateRetry).toEqual(original);
      expect(await store.readStream('idem-1')).toHaveLength(3);

      const changed = { ...a, data: { n: 99 } };
      await expect(store.appendToStream('idem-1', [changed], { expectedVersion: 'no-stream' })).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
      expect(await store.readStream('idem-1')).toHaveLength(3);
    });

    it('uses commit positions: strictly increasing, readAll strictly after fromPosition, headPosition the newest', async () => {
      const ownPrefix = freshPrefix('positions');
      const own = new EventStoreDbEventStore({ client, streamPrefix: ownPrefix });
      // Pages of two events exercise the paging over $all (reads near the end only: each page is a request).
      const paged = new EventStoreDbEventStore({ client, streamPrefix: ownPrefix, readPageSize: 2 });
      expect(await own.headPosition()).toBe(0n);
      expect(await own.readAll()).toEqual([]);

      const r1 = await own.appendToStream('p-1', [newEvent('A'), newEvent('B')], { expectedVersion: 'no-stream' });
      const r2 = await own.appendToStream('p-2', [newEvent('C')], { expectedVersion: 'no-stream' });
      const r3 = await own.appendToStream('p-1', [newEvent('D'), newEvent('E')], { expectedVersion: 1 });
      const positions = [...r1.positions, ...r2.positions, ...r3.positions];
      expect(positions).toHaveLength(5);
      positions.slice(1).forEach((p, i) => expect(p > positions[i]!).toBe(true));

      const all = await own.readAll();
      expect(all.map((e) => e.globalPosition)).toEqual(positions);
      expect(all.map((e) => e.type)).toEqual(['A', 'B', 'C', 'D', 'E']);
      expect((await own.readAll({ fromPosition: positions[1] })).map((e) => e.type)).toEqual(['C', 'D', 'E']);
      expect((await paged.readAll({ fromPosition: positions[0] })).map((e) => e.type)).toEqual(['B', 'C', 'D', 'E']);
      expect((await paged.readAll({ fromPosition: positions[1], limit: 2 })).map((e) => e.type)).toEqual(['C', 'D']);
      expect((await own.readAll({ fromPosition: positions[4] })).length).toBe(0);
      expect((await own.readAll({ filter: { types: ['B', 'E'] } })).map((e) => e.type)).toEqual(['B', 'E']);
      expect((await own.readAll({ filter: { streamIdPrefix: 'p-2' } })).map((e) => e.type)).toEqual(['C']);
      expect(await own.headPosition()).toBe(positions[4]);
      expect((await own.readStream('p-1', { fromVersion: 1, toVersion: 2 })).map((e) => e.type)).toEqual(['B', 'D']);
      await Promise.all([own.close(), paged.close()]);
    });

    it('recomputes the hash chain over its log through readAll, and a second pass gives the same head', async () => {
      const own = new EventStoreDbEventStore({ client, streamPrefix: freshPrefix('chain') });
      const appended = await own.appendToStream('c-1', [newEvent('A'), newEvent('B'), newEvent('C')], {
        expectedVersion: 'no-stream',
      });
      const entries: bigint[] = [];
      const stored = { readAll: own.readAllAsStored.bind(own) };
      const head = await computeLogChain(stored, { pageSize: 2, onEntry: (position) => entries.push(position) });
      expect(head.events).toBe(3);
      expect(head.position).toBe(appended.positions[2]);
      expect(entries).toEqual(appended.positions);
      expect(await computeLogChain(stored)).toEqual(head);
      const partial = await computeLogChain(stored, { upTo: appended.positions[1] });
      expect(partial).toMatchObject({ events: 2, position: appended.positions[1] });
      expect(partial.hash).not.toBe(head.hash);
      await own.close();
    });

    it('reads a stream as of an instant, using the ESDB created time', async () => {
      await store.appendToStream('asof-1', [newEvent('First')], { expectedVersion: 'no-stream' });
      await sleep(50);
      await store.appendToStream('asof-1', [newEvent('Second')], { expectedVersion: 0 });
      const [first, second] = await store.readStream('asof-1');
      expect(second!.recordedAt.getTime()).toBeGreaterThan(first!.recordedAt.getTime());

      const asOfFirst = await store.readStream('asof-1', { asOf: first!.recordedAt });
      expect(asOfFirst.map((e) => e.type)).toEqual(['First']);
      expect(await store.readStream('asof-1', { asOf: new Date(first!.recordedAt.getTime() - 1) })).toEqual([]);
      expect(await store.readStream('asof-1', { asOf: second!.recordedAt })).toHaveLength(2);
    });

    it('delivers a filtered $all subscription one event at a time, and resumes from a checkpoint', async () => {
      const own = new EventStoreDbEventStore({ client, streamPrefix: freshPrefix('subscription') });
      const wanted = `Wanted${runId}`;
      const stream = (i: number) => `s-${i % 2}`;
      const appendMany = async (from: number, to: number) => {
        for (let i = from; i < to; i += 1) {
          await own.appendToStream(stream(i), [newEvent(i % 3 === 0 ? 'Other' : wanted, { i })], {
            expectedVersion: 'any',
          });
        }
      };
      await appendMany(0, 9);
      const expected = async () => (await own.readAll({ filter: { types: [wanted] } })).map((e) => e.data.i);
      expect(await expected()).toEqual([1, 2, 4, 5, 7, 8]);

      const received: RecordedEvent[] = [];
      let inFlight = 0;
      let maxInFlight = 0;
      const first = own.subscribeToAll({
        filter: { types: [wanted] },
        onEvent: async (event) => {
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await sleep(5);
          received.push(event);
          inFlight -= 1;
        },
      });
      await waitFor(() => received.length >= 3, 'the first three events');
      await first.stop();
      const countAtStop = received.length;
      await sleep(100);
      expect(received.length).toBe(countAtStop);
      expect(maxInFlight).toBe(1);

      const checkpoint = received[received.length - 1]!.globalPosition;
      await appendMany(9, 12);
      const errors: unknown[] = [];
      const resumed = own.subscribeToAll({
        fromPosition: checkpoint,
        filter: { types: [wanted] },
        onEvent: (event) => {
          received.push(event);
        },
        onError: (error) => errors.push(error),
      });
      await waitFor(() => received.length >= 8, 'the rest, caught up');
      await appendMany(12, 15);
      await waitFor(() => received.length >= 10, 'the live events');
      await sleep(100);
      await resumed.stop();

      expect(errors).toEqual([]);
      expect(received.map((e) => e.data.i)).toEqual([1, 2, 4, 5, 7, 8, 10, 11, 13, 14]);
      expect(new Set(received.map((e) => e.eventId)).size).toBe(received.length);
      received.slice(1).forEach((e, i) => expect(e.globalPosition > received[i]!.globalPosition).toBe(true));
      expect(received.every((e) => e.type === wanted && e.streamId.startsWith('s-'))).toBe(true);

      const byStream: RecordedEvent[] = [];
      const prefixed = own.subscribeToAll({
        filter: { streamIdPrefix: 's-1' },
        onEvent: (event) => {
          byStream.push(event);
        },
      });
      await waitFor(() => byStream.length >= 7, 'the events of s-1');
      await prefixed.stop();
      expect(byStream.map((e) => e.data.i)).toEqual([1, 3, 5, 7, 9, 11, 13]);
      await own.close();
    });
  });
}
