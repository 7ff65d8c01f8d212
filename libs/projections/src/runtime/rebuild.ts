import type pg from 'pg';
import type { EventStore } from '@lib/event-store';
import { LeaderLock } from './leader-lock.js';
import {
  REBUILD_SUFFIX,
  inTransaction,
  lockCheckpoint,
  moveCheckpoint,
  projectionCheckpoint,
  projectionFilter,
  projectionTransaction,
  quoteIdentifier,
} from './projection-batch.js';
import type { Projection } from './projection.js';

export interface RebuildProgress {
  readonly name: string;
  readonly phase: 'building' | 'swapping';
  /** Every event of the log up to this position is in the fresh tables. */
  readonly position: bigint;
  /** Where the rebuild is heading: the head of the log (it moves on a live system), or the reset position. */
  readonly target: bigint;
  /** Events applied so far. */
  readonly applied: number;
  readonly eventsPerSecond: number;
}

export interface RebuildOptions {
  readonly pool: pg.Pool;
  readonly store: EventStore;
  /** Connection for the rebuild's lock (one rebuild of a projection at a time). */
  readonly lockConnection: pg.ClientConfig;
  /**
   * Build only up to this position and leave the checkpoint there (reset):
   * the running projector then applies the rest. Default: up to the head.
   */
  readonly upTo?: bigint;
  /** Events per read and per transaction (default 2000). */
  readonly batchSize?: number;
  readonly onProgress?: (progress: RebuildProgress) => void;
}

export interface RebuildResult {
  readonly name: string;
  /** The checkpoint swapped in with the tables. */
  readonly position: bigint;
  readonly applied: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

/**
 * Rebuilds a projection from the whole log without stopping its readers:
 * builds fresh copies of its tables (`<table>__rebuild`, `LIKE <table>
 * INCLUDING ALL`), applies the log to them in batches, and once caught up
 * swaps them in and sets the checkpoint in one transaction. That transaction
 * holds the checkpoint's row lock, which the live projector takes before it
 * writes, so the live projector either committed before (and the swap
 * applies what it applied too) or resumes after it from the new checkpoint.
 *
 * With `upTo` it is a reset: the read model is rebuilt as of that position
 * and the checkpoint is set there, so no event is skipped or applied twice.
 */
export async function rebuildProjection(projection: Projection, options: RebuildOptions): Promise<RebuildResult> {
  const { pool, store, upTo } = options;
  const batchSize = options.batchSize ?? 2_000;
  const name = projectionCheckpoint(projection.name);
  const lock = new LeaderLock(options.lockConnection, `rebuild:${name}`);
  if (!(await lock.tryAcquire(() => undefined))) {
    throw new Error(`A rebuild of ${projection.name} is already running`);
  }
  const started = performance.now();
  let position = 0n;
  let applied = 0;
  const rate = () => {
    const seconds = (performance.now() - started) / 1000;
    return seconds > 0 ? Math.round(applied / seconds) : 0;
  };
  const report = (phase: RebuildProgress['phase'], target: bigint) =>
    options.onProgress?.({ name: projection.name, phase, position, target, applied, eventsPerSecond: rate() });
  const fresh = (client: pg.PoolClient) => projectionTransaction(projection, client, REBUILD_SUFFIX);

  /** Applies the log after `position` up to `target` (or the head), one batch per call; answers whether it got there. */
  const applyNextBatch = async (target: bigint, client?: pg.PoolClient): Promise<boolean> => {
    if (position >= target) return true;
    const read = await store.readAll({
      fromPosition: position,
      limit: batchSize,
      filter: projectionFilter(projection),
    });
    const events = read.filter((event) => event.globalPosition <= target);
    if (events.length > 0) {
      if (client) await projection.apply(events, fresh(client));
      else await inTransaction(pool, (own) => projection.apply(events, fresh(own)));
      applied += events.length;
    }
    const last = events.length > 0 ? events[events.length - 1]!.globalPosition : position;
    position = read.length === batchSize && events.length === read.length ? last : target;
    return position >= target;
  };

  try {
    if (upTo !== undefined) {
      const head = await store.headPosition();
      if (upTo > head) throw new Error(`Position ${upTo} is beyond the head of the log (${head})`);
    }
    await createFreshTables(pool, projection);
    // Catch up outside the swap: readers and the live projector go on meanwhile.
    for (;;) {
      const target = upTo ?? (await store.headPosition());
      const done = await applyNextBatch(target);
      report('building', target);
      if (done) break;
    }
    await inTransaction(pool, async (client) => {
      await lockCheckpoint(client, name);
      // What was appended since, applied while the live projector waits on the checkpoint.
      const target = upTo ?? (await store.headPosition());
      while (!(await applyNextBatch(target, client))) report('swapping', target);
      report('swapping', target);
      await swapTables(client, projection);
      await moveCheckpoint(client, name, position);
    });
  } catch (error) {
    await dropFreshTables(pool, projection).catch(() => undefined);
    throw error;
  } finally {
    await lock.release();
  }
  const seconds = (performance.now() - started) / 1000;
  return { name: projection.name, position, applied, seconds, eventsPerSecond: rate() };
}

async function createFreshTables(pool: pg.Pool, projection: Projection): Promise<void> {
  await inTransaction(pool, async (client) => {
    for (const table of projection.tables) {
      await client.query(`DROP TABLE IF EXISTS ${quoteIdentifier(table + REBUILD_SUFFIX)}`);
      await client.query(
        `CREATE TABLE ${quoteIdentifier(table + REBUILD_SUFFIX)} (LIKE ${quoteIdentifier(table)} INCLUDING ALL)`,
      );
    }
  });
}

async function dropFreshTables(pool: pg.Pool, projection: Projection): Promise<void> {
  for (const table of projection.tables) {
    await pool.query(`DROP TABLE IF EXISTS ${quoteIdentifier(table + REBUILD_SUFFIX)}`);
  }
}

/** Index definitions without their own name and table, to pair an index of the copy with the original's. */
const indexShape = (definition: string) =>
  definition.replace(/^CREATE (UNIQUE )?INDEX \S+ ON \S+ /, 'CREATE $1INDEX ON ');

async function indexesOf(client: pg.PoolClient, table: string): Promise<{ name: string; shape: string }[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(c.oid) AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = $1::regclass ORDER BY c.relname`,
    [quoteIdentifier(table)],
  );
  return rows.map((row) => ({ name: row.name, shape: indexShape(row.definition) }));
}

/** Drops the live tables, renames the fresh ones in, and gives their indexes the names the migration chose. */
async function swapTables(client: pg.PoolClient, projection: Projection): Promise<void> {
  for (const table of projection.tables) {
    const original = await indexesOf(client, table);
    const copied = await indexesOf(client, table + REBUILD_SUFFIX);
    await client.query(`DROP TABLE ${quoteIdentifier(table)}`);
    await client.query(`ALTER TABLE ${quoteIdentifier(table + REBUILD_SUFFIX)} RENAME TO ${quoteIdentifier(table)}`);
    for (const index of copied) {
      const match = original.findIndex((candidate) => candidate.shape === index.shape);
      if (match === -1) continue;
      const { name } = original.splice(match, 1)[0]!;
      if (name !== index.name) {
        await client.query(`ALTER INDEX ${quoteIdentifier(index.name)} RENAME TO ${quoteIdentifier(name)}`);
      }
    }
  }
}
