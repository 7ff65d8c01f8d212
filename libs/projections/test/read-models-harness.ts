import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PostgresEventStore } from '@lib/event-store';
import { createDataSource } from '../../../apps/api/src/database/database.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { projectionTransaction } from '../src/runtime/projection-batch.js';
import type { Projection } from '../src/runtime/projection.js';

/**
 * Runs read-model projections without the projector runtime: a fresh database
 * with every migration, domain events appended to the real event store, and
 * each projection applied to the log after its own (in-memory) checkpoint in
 * a transaction, through the same `table()` indirection the runtime uses.
 */
export interface ProjectionHarness {
  readonly pool: pg.Pool;
  /** Appends one domain event to a stream. */
  append(streamId: string, type: string, data: object): Promise<void>;
  /** Applies the events recorded since the last call to the projection, in one transaction. */
  project(projection: Projection): Promise<number>;
  rows<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * Applies the whole log again into fresh copies of the projection's tables
   * (as a rebuild does) and answers the tables whose rows differ from the live ones. The batches are
   * of varying size, as the runtime may cut them, or all of `batchSize` events when given.
   */
  rebuildDiffers(projection: Projection, batchSize?: number): Promise<string[]>;
  close(): Promise<void>;
}

export async function projectionHarness(label: string): Promise<ProjectionHarness> {
  const database: TestDatabase = await createTestDatabase(label);
  const dataSource = createDataSource(database.url);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  const pool = new pg.Pool({ connectionString: database.url });
  const store = new PostgresEventStore(pool);
  const checkpoints = new Map<string, bigint>();

  return {
    pool,
    async append(streamId, type, data) {
      await store.appendToStream(
        streamId,
        [
          {
            eventId: randomUUID(),
            type,
            schemaVersion: 1,
            data: data as Record<string, unknown>,
            metadata: { actor: 'test', correlationId: randomUUID(), causationId: randomUUID(), clauses: ['8.3.3'] },
          },
        ],
        { expectedVersion: 'any' },
      );
    },
    async project(projection) {
      const events = await store.readAll({
        fromPosition: checkpoints.get(projection.name) ?? 0n,
        ...(projection.eventTypes ? { filter: { types: projection.eventTypes } } : {}),
      });
      if (events.length === 0) return 0;
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx = projectionTransaction(projection, client);
        await projection.apply(events, tx);
        await tx.flush();
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
      checkpoints.set(projection.name, events[events.length - 1]!.globalPosition);
      return events.length;
    },
    async rows<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as T[];
    },
    async rebuildDiffers(projection, batchSize) {
      const copy = (table: string) => `${table}__again`;
      for (const table of projection.tables) {
        await pool.query(`DROP TABLE IF EXISTS "${copy(table)}"`);
        await pool.query(`CREATE TABLE "${copy(table)}" (LIKE "${table}" INCLUDING ALL)`);
      }
      const events = await store.readAll(projection.eventTypes ? { filter: { types: projection.eventTypes } } : {});
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const next = (size: number) => batchSize ?? (size % 7) + 1;
        for (let from = 0, size = next(0); from < events.length; from += size, size = next(size)) {
          const tx = projectionTransaction(projection, client, '__again');
          await projection.apply(events.slice(from, from + size), tx);
          await tx.flush();
        }
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      const differing: string[] = [];
      for (const table of projection.tables) {
        const { rows } = await pool.query(
          `SELECT count(*)::int AS n FROM ((TABLE "${table}" EXCEPT ALL TABLE "${copy(table)}")
             UNION ALL (TABLE "${copy(table)}" EXCEPT ALL TABLE "${table}")) d`,
        );
        if (rows[0].n !== 0) differing.push(table);
      }
      return differing;
    },
    async close() {
      await store.close();
      await pool.end();
      await database.drop();
    },
  };
}
