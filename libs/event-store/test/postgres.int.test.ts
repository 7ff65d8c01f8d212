import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { EventMetadata, ExpectedVersion, NewEvent, RecordedEvent } from '../src/event-store.js';
import { ChainSealer } from '../src/chain/chain-sealer.js';
import { stretchesToVerify } from '../src/chain/verify-chain-in-parallel.js';
import { APPEND_ONE_EACH_STATEMENT, APPEND_ONE_STATEMENT } from '../src/postgres/append-one-statement.js';
import { NOTIFY_CHANNEL } from '../src/postgres/constants.js';
import { PostgresEventStore } from '../src/postgres/postgres-event-store.js';
import { deserializeRecordedEvent, serializeRecordedEvent } from '../src/serialization.js';
import { UpcasterRegistry } from '../src/upcasting/upcaster-registry.js';
import { describeEventStoreContract } from './event-store-contract.js';
import { startPostgresHarness, type PostgresHarness } from './postgres-harness.js';

describeEventStoreContract('PostgreSQL adapter', async ({ upcasters }) => {
  const harness = await startPostgresHarness({ store: { upcasters }, sealer: { checkpointEvery: 500 } });
  return {
    store: harness.store,
    verifyChain: async () => {
      await harness.sealer.checkpoint();
      return harness.verify();
    },
    teardown: () => harness.teardown(),
  };
});

