import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createDataSource } from '../../apps/api/src/database/database.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { freePort, runService, startService, stopProcess } from '../support/service-process.js';
import { acknowledgedAtLeast, CommandLoad, compileService, FAULT_TEST_TIMEOUT, managerKey } from './harness.js';

/** The event log, its hash chain and the migrations applied, row by row. */
async function eventStoreState(pool: pg.Pool): Promise<Record<string, string[]>> {
  const state: Record<string, string[]> = {};
  for (const [table, order] of [
    ['events', 'global_position'],
    ['event_hashes', 'global_position'],
    ['event_checkpoints', 'position'],
    ['schema_migrations', 'id'],
  ]) {
    const { rows } = await pool.query<{ row: string }>(
      `SELECT to_jsonb(t)::text AS row FROM ${table} t ORDER BY ${order}`,
    );
    state[table] = rows.map((row) => row.row);
  }
  return state;
}

/** Tables, indexes, sequences and views: they share one namespace. */
const relations = async (pool: pg.Pool) =>
  (
    await pool.query<{ name: string }>(
      "SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace ORDER BY relname",
    )
  ).rows.map((row) => row.name);

describe('a read-model migration that fails at start', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let outDir: string;

  beforeAll(async () => {
    [outDir, database] = await Promise.all([compileService(), createTestDatabase('faults_migration')]);
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
  }, FAULT_TEST_TIMEOUT);
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  }, FAULT_TEST_TIMEOUT);

  it(
    'stops the service with a clear error and a non-zero exit, and leaves the event store as it was',
    async () => {
      const port = await freePort();
      const service = await startService(outDir, port, { DATABASE_URL: database.url });
      const load = new CommandLoad(service.url, await managerKey(database.url), 2);
      await acknowledgedAtLeast(service, load, 20).finally(() => load.stop());
      // Sealing the chain is the service's background work: stop it cleanly first.
      await stopProcess(service, 'SIGTERM');

      // As if a new release brought the last migration while someone had made, by hand, a table
      // of the name of something it creates.
      const before = await relations(pool);
      const dataSource = createDataSource(database.url);
      await dataSource.initialize();
      // The newest migrations may create no relation (only functions): undo them up to one that does.
      let conflicting: string | undefined;
      for (let undone = 0; !conflicting && undone < 3; undone++) {
        await dataSource.undoLastMigration({ transaction: 'each' });
        const after = new Set(await relations(pool));
        conflicting = before.find((table) => !after.has(table));
      }
      await dataSource.destroy();
      expect(conflicting).toBeDefined();
      await pool.query(`CREATE TABLE "${conflicting}" (made_by_hand text)`);
      const state = await eventStoreState(pool);

      const failed = runService(outDir, port, { DATABASE_URL: database.url });
      expect(await failed.exited).not.toBe(0);
      expect(failed.errors.join('\n')).toMatch(
        new RegExp(
          `^Start-up failed: schema migration \\w+ failed and was rolled back: .*"${conflicting}" already exists`,
          'm',
        ),
      );
      expect(failed.lines.join('\n')).not.toMatch(/listening on/);
      expect(await eventStoreState(pool)).toEqual(state);
    },
    FAULT_TEST_TIMEOUT,
  );
});
