import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { PostgresEventStore, type EventStore } from '@lib/event-store';
import { createDataSource } from '../../../apps/api/src/database/database.js';
import { projections as registered } from '../../../apps/api/src/projections/projections.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { compile, startProcess, stopProcess, type ChildRun } from '../../../test/support/service-process.js';
import { agreementsProjection } from '../src/read-models/agreements/index.js';
import { auditTrailProjection } from '../src/read-models/audit-trail/index.js';
import {
  CheckpointStore,
  ProjectorRunner,
  projectionCheckpoint,
  projectionLags,
  rebuildProjection,
  type Projection,
} from '../src/runtime/index.js';
import { appendLog } from './fixtures/agreement-log.js';

const mine = [auditTrailProjection, agreementsProjection];

const until = async (condition: () => boolean | Promise<boolean>, ms = 30_000) => {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

interface Fixture {
  database: TestDatabase;
  pool: pg.Pool;
  store: PostgresEventStore;
  checkpoints: CheckpointStore;
}

async function fixture(label: string): Promise<Fixture> {
  const database = await createTestDatabase(label);
  const dataSource = createDataSource(database.url);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  const pool = new pg.Pool({ connectionString: database.url });
  const store = new PostgresEventStore(pool, { pollIntervalMs: 50 });
  return { database, pool, store, checkpoints: new CheckpointStore(pool) };
}

async function close({ database, pool, store }: Fixture) {
  await store.close();
  await pool.end();
  await database.drop();
}

/** Every row of the projection's tables, in a stable order. */
async function contents(pool: pg.Pool, projection: Projection): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const table of projection.tables) {
    const { rows } = await pool.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM "${table}" t`);
    tables[table] = rows.map((row) => row.row).sort();
  }
  return tables;
}

const caughtUp = async ({ store, checkpoints }: Fixture, projections: readonly Projection[]) => {
  const head = await store.headPosition();
  for (const projection of projections) {
    if ((await checkpoints.position(projectionCheckpoint(projection.name))) < head) return false;
  }
  return true;
};

const runner = (f: Fixture, projections: readonly Projection[], batchSize = 100) =>
  new ProjectorRunner(projections, {
    pool: f.pool,
    store: f.store,
    lockConnection: { connectionString: f.database.url },
    batchSize,
    pollIntervalMs: 50,
    retryMs: 50,
  });

const rebuild = (f: Fixture, projection: Projection, upTo?: bigint) =>
  rebuildProjection(projection, {
    pool: f.pool,
    store: f.store,
    lockConnection: { connectionString: f.database.url },
    batchSize: 250,
    ...(upTo !== undefined ? { upTo } : {}),
  });

describe('projectors and rebuilds', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture('projector');
  });
  afterAll(() => close(f));

  it('a rebuild of every registered projection gives exactly the rows the live projectors built', async () => {
    await appendLog(f.store, 20);
    const live = runner(f, registered, 37);
    await live.start();
    // More events while the projectors run, so that they build in several rounds.
    await appendLog(f.store, 10);
    await until(() => caughtUp(f, registered));
    await live.stop();
    for (const projection of registered) {
      const built = await contents(f.pool, projection);
      const result = await rebuild(f, projection);
      expect(result.position).toBe(await f.store.headPosition());
      expect(await contents(f.pool, projection)).toEqual(built);
    }
    const audit = await contents(f.pool, auditTrailProjection);
    expect(audit.audit_trail_entries).toHaveLength(Number(await f.store.headPosition()));
    // No personal data: the complainant's name and e-mail address are not in any read model.
    for (const projection of mine) {
      expect(JSON.stringify(await contents(f.pool, projection))).not.toMatch(/Erika|erika@example/);
    }
    // The swapped-in tables keep the index names of the migration.
    const { rows } = await f.pool.query<{ indexname: string }>(
      "SELECT indexname FROM pg_indexes WHERE tablename = 'audit_trail_entries' ORDER BY 1",
    );
    expect(rows.map((row) => row.indexname)).toContain('audit_trail_entries_clauses');
    expect(rows.map((row) => row.indexname)).toContain('audit_trail_entries_pkey');
  });

  it('rebuilds while the live projector runs and events keep coming, then both agree', async () => {
    const live = runner(f, mine, 50);
    await live.start();
    const appending = appendLog(f.store, 15);
    const [result] = await Promise.all([rebuild(f, auditTrailProjection), appending]);
    expect(result.applied).toBeGreaterThan(0);
    await until(() => caughtUp(f, mine));
    const afterRebuild = await contents(f.pool, auditTrailProjection);
    await live.stop();
    await rebuild(f, auditTrailProjection);
    expect(await contents(f.pool, auditTrailProjection)).toEqual(afterRebuild);
  });

  it('resets a read model to a position: rebuilt up to it, then the projector applies the rest', async () => {
    const head = await f.store.headPosition();
    const to = head / 2n;
    const reset = await rebuild(f, auditTrailProjection, to);
    expect(reset.position).toBe(to);
    expect(await f.checkpoints.position(projectionCheckpoint('audit-trail'))).toBe(to);
    const { rows } = await f.pool.query<{ count: string; max: string }>(
      'SELECT count(*), max(global_position) FROM audit_trail_entries',
    );
    expect(rows[0]).toEqual({ count: to.toString(), max: to.toString() });
    const [lag] = await projectionLags(f.store, f.pool, [auditTrailProjection]);
    expect(lag!.behind).toBe(head - to);
    expect(lag!.secondsBehind).toBeGreaterThanOrEqual(0);
    const live = runner(f, [auditTrailProjection]);
    await live.start();
    await until(() => caughtUp(f, [auditTrailProjection]));
    await live.stop();
    const caught = await contents(f.pool, auditTrailProjection);
    await rebuild(f, auditTrailProjection);
    expect(await contents(f.pool, auditTrailProjection)).toEqual(caught);
    await expect(rebuild(f, auditTrailProjection, head + 1000n)).rejects.toThrow(/beyond the head/);
  });

  it('is woken by the head of the log, never through a subscription', async () => {
    await until(() => caughtUp(f, mine));
    let headsRead = 0;
    const watched: EventStore = {
      appendToStream: (...args) => f.store.appendToStream(...args),
      readStream: (...args) => f.store.readStream(...args),
      readAll: (...args) => f.store.readAll(...args),
      headPosition: () => {
        headsRead++;
        return f.store.headPosition();
      },
      watchHead: (options) => f.store.watchHead(options),
      subscribeToAll: () => {
        throw new Error('the projectors must not read the log through a subscription');
      },
      close: async () => undefined,
    };
    const live = new ProjectorRunner(mine, {
      pool: f.pool,
      store: watched,
      lockConnection: { connectionString: f.database.url },
      // Far longer than the test may take: only a wake-up brings the projectors to the new events.
      pollIntervalMs: 600_000,
    });
    await live.start();
    // Every projector has looked at the log (and found nothing new) before the events come.
    await until(() => headsRead > 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await appendLog(f.store, 2);
    await until(() => caughtUp(f, mine), 10_000);
    await live.stop();
  });

  it('stops at a failing event, keeps the events before it, reports it, and goes on once it applies', async () => {
    await appendLog(f.store, 3);
    const head = await f.store.headPosition();
    const poison = head - 5n;
    let broken = true;
    const fragile: Projection = {
      name: 'fragile',
      tables: ['audit_trail_entries'],
      async apply(events) {
        if (broken && events.some((event) => event.globalPosition === poison)) throw new Error('cannot apply');
      },
    };
    const live = runner(f, [fragile], 500);
    await live.start();
    await until(async () => (await f.checkpoints.all()).some((c) => c.name === 'projection:fragile' && c.failure));
    const stored = (await f.checkpoints.all()).find((c) => c.name === 'projection:fragile')!;
    expect(stored.position).toBe(poison - 1n);
    expect(stored.failure).toMatchObject({ position: poison, message: 'cannot apply' });
    expect(live.statuses()[0]).toMatchObject({ state: 'failed', failure: { position: poison } });
    const [report] = await live.report();
    expect(report).toMatchObject({ behind: head - poison + 1n, failure: { position: poison } });
    expect(report!.secondsBehind).toBeGreaterThanOrEqual(0);
    broken = false;
    await until(() => caughtUp(f, [fragile]));
    await until(() => live.statuses()[0]!.state === 'running');
    expect((await f.checkpoints.all()).find((c) => c.name === 'projection:fragile')!.failure).toBeUndefined();
    await live.stop();
  });
});

describe('projector processes that die', () => {
  let f: Fixture;
  let outDir: string;
  const children: ChildRun[] = [];

  beforeAll(async () => {
    f = await fixture('projector_crash');
    // The child runs compiled JavaScript.
    outDir = await compile('projector-child', ['libs/projections/test/fixtures/projector-child.ts']);
  }, 180_000);
  afterEach(async () => {
    for (const child of children.splice(0)) await stopProcess(child);
  });
  afterAll(() => close(f));

  /** Starts a projector process; `lines` collects what it says. */
  function start(env: Record<string, string>): ChildRun {
    const child = startProcess(path.join(outDir, 'libs/projections/test/fixtures/projector-child.js'), {
      DATABASE_URL: f.database.url,
      ...env,
    });
    children.push(child);
    return child;
  }

  it('killed in the middle of a batch, it resumes after a restart and the read models equal a clean rebuild', async () => {
    await appendLog(f.store, 40);
    const projector = start({ BATCH_SIZE: '20', APPLY_DELAY_MS: '150' });
    // Several batches committed, and the next one applied but not committed: kill it there.
    await until(() => projector.lines.filter((line) => line.startsWith('applied audit-trail')).length >= 4);
    await stopProcess(projector);
    const position = await f.checkpoints.position(projectionCheckpoint('audit-trail'));
    const { rows } = await f.pool.query<{ count: string; max: string | null }>(
      'SELECT count(*), max(global_position) FROM audit_trail_entries',
    );
    // The open transaction died with the process: only the committed batches are there.
    expect(BigInt(rows[0]!.count)).toBe(position);
    expect(position).toBeGreaterThan(0n);
    expect(position).toBeLessThan(await f.store.headPosition());

    const restarted = runner(f, mine, 20);
    await restarted.start();
    await until(() => caughtUp(f, mine));
    await restarted.stop();
    for (const projection of mine) {
      const built = await contents(f.pool, projection);
      await rebuild(f, projection);
      expect(await contents(f.pool, projection)).toEqual(built);
    }
  });

  it('two instances: one projects, the other takes over when it is killed, with no row twice', async () => {
    await appendLog(f.store, 30);
    const env = { BATCH_SIZE: '10', APPLY_DELAY_MS: '100', PROJECTIONS: 'audit-trail' };
    const a = start(env);
    await until(() => a.lines.includes('log info projection audit-trail: leads'));
    const b = start(env);
    await until(() => b.lines.includes('started'));
    await until(() => a.lines.filter((line) => line.startsWith('applied')).length >= 3);
    expect(b.lines.filter((line) => line.startsWith('applied') || line.endsWith(': leads'))).toEqual([]);
    await stopProcess(a);
    await until(() => b.lines.includes('log info projection audit-trail: leads'));
    await until(() => caughtUp(f, [auditTrailProjection]), 60_000);
    const { rows } = await f.pool.query<{ count: string; distinct: string }>(
      'SELECT count(*), count(DISTINCT event_id) AS distinct FROM audit_trail_entries',
    );
    const head = await f.store.headPosition();
    expect(rows[0]).toEqual({ count: head.toString(), distinct: head.toString() });
    await stopProcess(b, 'SIGTERM');
    const built = await contents(f.pool, auditTrailProjection);
    await rebuild(f, auditTrailProjection);
    expect(await contents(f.pool, auditTrailProjection)).toEqual(built);
  });
});
