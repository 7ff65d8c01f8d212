import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../src/errors.js';
import type { EventMetadata, EventStore, NewEvent, RecordedEvent, Subscription } from '../src/event-store.js';
import { UpcasterRegistry } from '../src/upcasting/upcaster-registry.js';

export interface ContractSetupOptions {
  /** The store must apply these upcasters on every read (readStream, readAll, subscriptions). */
  readonly upcasters: UpcasterRegistry;
}

export interface ContractHarness {
  readonly store: EventStore;
  /**
   * Seals whatever is pending and verifies the tamper-evident chain of the whole log.
   * Adapters without such a chain leave it out, and that case is skipped.
   */
  readonly verifyChain?: () => Promise<{ intact: boolean }>;
  /**
   * Whether an event id is unique across the whole log (default) or only within its stream:
   * EventStoreDB has no index by event id, so it cannot refuse an id reused in another stream.
   */
  readonly eventIdsUniqueAcrossStreams?: boolean;
  teardown(): Promise<void>;
}

/** The type the contract's upcasters apply to: v1 { name } -> v2 { fullName } -> v3 { givenName, familyName }. */
export const CONTRACT_UPCAST_TYPE = 'ContractPersonNamed';

export function contractUpcasters(): UpcasterRegistry {
  return new UpcasterRegistry([
    { type: CONTRACT_UPCAST_TYPE, fromVersion: 1, toVersion: 2, upcast: (data) => ({ fullName: data.name }) },
    {
      type: CONTRACT_UPCAST_TYPE,
      fromVersion: 2,
      toVersion: 3,
      upcast: (data) => {
        const [givenName, ...rest] = String(data.fullName).split(' ');
        return { givenName, familyName: rest.join(' ') };
      },
    },
  ]);
}

const metadata = (overrides: Partial<EventMetadata> = {}): EventMetadata => ({
  actor: 'user:contract',
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

async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(10);
  }
}

function expectStrictlyIncreasing(positions: readonly bigint[]): void {
  for (let i = 1; i < positions.length; i++) {
    if (!(positions[i]! > positions[i - 1]!)) {
      throw new Error(`positions not strictly increasing at index ${i}: ${positions[i - 1]} then ${positions[i]}`);
    }
  }
}

/**
 * The behaviour every EventStore adapter must have. `setup` runs once for the block; tests use
 * stream ids and types of their own, so the store may hold other events.
 */
