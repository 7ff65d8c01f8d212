import type pg from 'pg';
import type { EventStore, RecordedEvent } from '@lib/event-store';
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

/** maintenance_work_mem of the transactions that build the deferred indexes (the server's default is 64 MB). */
const INDEX_BUILD_MEMORY = '256MB';

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
  /** Events per read and per transaction (default 5000). */
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
  const [result] = await rebuildProjections([projection], options);
  return result!;
}

/**
 * Rebuilds several projections as `rebuildProjection` does each, in one pass
 * over the log: every batch is read once and applied to all of them at the
 * same time, each in its own transaction; then each is swapped in on its own.
 */
export async function rebuildProjections(
  projections: readonly Projection[],
  options: RebuildOptions,
): Promise<RebuildResult[]> {
  const { pool, store, upTo } = options;
  const locks: LeaderLock[] = [];
  const started = performance.now();
  const builds = projections.map((projection) => new Build(projection, options, started));
  try {
    for (const projection of projections) {
      const lock = new LeaderLock(options.lockConnection, `rebuild:${projectionCheckpoint(projection.name)}`);
      if (!(await lock.tryAcquire(() => undefined))) {
        throw new Error(`A rebuild of ${projection.name} is already running`);
      }
      locks.push(lock);
    }
    if (upTo !== undefined) {
      const head = await store.headPosition();
      if (upTo > head) throw new Error(`Position ${upTo} is beyond the head of the log (${head})`);
    }
    for (const build of builds) await build.createFreshTables();
    // Catch up outside the swap: readers and the live projectors go on meanwhile.
    await catchUp(builds, options);
    await Promise.all(builds.map((build) => build.completeTables()));
    for (const build of builds) await build.swap();
  } catch (error) {
    for (const projection of projections) await dropFreshTables(pool, projection).catch(() => undefined);
    throw error;
  } finally {
    for (const lock of locks) await lock.release();
  }
  return builds.map((build) => build.result());
}

/** Reads the log once for all builds, the next batch while the last one is applied. */
async function catchUp(builds: readonly Build[], { store, upTo, batchSize = 5_000 }: RebuildOptions): Promise<void> {
  const typed = builds.every((build) => build.types);
  const filter = typed ? { types: [...new Set(builds.flatMap((build) => [...build.types!]))] } : undefined;
  const read = async (from: bigint) => {
    const target = upTo ?? (await store.headPosition());
    if (from >= target) return { events: [], next: from, target, done: true };
    const page = await store.readAll({ fromPosition: from, limit: batchSize, filter });
    const events = page.filter((event) => event.globalPosition <= target);
    const full = page.length === batchSize && events.length === page.length;
    return { events, next: full ? events[events.length - 1]!.globalPosition : target, target, done: !full };
  };
  let pending = read(0n);
  for (;;) {
    const batch = await pending;
    if (!batch.done) {
      pending = read(batch.next);
      // Awaited on the next round; until then a failure must not count as unhandled.
      pending.catch(() => undefined);
    }
    await Promise.all(builds.map((build) => build.applyShared(batch.events, batch.next, batch.target)));
    if (batch.done) return;
  }
}

/** The rebuild of one projection: its fresh tables, how far they are, and its swap. */
class Build {
  readonly types: ReadonlySet<string> | undefined;
  private readonly checkpoint: string;
  private position = 0n;
  private applied = 0;
  private finishedAt = 0;
  /** Indexes of insert-only tables, built once the tables are loaded. */
  private deferredIndexes: string[] = [];

  constructor(
    private readonly projection: Projection,
    private readonly options: RebuildOptions,
    private readonly started: number,
  ) {
    this.types = projection.eventTypes ? new Set(projection.eventTypes) : undefined;
    this.checkpoint = projectionCheckpoint(projection.name);
  }

  async createFreshTables(): Promise<void> {
    this.deferredIndexes = await createFreshTables(this.options.pool, this.projection);
  }

  /** Applies its share of a batch read for all builds; every event up to `next` is then in. */
  async applyShared(events: readonly RecordedEvent[], next: bigint, target: bigint): Promise<void> {
    const mine = this.types ? events.filter((event) => this.types!.has(event.type)) : events;
    if (mine.length > 0) await inTransaction(this.options.pool, (client) => this.apply(mine, client));
    this.position = next;
    this.report('building', target);
  }

