import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { NewEvent, RecordedEvent } from '@lib/event-store';
import { PostgresEventStore } from '@lib/event-store';
import { createDataSource } from '../../../apps/api/src/database/database.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { CheckpointStore, LeaderLock, LogProcessor } from '../src/runtime/index.js';

const event = (type = 'Happened'): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data: {},
  metadata: { actor: 'test', correlationId: randomUUID(), causationId: randomUUID(), clauses: ['8.3.3'] },
});

const until = async (condition: () => boolean | Promise<boolean>, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe('a processor of the log', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let store: PostgresEventStore;
  let checkpoints: CheckpointStore;

  beforeAll(async () => {
    database = await createTestDatabase('log_processor');
    const dataSource = createDataSource(database.url);
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.destroy();
    pool = new pg.Pool({ connectionString: database.url });
    store = new PostgresEventStore(pool, { pollIntervalMs: 50 });
    checkpoints = new CheckpointStore(pool);
  });
  afterAll(async () => {
    await store.close();
    await pool.end();
    await database.drop();
  });

  const processor = (name: string, handle: (event: RecordedEvent) => Promise<void>, types?: string[]) =>
    new LogProcessor(store, checkpoints, new LeaderLock({ connectionString: database.url }, name), {
      name,
      handle,
      retryMs: 50,
      ...(types ? { filter: { types } } : {}),
    });

  it('resumes from its stored checkpoint, and sees only the types it asked for', async () => {
    const seen: string[] = [];
    await store.appendToStream('s-1', [event(), event('Other'), event()], { expectedVersion: 'no-stream' });
    const first = processor('resume', async (e) => void seen.push(e.eventId), ['Happened']);
    first.start();
    await until(() => seen.length === 2);
    await first.stop();
    await store.appendToStream('s-1', [event()], { expectedVersion: 2 });
    const second = processor('resume', async (e) => void seen.push(e.eventId), ['Happened']);
    second.start();
    await until(() => seen.length === 3);
    await second.stop();
    expect(new Set(seen).size).toBe(3);
  });

  it('stops at a failing event without moving past it, reports it, and goes on once it succeeds', async () => {
    const name = 'failing';
    let failuresLeft = 3;
    const handled: bigint[] = [];
    await store.appendToStream('s-2', [event('Fails')], { expectedVersion: 'no-stream' });
    const failing = processor(
      name,
      async (e) => {
        if (failuresLeft-- > 0) throw new Error('not yet');
        handled.push(e.globalPosition);
      },
      ['Fails'],
    );
    failing.start();
    await until(async () => (await checkpoints.all()).some((c) => c.name === name && c.failure !== undefined));
    expect(handled).toEqual([]);
    await until(() => handled.length === 1);
    await until(async () => (await checkpoints.all()).find((c) => c.name === name)?.failure === undefined);
    expect(failing.status().state).toBe('running');
    await failing.stop();
  });

  it('runs on one instance at a time, and a standby takes over when the leader goes', async () => {
    const byInstance = { a: [] as bigint[], b: [] as bigint[] };
    const a = processor('leader', async (e) => void byInstance.a.push(e.globalPosition), ['Led']);
    const b = processor('leader', async (e) => void byInstance.b.push(e.globalPosition), ['Led']);
    a.start();
    await until(() => a.status().state === 'running');
    b.start();
    await store.appendToStream('s-3', [event('Led'), event('Led')], { expectedVersion: 'no-stream' });
    await until(() => byInstance.a.length === 2);
    expect(b.status().state).toBe('standby');
    await a.stop();
    await store.appendToStream('s-3', [event('Led')], { expectedVersion: 1 });
    await until(() => byInstance.b.length === 1);
    expect(byInstance.b[0]).toBeGreaterThan(byInstance.a[1]!);
    await b.stop();
  });
});