export function describeEventStoreContract(
  name: string,
  setup: (options: ContractSetupOptions) => Promise<ContractHarness>,
): void {
  describe(`${name}: EventStore contract`, () => {
    let harness: ContractHarness;
    let store: EventStore;
    const run = randomUUID().slice(0, 8);
    const streamId = (label: string) => `contract-${run}-${label}-${randomUUID().slice(0, 8)}`;

    beforeAll(async () => {
      harness = await setup({ upcasters: contractUpcasters() });
      store = harness.store;
    });

    afterAll(async () => {
      await harness?.teardown();
    });

    it('appends events and reads them back with the whole envelope', async () => {
      const id = streamId('read');
      const first = newEvent('AgreementDrafted', { title: 'Hosting', nested: { a: [1, 2, { b: null }] } });
      const second = newEvent(
        'AgreementAmended',
        { title: 'Hosting+' },
        {
          schemaVersion: 2,
          metadata: metadata({ clauses: ['8.3.3', '8.3.4.1'], idempotencyKey: 'cmd-1' }),
        },
      );
      const result = await store.appendToStream(id, [first, second], { expectedVersion: 'no-stream' });
      expect(result.nextExpectedVersion).toBe(1);
      expect(result.positions).toHaveLength(2);
      expectStrictlyIncreasing(result.positions);
      expect(result.positions[0]! > 0n).toBe(true);

      const events = await store.readStream(id);
      expect(events).toHaveLength(2);
      expect(events[0]).toMatchObject({
        eventId: first.eventId,
        streamId: id,
        streamVersion: 0,
        globalPosition: result.positions[0],
        type: 'AgreementDrafted',
        schemaVersion: 1,
        data: first.data,
        metadata: first.metadata,
      });
      expect(events[1]).toMatchObject({
        eventId: second.eventId,
        streamVersion: 1,
        globalPosition: result.positions[1],
        schemaVersion: 2,
        metadata: second.metadata,
      });
      expect(events[0]!.recordedAt).toBeInstanceOf(Date);
      expect(Math.abs(events[0]!.recordedAt.getTime() - Date.now())).toBeLessThan(60_000);
      expect(typeof events[0]!.globalPosition).toBe('bigint');

      expect(await store.readStream(streamId('never-written'))).toEqual([]);
      const more = await store.appendToStream(id, [newEvent('C'), newEvent('D')], { expectedVersion: 1 });
      expect(more.nextExpectedVersion).toBe(3);
      expect((await store.readStream(id, { fromVersion: 1, toVersion: 2 })).map((e) => e.streamVersion)).toEqual([
        1, 2,
      ]);
      expect((await store.readStream(id, { fromVersion: 2 })).map((e) => e.type)).toEqual(['C', 'D']);
      expect((await store.readStream(id, { toVersion: 0 })).map((e) => e.type)).toEqual(['AgreementDrafted']);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(more.positions[1]!);
    });

    it('checks the expected version: exact, no-stream and any, with the actual version on conflict', async () => {
      const id = streamId('versions');
      await expect(store.appendToStream(id, [newEvent('A')], { expectedVersion: 0 })).rejects.toMatchObject({
        name: 'WrongExpectedVersionError',
        streamId: id,
        expectedVersion: 0,
        actualVersion: -1,
      });
      expect(
        (await store.appendToStream(id, [newEvent('A')], { expectedVersion: 'no-stream' })).nextExpectedVersion,
      ).toBe(0);

      const noStream = store.appendToStream(id, [newEvent('B')], { expectedVersion: 'no-stream' });
      await expect(noStream).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(noStream).rejects.toMatchObject({ expectedVersion: 'no-stream', actualVersion: 0 });

      expect(
        (await store.appendToStream(id, [newEvent('B'), newEvent('C')], { expectedVersion: 0 })).nextExpectedVersion,
      ).toBe(2);
      await expect(store.appendToStream(id, [newEvent('D')], { expectedVersion: 1 })).rejects.toMatchObject({
        name: 'WrongExpectedVersionError',
        expectedVersion: 1,
        actualVersion: 2,
      });
      await expect(store.appendToStream(id, [newEvent('D')], { expectedVersion: 5 })).rejects.toMatchObject({
        actualVersion: 2,
      });
      expect((await store.appendToStream(id, [newEvent('D')], { expectedVersion: 'any' })).nextExpectedVersion).toBe(3);
      expect(
        (await store.appendToStream(streamId('any-new'), [newEvent('A')], { expectedVersion: 'any' }))
          .nextExpectedVersion,
      ).toBe(0);
      expect(await store.appendToStream(id, [], { expectedVersion: 3 })).toEqual({
        nextExpectedVersion: 3,
        positions: [],
      });
      expect((await store.readStream(id)).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
    });

    it('lets exactly one of several racing appends with the same expected version win', async () => {
      const id = streamId('race');
      await store.appendToStream(id, [newEvent('Created')], { expectedVersion: 'no-stream' });
      const attempts = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          store.appendToStream(id, [newEvent('Raced', { i }), newEvent('Raced', { i })], { expectedVersion: 0 }),
        ),
      );
      const won = attempts.filter((attempt) => attempt.status === 'fulfilled');
      const lost = attempts.flatMap((attempt) => (attempt.status === 'rejected' ? [attempt.reason] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(7);
      for (const error of lost) {
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(error).toMatchObject({ expectedVersion: 0, actualVersion: 2 });
      }
      const events = await store.readStream(id);
      expect(events.map((e) => e.streamVersion)).toEqual([0, 1, 2]);

      const fresh = streamId('race-new');
      const creations = await Promise.allSettled(
        Array.from({ length: 6 }, () =>
          store.appendToStream(fresh, [newEvent('Created')], { expectedVersion: 'no-stream' }),
        ),
      );
      expect(creations.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
      for (const attempt of creations) {
        if (attempt.status === 'rejected')
          expect(attempt.reason).toMatchObject({ name: 'WrongExpectedVersionError', actualVersion: 0 });
      }
    });

    it('is idempotent by event id: a retry returns the original positions and writes nothing', async () => {
      const id = streamId('idempotent');
      const a = newEvent('A', { n: 1 });
      const b = newEvent('B', { n: 2 });
      const original = await store.appendToStream(id, [a, b], { expectedVersion: 'no-stream' });
      const head = await store.headPosition();
      expect(await store.appendToStream(id, [a, b], { expectedVersion: 'no-stream' })).toEqual(original);
      expect(await store.headPosition()).toBe(head);

      await store.appendToStream(id, [newEvent('C')], { expectedVersion: 1 });
      expect(await store.appendToStream(id, [a, b], { expectedVersion: 'no-stream' })).toEqual(original);
      expect(await store.appendToStream(id, [a, b], { expectedVersion: 'any' })).toEqual(original);
      expect(await store.readStream(id)).toHaveLength(3);

      // A retry racing the original: the same events sent at once land once, and every call succeeds.
      const racingStream = streamId('idem-race');
      const retried = [newEvent('R', { r: 1 }), newEvent('R', { r: 2 })];
      const results = await Promise.all(
        [0, 1, 2, 3].map(() => store.appendToStream(racingStream, retried, { expectedVersion: 'any' })),
      );
      for (const result of results) expect(result).toEqual(results[0]);
      expect((await store.readStream(racingStream)).map((e) => e.eventId)).toEqual(retried.map((e) => e.eventId));
    });

    it('answers a retried one-event append with the original, whatever version it expects', async () => {
      const id = streamId('idem-one');
      const first = newEvent('A', { n: 1 });
      const second = newEvent('B', { n: 2 });
      const created = await store.appendToStream(id, [first], { expectedVersion: 'no-stream' });
      const appended = await store.appendToStream(id, [second], { expectedVersion: 0 });
      const head = await store.headPosition();
      expect(await store.appendToStream(id, [first], { expectedVersion: 'no-stream' })).toEqual(created);
      expect(await store.appendToStream(id, [first], { expectedVersion: 'any' })).toEqual(created);
      expect(await store.appendToStream(id, [second], { expectedVersion: 0 })).toEqual(appended);
      expect(await store.appendToStream(id, [second], { expectedVersion: 'any' })).toEqual(appended);
      expect(await store.headPosition()).toBe(head);
      expect((await store.readStream(id)).map((e) => e.eventId)).toEqual([first.eventId, second.eventId]);

      const racing = Array.from({ length: 6 }, (_, i) => newEvent('Raced', { i }));
      const attempts = await Promise.allSettled(
        racing.map((event) => store.appendToStream(id, [event], { expectedVersion: 1 })),
      );
      expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
      for (const attempt of attempts) {
        if (attempt.status === 'rejected')
          expect(attempt.reason).toMatchObject({ name: 'WrongExpectedVersionError', actualVersion: 2 });
      }
      expect((await store.readStream(id)).map((e) => e.streamVersion)).toEqual([0, 1, 2]);
    });

    it('refuses an event id reused with different content', async () => {
      const id = streamId('duplicate');
      const a = newEvent('A', { n: 1 });
      await store.appendToStream(id, [a], { expectedVersion: 'no-stream' });
      await expect(
        store.appendToStream(id, [{ ...a, data: { n: 2 } }], { expectedVersion: 'any' }),
      ).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(store.appendToStream(id, [{ ...a, type: 'Other' }], { expectedVersion: 0 })).rejects.toMatchObject({
        name: 'DuplicateEventIdError',
        eventId: a.eventId,
      });
      if (harness.eventIdsUniqueAcrossStreams !== false) {
        await expect(
          store.appendToStream(streamId('elsewhere'), [a], { expectedVersion: 'any' }),
        ).rejects.toBeInstanceOf(DuplicateEventIdError);
      }
      await expect(store.appendToStream(id, [newEvent('B'), a], { expectedVersion: 0 })).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
      expect((await store.readStream(id)).map((e) => e.eventId)).toEqual([a.eventId]);
    });

    it('reads a stream as of an instant', async () => {
      const id = streamId('as-of');
      await store.appendToStream(id, [newEvent('First')], { expectedVersion: 'no-stream' });
      await sleep(30);
      await store.appendToStream(id, [newEvent('Second')], { expectedVersion: 0 });
      const [first, second] = await store.readStream(id);
      expect(second!.recordedAt.getTime()).toBeGreaterThan(first!.recordedAt.getTime());
      expect((await store.readStream(id, { asOf: first!.recordedAt })).map((e) => e.type)).toEqual(['First']);
      expect(await store.readStream(id, { asOf: new Date(first!.recordedAt.getTime() - 1) })).toEqual([]);
      expect(await store.readStream(id, { asOf: second!.recordedAt })).toHaveLength(2);
      expect(await store.readStream(id, { asOf: new Date() })).toHaveLength(2);
    });

    it('reads the global log in order, after a position, with a limit and with filters', async () => {
      const prefix = streamId('all');
      const typeA = `AllA${run}`;
      const typeB = `AllB${run}`;
      const start = await store.headPosition();
      const r1 = await store.appendToStream(`${prefix}-1`, [newEvent(typeA, { i: 1 }), newEvent(typeB, { i: 2 })], {
        expectedVersion: 'no-stream',
      });
      const r2 = await store.appendToStream(`${prefix}-2`, [newEvent(typeA, { i: 3 })], {
        expectedVersion: 'no-stream',
      });
      const r3 = await store.appendToStream(`${prefix}-1`, [newEvent(typeB, { i: 4 })], { expectedVersion: 1 });
      const positions = [...r1.positions, ...r2.positions, ...r3.positions];
      expectStrictlyIncreasing(positions);

      const ours = await store.readAll({ fromPosition: start, filter: { streamIdPrefix: prefix } });
      expect(ours.map((e) => e.data.i)).toEqual([1, 2, 3, 4]);
      expect(ours.map((e) => e.globalPosition)).toEqual(positions);
      const all = await store.readAll({ fromPosition: start });
      expectStrictlyIncreasing(all.map((e) => e.globalPosition));
      expect(all.filter((e) => e.streamId.startsWith(prefix)).map((e) => e.data.i)).toEqual([1, 2, 3, 4]);

      expect(
        (await store.readAll({ fromPosition: positions[1], filter: { streamIdPrefix: prefix } })).map((e) => e.data.i),
      ).toEqual([3, 4]);
      expect(
        (await store.readAll({ fromPosition: positions[0], limit: 2, filter: { streamIdPrefix: prefix } })).map(
          (e) => e.data.i,
        ),
      ).toEqual([2, 3]);
      expect(await store.readAll({ fromPosition: positions[3], filter: { streamIdPrefix: prefix } })).toEqual([]);
      expect((await store.readAll({ fromPosition: start, filter: { types: [typeB] } })).map((e) => e.data.i)).toEqual([
        2, 4,
      ]);
      expect(
        (
          await store.readAll({ fromPosition: start, filter: { types: [typeA, typeB], streamIdPrefix: `${prefix}-2` } })
        ).map((e) => e.data.i),
      ).toEqual([3]);
      expect(await store.readAll({ fromPosition: start, filter: { streamIdPrefix: `${prefix}-9` } })).toEqual([]);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(positions[3]!);
    });

    it('orders the log under 8 concurrent writers: a subscriber started first sees every event once, in order', async () => {
      const prefix = streamId('concurrent');
      const writers = 8;
      const perWriter = 500;
      const received: RecordedEvent[] = [];
      let inFlight = 0;
      let maxInFlight = 0;
      const errors: unknown[] = [];
      const subscription = store.subscribeToAll({
        fromPosition: await store.headPosition(),
        filter: { streamIdPrefix: prefix },
        onEvent: async (event) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          if (received.length % 97 === 0) await sleep(1);
          received.push(event);
          inFlight--;
        },
        onError: (error) => errors.push(error),
      });
      const written: string[][] = await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          const ids: string[] = [];
          const id = `${prefix}-${w}`;
          let version: number | 'no-stream' = 'no-stream';
          for (let i = 0; i < perWriter;) {
            // Mostly single events, now and then a batch of three.
            const batch = Array.from({ length: i % 50 === 10 && i + 3 <= perWriter ? 3 : 1 }, (_, k) =>
              newEvent('Concurrent', { w, i: i + k }),
            );
            const result = await store.appendToStream(id, batch, { expectedVersion: version });
            version = result.nextExpectedVersion;
            ids.push(...batch.map((event) => event.eventId));
            i += batch.length;
          }
          return ids;
        }),
      );
      const total = writers * perWriter;
      await waitFor(() => received.length >= total, `${total} events (got ${received.length})`, 60_000);
      await sleep(100);
      await subscription.stop();

      expect(errors).toEqual([]);
      expect(maxInFlight).toBe(1);
      expect(received).toHaveLength(total);
      expectStrictlyIncreasing(received.map((e) => e.globalPosition));
      expect(new Set(received.map((e) => e.eventId))).toEqual(new Set(written.flat()));
      for (let w = 0; w < writers; w++) {
        const own = received.filter((e) => e.streamId === `${prefix}-${w}`);
        expect(own.map((e) => e.eventId)).toEqual(written[w]);
        expect(own.map((e) => e.streamVersion)).toEqual(Array.from({ length: perWriter }, (_, i) => i));
      }
      const readBack = await store.readAll({
        fromPosition: received[0]!.globalPosition - 1n,
        filter: { streamIdPrefix: prefix },
      });
      expect(readBack.map((e) => e.eventId)).toEqual(received.map((e) => e.eventId));
    }, 90_000);

    it('resumes a stopped subscription from a stored position, without gaps or repeats', async () => {
      const prefix = streamId('resume');
      const start = await store.headPosition();
      const append = async (from: number, to: number) => {
        for (let i = from; i < to; i++) {
          await store.appendToStream(`${prefix}-${i % 3}`, [newEvent('Resumed', { i })], { expectedVersion: 'any' });
        }
      };
      await append(0, 30);

      const received: RecordedEvent[] = [];
      let stored = start;
      let subscription: Subscription | undefined;
      subscription = store.subscribeToAll({
        fromPosition: start,
        filter: { streamIdPrefix: prefix },
        onEvent: async (event) => {
          received.push(event);
          stored = event.globalPosition;
          if (received.length === 12) await subscription!.stop();
        },
      });
      await waitFor(() => received.length >= 12, 'the first twelve events');
      await subscription.stop();
      await append(30, 40);
      await sleep(50);
      expect(received).toHaveLength(12);

      const errors: unknown[] = [];
      subscription = store.subscribeToAll({
        fromPosition: stored,
        filter: { streamIdPrefix: prefix },
        onEvent: (event) => {
          received.push(event);
        },
        onError: (error) => errors.push(error),
      });
      await waitFor(() => received.length >= 40, 'the caught-up events');
      await append(40, 50);
      await waitFor(() => received.length >= 50, 'the live events');
      await sleep(100);
      await subscription.stop();
      await append(50, 52);
      await sleep(100);

      expect(errors).toEqual([]);
      expect(received.map((e) => e.data.i)).toEqual(Array.from({ length: 50 }, (_, i) => i));
      expectStrictlyIncreasing(received.map((e) => e.globalPosition));
    });

    it('watches the head: reports growing positions up to which every appended event can be read', async () => {
      if (!store.watchHead) throw new Error('the adapter must implement watchHead');
      const id = streamId('watched');
      const start = await store.headPosition();
      const reported: bigint[] = [];
      const errors: unknown[] = [];
      const watch = store.watchHead({
        fromPosition: start,
        onAdvance: (position) => void reported.push(position),
        onError: (error) => errors.push(error),
      });
      try {
        await sleep(50);
        expect(reported).toEqual([]);
        let last = start;
        for (let i = 0; i < 5; i++) {
          const { positions } = await store.appendToStream(id, [newEvent('Watched', { i })], {
            expectedVersion: 'any',
          });
          last = positions[0]!;
          await waitFor(() => reported.length > 0 && reported[reported.length - 1]! >= last, `position ${last}`);
        }
        expectStrictlyIncreasing(reported);
        expect(reported[0]!).toBeGreaterThan(start);
        const upTo = reported[reported.length - 1]!;
        const readable = (await store.readAll({ fromPosition: start, filter: { streamIdPrefix: id } })).filter(
          (event) => event.globalPosition <= upTo,
        );
        expect(readable.map((event) => event.data.i)).toEqual([0, 1, 2, 3, 4]);
      } finally {
        await watch.stop();
      }
      const stoppedAt = reported.length;
      await store.appendToStream(id, [newEvent('Watched', { i: 5 })], { expectedVersion: 'any' });
      await sleep(100);
      expect(reported).toHaveLength(stoppedAt);
      expect(errors).toEqual([]);
    });

    it('upcasts old event shapes on every read, chaining versions, without rewriting them', async () => {
      const id = streamId('upcast');
      const start = await store.headPosition();
      await store.appendToStream(
        id,
        [
          newEvent(CONTRACT_UPCAST_TYPE, { name: 'Ada King Lovelace' }),
          newEvent(CONTRACT_UPCAST_TYPE, { fullName: 'Grace Hopper' }, { schemaVersion: 2 }),
          newEvent(CONTRACT_UPCAST_TYPE, { givenName: 'Alan', familyName: 'Turing' }, { schemaVersion: 3 }),
          newEvent('ContractUntouched', { name: 'as is' }),
        ],
        { expectedVersion: 'no-stream' },
      );
      const expected = [
        { schemaVersion: 3, data: { givenName: 'Ada', familyName: 'King Lovelace' } },
        { schemaVersion: 3, data: { givenName: 'Grace', familyName: 'Hopper' } },
        { schemaVersion: 3, data: { givenName: 'Alan', familyName: 'Turing' } },
        { schemaVersion: 1, data: { name: 'as is' } },
      ];
      const shape = (events: RecordedEvent[]) => events.map(({ schemaVersion, data }) => ({ schemaVersion, data }));
      expect(shape(await store.readStream(id))).toEqual(expected);
      expect(shape(await store.readAll({ fromPosition: start, filter: { streamIdPrefix: id } }))).toEqual(expected);
      const received: RecordedEvent[] = [];
      const subscription = store.subscribeToAll({
        fromPosition: start,
        filter: { streamIdPrefix: id },
        onEvent: (event) => {
          received.push(event);
        },
      });
      await waitFor(() => received.length >= 4, 'the upcast events');
      await subscription.stop();
      expect(shape(received)).toEqual(expected);
    });

    it('verifies the chain of an intact log (adapters with a hash chain)', async () => {
      if (!harness.verifyChain) return;
      await store.appendToStream(streamId('verify'), [newEvent('Verified', { ok: true })], {
        expectedVersion: 'no-stream',
      });
      expect(await harness.verifyChain()).toMatchObject({ intact: true });
    });
  });
}