  /** Builds the deferred indexes and refreshes the planner's statistics of the loaded tables. */
  async completeTables(): Promise<void> {
    // Two at a time: each build keeps one server process busy, and the table is all they share.
    const waiting = [...this.deferredIndexes];
    const builder = async () => {
      for (let next = waiting.shift(); next !== undefined; next = waiting.shift()) {
        const definition = next;
        await inTransaction(this.options.pool, async (client) => {
          // Sorting more of the keys in memory costs less CPU; for this transaction only, not the server.
          await client.query(`SET LOCAL maintenance_work_mem = '${INDEX_BUILD_MEMORY}'`);
          await client.query(definition);
        });
      }
    };
    await Promise.all([builder(), builder()]);
    for (const table of this.projection.tables) {
      await this.options.pool.query(`ANALYZE ${quoteIdentifier(table + REBUILD_SUFFIX)}`);
    }
  }

  /** What was appended since, applied while the live projector waits on the checkpoint; then the swap. */
  async swap(): Promise<void> {
    const { pool, store, upTo } = this.options;
    await inTransaction(pool, async (client) => {
      await lockCheckpoint(client, this.checkpoint);
      const target = upTo ?? (await store.headPosition());
      while (!(await this.applyNextBatch(target, client))) this.report('swapping', target);
      this.report('swapping', target);
      await swapTables(client, this.projection);
      await moveCheckpoint(client, this.checkpoint, this.position);
    });
    this.finishedAt = performance.now();
  }

  result(): RebuildResult {
    const seconds = (this.finishedAt - this.started) / 1000;
    return {
      name: this.projection.name,
      position: this.position,
      applied: this.applied,
      seconds,
      eventsPerSecond: this.rate(),
    };
  }

  /** Applies the log after its position up to `target`, one batch per call; answers whether it got there. */
  private async applyNextBatch(target: bigint, client: pg.PoolClient): Promise<boolean> {
    if (this.position >= target) return true;
    const batchSize = this.options.batchSize ?? 5_000;
    const read = await this.options.store.readAll({
      fromPosition: this.position,
      limit: batchSize,
      filter: projectionFilter(this.projection),
    });
    const events = read.filter((event) => event.globalPosition <= target);
    if (events.length > 0) await this.apply(events, client);
    const last = events.length > 0 ? events[events.length - 1]!.globalPosition : this.position;
    this.position = read.length === batchSize && events.length === read.length ? last : target;
    return this.position >= target;
  }

  private async apply(events: readonly RecordedEvent[], client: pg.PoolClient): Promise<void> {
    const tx = projectionTransaction(this.projection, client, REBUILD_SUFFIX);
    await this.projection.apply(events, tx);
    await tx.flush();
    this.applied += events.length;
  }

  private rate(): number {
    const seconds = ((this.finishedAt || performance.now()) - this.started) / 1000;
    return seconds > 0 ? Math.round(this.applied / seconds) : 0;
  }

  private report(phase: RebuildProgress['phase'], target: bigint): void {
    this.options.onProgress?.({
      name: this.projection.name,
      phase,
      position: this.position,
      target,
      applied: this.applied,
      eventsPerSecond: this.rate(),
    });
  }
}

/** Creates the fresh tables; answers the definitions of the indexes left out of insert-only ones. */
async function createFreshTables(pool: pg.Pool, projection: Projection): Promise<string[]> {
  const deferred: string[] = [];
  await inTransaction(pool, async (client) => {
    for (const table of projection.tables) {
      const fresh = quoteIdentifier(table + REBUILD_SUFFIX);
      await client.query(`DROP TABLE IF EXISTS ${fresh}`);
      await client.query(`CREATE TABLE ${fresh} (LIKE ${quoteIdentifier(table)} INCLUDING ALL)`);
      if (!projection.insertOnlyTables?.includes(table)) continue;
      const { rows } = await client.query<{ name: string; definition: string }>(
        `SELECT c.relname AS name, pg_get_indexdef(c.oid) AS definition
           FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          WHERE i.indrelid = $1::regclass
            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
        [fresh],
      );
      for (const row of rows) {
        await client.query(`DROP INDEX ${quoteIdentifier(row.name)}`);
        deferred.push(row.definition);
      }
    }
  });
  return deferred;
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
