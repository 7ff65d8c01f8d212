import type pg from 'pg';
import type { EventFilter, EventMetadata, RecordedEvent } from '../event-store.js';

/** The columns of `events` that make up a recorded event, in the order of `EventValues`. */
export const EVENT_COLUMNS =
  'global_position, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, ' +
  // Milliseconds since the epoch (recorded_at is stored at millisecond precision): far cheaper to
  // turn into a Date than the text form. date_part computes in float8, cheaper than extract's numeric
  // and exact here: the product is within far less than half a millisecond of a whole number.
  "(date_part('epoch', recorded_at) * 1000)::bigint AS recorded_at";

/**
 * The highest position up to which the log is final (see `event_store_safe_position` in the
 * migration). Read the events up to it in a later statement, whose snapshot is newer.
 */
export async function safePosition(db: pg.Pool | pg.PoolClient): Promise<bigint> {
  const { rows } = await db.query<{ position: string }>({
    name: 'event_store_safe_position',
    text: 'SELECT event_store_safe_position() AS position',
  });
  return BigInt(rows[0]!.position);
}

export interface EventRow {
  global_position: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  recorded_at: string;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    globalPosition: BigInt(row.global_position),
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: row.data,
    recordedAt: new Date(Number(row.recorded_at)),
    metadata: row.metadata,
  };
}

/**
 * A row of `EVENT_COLUMNS` read with `rowMode: 'array'`, which spares building an object with named
 * fields for every row (a large share of the client's cost of reading the log).
 */
export type EventValues = [
  globalPosition: string,
  streamId: string,
  streamVersion: number,
  eventId: string,
  eventType: string,
  schemaVersion: number,
  data: Record<string, unknown>,
  metadata: EventMetadata,
  recordedAt: string,
];

export function valuesToRecordedEvent(values: EventValues): RecordedEvent {
  return {
    eventId: values[3],
    streamId: values[1],
    streamVersion: values[2],
    globalPosition: BigInt(values[0]),
    type: values[4],
    schemaVersion: values[5],
    data: values[6],
    recordedAt: new Date(Number(values[8])),
    metadata: values[7],
  };
}

/**
 * SQL and parameters for the events of the global log in (fromPosition, upTo], in order, where
 * `upTo` came from `safePosition` in an earlier statement.
 */
export function readAllQuery(
  fromPosition: bigint,
  upTo: bigint,
  limit: number | undefined,
  filter: EventFilter | undefined,
): { text: string; values: unknown[] } {
  const values: unknown[] = [fromPosition.toString(), upTo.toString()];
  const conditions: string[] = [];
  if (filter?.types) {
    values.push(filter.types);
    conditions.push(`event_type = ANY($${values.length}::text[])`);
  }
  if (filter?.streamIdPrefix) {
    values.push(`${escapeLike(filter.streamIdPrefix)}%`);
    conditions.push(`stream_id LIKE $${values.length}`);
  }
  if (limit === undefined) {
    const where = ['global_position > $1', 'global_position <= $2', ...conditions].join(' AND ');
    return { text: `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where} ORDER BY global_position`, values };
  }
  values.push(limit);
  return { text: pagedQuery(conditions, `$${values.length}`), values };
}

/**
 * `SELECT <columns> FROM events WHERE global_position > $1 AND global_position <= $2 [AND conditions]
 * ORDER BY global_position LIMIT <limit>`, written so that PostgreSQL always walks the primary key
 * in order and stops after `limit` rows. Written plainly, the planner estimates the rows of the
 * range from statistics, which a freshly loaded table does not have yet (autovacuum analyses it a
 * minute later at the earliest): it then reads and sorts the whole rest of the log (spilling to disk)
 * for every page. Without the upper bound inside, the estimate is a large share of the table, so the
 * ordered index scan wins; the bound applied outside gives the same rows (the first `limit` rows
 * after $1 that are <= $2 are the first ones of the inner query, which is in the same order).
 */
export function pagedQuery(conditions: readonly string[], limit: string, columns: string = EVENT_COLUMNS): string {
  const where = ['global_position > $1', ...conditions].join(' AND ');
  return (
    `SELECT * FROM (SELECT ${columns} FROM events WHERE ${where} ORDER BY global_position LIMIT ${limit}) page ` +
    'WHERE global_position <= $2 ORDER BY global_position'
  );
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);