const metadata = (): EventMetadata => ({
  actor: 'user:pg',
  correlationId: randomUUID(),
  causationId: randomUUID(),
  clauses: ['8.3.4.1'],
});
const newEvent = (type: string, data: Record<string, unknown> = {}, schemaVersion = 1): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion,
  data,
  metadata: metadata(),
});

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe('PostgreSQL adapter specifics', () => {
  let harness: PostgresHarness;
  const upcasters = new UpcasterRegistry([
    {
      type: 'SupplierRegistered',
      fromVersion: 1,
      toVersion: 2,
      upcast: ({ supplierName, ...rest }) => ({ ...rest, name: { legal: supplierName, trading: supplierName } }),
    },
  ]);

  beforeAll(async () => {
    harness = await startPostgresHarness({ store: { upcasters } });
  });

  afterAll(async () => {
    await harness?.teardown();
  });

  it('reads an event stored in an old shape (schema version 1, written with SQL) in the new shape', async () => {
    const eventId = randomUUID();
    await harness.pool.query(
      `INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
       VALUES ('supplier-legacy', 0, $1, 'SupplierRegistered', 1, $2, $3)`,
      [eventId, { supplierName: 'ACME Ltd', owner: 'bob' }, metadata()],
    );
    const [event] = await harness.store.readStream('supplier-legacy');
    expect(event).toMatchObject({
      eventId,
      schemaVersion: 2,
      data: { owner: 'bob', name: { legal: 'ACME Ltd', trading: 'ACME Ltd' } },
    });
    const fromLog = await harness.store.readAll({ filter: { streamIdPrefix: 'supplier-legacy' } });
    expect(fromLog.map((e) => e.data)).toEqual([event!.data]);
    const stored = await harness.pool.query('SELECT schema_version, data FROM events WHERE event_id = $1', [eventId]);
    expect(stored.rows[0]).toEqual({ schema_version: 1, data: { supplierName: 'ACME Ltd', owner: 'bob' } });
  });

  it.each([
    ['small positions', undefined],
    ['positions crossing 2^32', 4_294_967_294n],
  ])('never lets a reader pass a position whose transaction is still open (%s)', async (_, setTo) => {
    if (setTo) await harness.pool.query(`SELECT setval('events_global_position_seq', $1)`, [setTo.toString()]);
    const start = await harness.store.headPosition();
    const fastStream = `order-fast-${randomUUID()}`;
    const slow = new pg.Client({ connectionString: harness.database.url });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      const held = await slow.query<{ positions: string[] }>(
        'SELECT positions FROM event_store_append($1, -2, $2, false, false)',
        ['order-slow', JSON.stringify(setTo ? [newEvent('Slow'), newEvent('Slow')] : [newEvent('Slow')])],
      );
      const slowPosition = BigInt(held.rows[0]!.positions[0]!);
      const fast = await harness.store.appendToStream(fastStream, [newEvent('Fast')], { expectedVersion: 'any' });
      expect(fast.positions[0]! > slowPosition).toBe(true);
      if (setTo) expect(slowPosition <= 4_294_967_296n && fast.positions[0]! > 4_294_967_296n).toBe(true);

      // The later event is committed, but the earlier position may still commit: readers stop before both.
      expect((await harness.store.readStream(fastStream)).map((e) => e.type)).toEqual(['Fast']);
      expect(await harness.store.readAll({ fromPosition: start })).toEqual([]);
      expect(await harness.store.headPosition()).toBe(start);
      const seen: RecordedEvent[] = [];
      const subscription = harness.store.subscribeToAll({ fromPosition: start, onEvent: (e) => void seen.push(e) });
      await sleep(300);
      expect(seen).toEqual([]);
      const sealed = await harness.sealer.sealPending();
      expect(sealed.sealedUpTo).toBeLessThanOrEqual(start);

      await slow.query('COMMIT');
      const expected = setTo ? ['Slow', 'Slow', 'Fast'] : ['Slow', 'Fast'];
      await waitFor(() => seen.length >= expected.length, 'all events');
      await subscription.stop();
      expect(seen.map((e) => e.type)).toEqual(expected);
      expect((await harness.store.readAll({ fromPosition: start })).map((e) => e.type)).toEqual(expected);
      expect(await harness.store.headPosition()).toBe(fast.positions[0]);
    } finally {
      await slow.query('ROLLBACK').catch(() => undefined);
      await slow.end();
    }
  });

  it('never lets a reader pass a position that the lean appends hold open', async () => {
    const start = await harness.store.headPosition();
    const slow = new pg.Client({ connectionString: harness.database.url });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      const one = newEvent('SlowOne');
      await slow.query(APPEND_ONE_STATEMENT.text, [
        'lean-slow',
        -1,
        one.eventId,
        one.type,
        1,
        one.data,
        one.metadata,
        false,
      ]);
      await slow.query('SELECT * FROM event_store_append_many($1, 0, $2, false)', [
        'lean-slow',
        JSON.stringify([newEvent('SlowMany'), newEvent('SlowMany')]),
      ]);
      const fast = await harness.store.appendToStream(`lean-fast-${randomUUID()}`, [newEvent('Fast')], {
        expectedVersion: 'no-stream',
      });
      expect(await harness.store.readAll({ fromPosition: start })).toEqual([]);
      expect(await harness.store.headPosition()).toBe(start);

      await slow.query('COMMIT');
      const events = await harness.store.readAll({ fromPosition: start });
      expect(events.map((e) => e.type)).toEqual(['SlowOne', 'SlowMany', 'SlowMany', 'Fast']);
      expect(events.filter((e) => e.streamId === 'lean-slow').map((e) => e.streamVersion)).toEqual([0, 1, 2]);
      expect(await harness.store.headPosition()).toBe(fast.positions[0]);
    } finally {
      await slow.query('ROLLBACK').catch(() => undefined);
      await slow.end();
    }
  });

  it('sends one-event appends made together in one statement, each with its own answer', async () => {
    const id = randomUUID();
    const stream = (name: string) => `together-${name}-${id}`;
    const retried = newEvent('Retried');
    await harness.store.appendToStream(stream('retried'), [retried], { expectedVersion: 'no-stream' });
    await harness.store.appendToStream(stream('moved-on'), [newEvent('A'), newEvent('B'), newEvent('C')], {
      expectedVersion: 'no-stream',
    });
    const query = pg.Client.prototype.query;
    const statements: number[] = [];
    pg.Client.prototype.query = function (this: pg.Client, config: unknown, ...rest: unknown[]) {
      const sent = (query as (...args: unknown[]) => unknown).call(this, config, ...rest);
      if ((config as { name?: string } | null)?.name === 'event_store_append_one_each') {
        void (sent as Promise<pg.QueryResult>).then(
          (result) => statements.push(result.rowCount ?? 0),
          () => statements.push(-1),
        );
      }
      return sent;
    } as typeof query;
    const append = (name: string, expectedVersion: ExpectedVersion, event = newEvent('Together')) =>
      harness.store.appendToStream(stream(name), [event], { expectedVersion }).then(
        (result) => result.nextExpectedVersion,
        (error: Error) => error.name,
      );
    try {
      // The first goes alone; the others wait for it, then go together (the short one is left out).
      const answers = await Promise.all([
        append('first', 'no-stream'),
        ...Array.from({ length: 5 }, (_, i) => append(`new-${i}`, 'no-stream')),
        append('short', 4),
        append('any', 'any'),
        append('first', 0),
      ]);
      expect(answers).toEqual([0, 0, 0, 0, 0, 0, 'WrongExpectedVersionError', 0, 1]);
      expect(statements).toEqual([7]);
      // A known event id, or a stream past the expected version, fails the whole statement: each
      // append then goes alone and gets its precise answer.
      const collided = await Promise.all([
        append('first', 'no-stream'),
        append('retried', 'no-stream', retried),
        append('after-collision', 'no-stream'),
        append('moved-on', 0),
        append('after-collision-too', 'no-stream'),
      ]);
      expect(collided).toEqual(['WrongExpectedVersionError', 0, 0, 'WrongExpectedVersionError', 0]);
      expect(statements).toEqual([7, -1]);
    } finally {
      pg.Client.prototype.query = query;
    }
    const written = (await harness.store.readAll()).filter((event) => event.streamId.endsWith(id));
    expect(written.map((event) => `${event.streamId.replace(`-${id}`, '')}@${event.streamVersion}`).sort()).toEqual(
      [
        'together-after-collision-too@0',
        'together-after-collision@0',
        'together-any@0',
        'together-first@0',
        'together-first@1',
        'together-moved-on@0',
        'together-moved-on@1',
        'together-moved-on@2',
        ...Array.from({ length: 5 }, (_, i) => `together-new-${i}@0`),
        'together-retried@0',
      ].sort(),
    );
  });

  it('plans the statement of appends made together to look each stream up by its key, however small the log', async () => {
    // A connection keeps the generic plan it made first, so a plan that suits a small log stays as the log grows.
    const client = await harness.pool.connect();
    try {
      await client.query('SET plan_cache_mode = force_generic_plan');
      await client.query(
        `PREPARE together(text[], integer[], uuid[], text[], integer[], jsonb[], jsonb[], boolean) AS ${APPEND_ONE_EACH_STATEMENT.text}`,
      );
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN EXECUTE together('{a,b}', '{0,0}', ARRAY[gen_random_uuid(), gen_random_uuid()], '{X,X}', '{1,1}',
          '{"{}","{}"}', '{"{}","{}"}', false)`,
      );
      const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(plan).toContain('using events_stream_version_key on events');
      expect(plan).not.toMatch(/hashed SubPlan|Seq Scan on events/);
    } finally {
      client.release(true); // its plan setting and prepared statement go with it
    }
  });

  it('asks once for the safe position for the readers of one turn, and each sees what was appended', async () => {
    const start = await harness.store.headPosition();
    const appended = await harness.store.appendToStream(`shared-${randomUUID()}`, [newEvent('Shared')], {
      expectedVersion: 'no-stream',
    });
    const pool = harness.store.pool;
    const query = pool.query;
    let asked = 0;
    pool.query = function (this: pg.Pool, config: unknown, ...rest: unknown[]) {
      const text = typeof config === 'string' ? config : (config as { text?: string }).text;
      if (text?.includes('event_store_safe_position')) asked++;
      return (query as (...args: unknown[]) => unknown).call(this, config, ...rest);
    } as typeof pool.query;
    try {
      const [first, second, head] = await Promise.all([
        harness.store.readAll({ fromPosition: start }),
        harness.store.readAll({ fromPosition: start, filter: { types: ['Shared'] } }),
        harness.store.headPosition(),
      ]);
      expect(first.map((event) => event.type)).toEqual(['Shared']);
      expect(second.map((event) => event.globalPosition)).toEqual(appended.positions);
      expect(head).toBe(appended.positions[0]);
      expect(asked).toBe(1);
    } finally {
      pool.query = query;
    }
  });

  it('skips the positions of rolled-back appends without stalling readers', async () => {
    const start = await harness.store.headPosition();
    const client = new pg.Client({ connectionString: harness.database.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT * FROM event_store_append($1, -2, $2, false, false)', [
        'rolled-back',
        JSON.stringify([newEvent('Gone')]),
      ]);
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
    const kept = await harness.store.appendToStream('rolled-back', [newEvent('Kept')], {
      expectedVersion: 'no-stream',
    });
    expect(kept.positions[0]! > start + 1n).toBe(true);
    expect((await harness.store.readAll({ fromPosition: start })).map((e) => e.type)).toEqual(['Kept']);
  });

  it('wakes subscribers in other processes through LISTEN/NOTIFY, in both notification modes', async () => {
    for (const notification of ['after-commit', 'in-transaction'] as const) {
      const pool = new pg.Pool({ connectionString: harness.database.url, max: 2 });
      const other = new PostgresEventStore(pool, { notification });
      // A reader that would poll only every 10 s: it must be woken by the notification.
      const reader = new PostgresEventStore(harness.pool, { pollIntervalMs: 10_000 });
      const seen: RecordedEvent[] = [];
      const stream = `notify-${notification}`;
      const subscription = reader.subscribeToAll({
        fromPosition: await reader.headPosition(),
        filter: { streamIdPrefix: stream },
        onEvent: (e) => void seen.push(e),
      });
      await sleep(200);
      await other.appendToStream(stream, [newEvent('Notified')], { expectedVersion: 'no-stream' });
      await waitFor(() => seen.length === 1, `the event (${notification})`, 3_000);
      await subscription.stop();
      await reader.close();
      await other.close();
      await pool.end();
    }
  });

  it("sends a writer's NOTIFYs at most once per 5 ms or so, the last naming its last append", async () => {
    const listener = new pg.Client({ connectionString: harness.database.url });
    await listener.connect();
    const notified: bigint[] = [];
    listener.on('notification', (message) => void notified.push(BigInt(message.payload!)));
    try {
      await listener.query(`LISTEN ${NOTIFY_CHANNEL}`);
      const writer = new PostgresEventStore(harness.pool);
      const started = performance.now();
      let last = 0n;
      for (let version = 0; version < 100; version++) {
        const { positions } = await writer.appendToStream('notify-one-writer', [newEvent('Notified')], {
          expectedVersion: version === 0 ? 'no-stream' : version - 1,
        });
        last = positions[0]!;
      }
      // Closing right after the last append still announces it.
      await writer.close();
      const elapsedMs = performance.now() - started;
      await waitFor(() => notified.at(-1) === last, 'the notification of the last append');
      // Timers may fire up to a millisecond early: at most one NOTIFY per 4 ms, then.
      expect(notified.length).toBeLessThanOrEqual(Math.ceil(elapsedMs / 4) + 1);
    } finally {
      await listener.end();
    }
  });

  it('keeps only one sealer at work at a time, and the chain stays intact', async () => {
    for (let i = 0; i < 20; i++) {
      await harness.store.appendToStream(`sealing-${i % 4}`, [newEvent('Sealed', { i }), newEvent('Sealed', { i })], {
        expectedVersion: 'any',
      });
    }
    const others = [0, 1, 2].map(
      () => new ChainSealer(harness.pool, { signingKey: harness.privateKey, batchSize: 7, checkpointEvery: 9 }),
    );
    await Promise.all([...others.map((sealer) => sealer.sealPending()), harness.sealer.sealPending()]);
    await others[0]!.checkpoint();
    const verification = await harness.verify();
    expect(verification).toMatchObject({ intact: true, verifiedUpTo: await harness.store.headPosition() });
    expect(verification.checkpoints.length).toBeGreaterThan(0);
    expect(verification.checkpoints.every((checkpoint) => checkpoint.signatureValid)).toBe(true);
    const { rows } = await harness.pool.query<{ n: number; distinct: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS distinct FROM event_hashes',
    );
    expect(rows[0]!.n).toBe(rows[0]!.distinct);
  });

  it('cuts a parallel verification at the checkpoints nearest the middle of the log', async () => {
    const own = await startPostgresHarness({ sealer: { checkpointEvery: 10 } });
    try {
      for (let i = 0; i < 10; i++) {
        const events = Array.from({ length: 100 }, (_, k) => newEvent('Cut', { k }));
        await own.store.appendToStream(`cut-${i}`, events, { expectedVersion: 'no-stream' });
      }
      await own.sealer.sealPending();
      await own.sealer.checkpoint();
      // Checkpoints at 10, 20, …, 1000: ordered as text, the one at 90 would be the last below 500.
      expect(await stretchesToVerify(own.pool, undefined, 2, 100)).toEqual([
        { from: 1n, to: 500n },
        { from: 501n, to: 1000n },
      ]);
      expect(await stretchesToVerify(own.pool, { from: 101n, to: 1000n }, 3, 100)).toEqual([
        { from: 101n, to: 400n },
        { from: 401n, to: 700n },
        { from: 701n, to: 1000n },
      ]);
    } finally {
      await own.teardown();
    }
  });

  it('seals in the background right after appends', async () => {
    harness.sealer.start();
    try {
      const { positions } = await harness.store.appendToStream('background', [newEvent('Sealed')], {
        expectedVersion: 'any',
      });
      const deadline = Date.now() + 5_000;
      for (;;) {
        const { rows } = await harness.pool.query('SELECT 1 FROM event_hashes WHERE global_position = $1', [
          positions[0]!.toString(),
        ]);
        if (rows.length) break;
        if (Date.now() > deadline) throw new Error('the background sealer did not seal the event');
        await sleep(50);
      }
    } finally {
      await harness.sealer.stop();
    }
  });

  it('refuses malformed input before it reaches the database', async () => {
    const event = newEvent('Valid');
    await expect(harness.store.appendToStream('', [event], { expectedVersion: 'any' })).rejects.toThrow(TypeError);
    await expect(
      harness.store.appendToStream('s', [{ ...event, eventId: 'nope' }], { expectedVersion: 'any' }),
    ).rejects.toThrow(TypeError);
    await expect(
      harness.store.appendToStream('s', [{ ...event, schemaVersion: 0 }], { expectedVersion: 'any' }),
    ).rejects.toThrow(TypeError);
    await expect(harness.store.appendToStream('s', [event], { expectedVersion: -1 })).rejects.toThrow(RangeError);
    await expect(harness.store.appendToStream('s', [event, event], { expectedVersion: 'any' })).rejects.toMatchObject({
      name: 'DuplicateEventIdError',
    });
  });

  it('serialises positions as strings and recorded-at as ISO-8601, and back', async () => {
    await harness.store.appendToStream('serialised', [newEvent('S', { x: 1 })], { expectedVersion: 'any' });
    const [event] = await harness.store.readStream('serialised');
    const json = JSON.parse(JSON.stringify(serializeRecordedEvent(event!)));
    expect(json.globalPosition).toBe(event!.globalPosition.toString());
    expect(json.recordedAt).toBe(event!.recordedAt.toISOString());
    expect(deserializeRecordedEvent(json)).toEqual(event);
  });
});
