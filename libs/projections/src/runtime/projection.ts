import type pg from 'pg';
import type { RecordedEvent } from '@lib/event-store';
import type { InsertRow } from './row-insert.js';

/**
 * The transaction a projection writes in. Table names go through `table()`:
 * a rebuild writes into fresh copies of the projection's tables and swaps
 * them in when caught up, so the same code builds the live and the new rows.
 */
export interface ProjectionTransaction {
  /** The client of the open transaction; the runtime commits it with the checkpoint. */
  readonly client: pg.PoolClient;
  /** The physical name of one of the projection's tables, quoted for SQL. */
  table(name: string): string;
  /**
   * Queues a write whose result is not needed. Queued writes go to the server together, in one round
   * trip and in order, before the transaction's next query through `client` and before the commit.
   * Values are sent as quoted literals, which the server types from their context as it would parameters.
   */
  write(text: string, values?: readonly unknown[]): void;
  /**
   * Queues rows to insert into one of its tables (`name` as in `table()`), in order with the queued
   * writes. A rebuild loads an insert-only table with COPY; otherwise it is one INSERT of column arrays.
   */
  insert<Row extends InsertRow>(
    name: string,
    columns: readonly (readonly [keyof Row & string, string])[],
    rows: readonly Row[],
  ): void;
}

/**
 * A read model built from the log. It owns its tables (created by a TypeORM
 * migration; read by TypeORM entities) and nothing else; any of them can be
 * dropped and rebuilt from the log, and the rebuild gives the same rows.
 * Apply must be deterministic: the same events give the same rows (no clock,
 * no random ids; ages are computed at query time from stored instants).
 */
export interface Projection {
  /** Stable name; its checkpoint is `projection:<name>`. */
  readonly name: string;
  /** The tables it owns, as created by its migration. */
  readonly tables: readonly string[];
  /**
   * Tables it only ever inserts into (never reads, updates or upserts while applying): a rebuild
   * loads them without their secondary indexes and builds those once loaded, which is far cheaper.
   */
  readonly insertOnlyTables?: readonly string[];
  /** The event types it reads (all when omitted). */
  readonly eventTypes?: readonly string[];
  /** Applies a batch of events, in global order, inside the transaction that also moves the checkpoint. */
  apply(events: readonly RecordedEvent[], tx: ProjectionTransaction): Promise<void>;
}
