import pg from 'pg';
import type { EventFilter, RecordedEvent } from '@lib/event-store';
import type { Projection, ProjectionTransaction } from './projection.js';
import { columnArrays, copyInto, copyText, insertStatement } from './row-insert.js';

/** The checkpoint a projection's rows are consistent with. */
export const projectionCheckpoint = (name: string) => `projection:${name}`;

/** Suffix of the tables a rebuild writes into before they are swapped in. */
export const REBUILD_SUFFIX = '__rebuild';

export const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The events a projection reads: only its types when it names them. */
export const projectionFilter = (projection: Projection): EventFilter | undefined =>
  projection.eventTypes ? { types: projection.eventTypes } : undefined;

/** A projection's transaction as the runtime holds it: it sends the queued writes before committing. */
export interface OpenProjectionTransaction extends ProjectionTransaction {
  flush(): Promise<void>;
}

/** `tx` for a projection: its live tables, or the fresh copies of a rebuild. */
export function projectionTransaction(
  projection: Projection,
  client: pg.PoolClient,
  suffix = '',
): OpenProjectionTransaction {
  /** Statements to send together, and loads that COPY runs between them. */
  let queued: (string | (() => Promise<void>))[] = [];
  const flush = async () => {
    if (queued.length === 0) return;
    const writes = queued;
    queued = [];
    let statements: string[] = [];
    const send = async () => {
      if (statements.length > 0) await client.query(statements.join(';\n'));
      statements = [];
    };
    for (const write of writes) {
      if (typeof write === 'string') {
        statements.push(write);
      } else {
        await send();
        await write();
      }
    }
    await send();
  };
  const query = (...args: Parameters<pg.PoolClient['query']>) =>
    flush().then(() => (client.query as (...a: unknown[]) => Promise<unknown>)(...args));
  const table = (name: string) => {
    if (!projection.tables.includes(name)) {
      throw new Error(`Projection ${projection.name} does not own a table named ${name}`);
    }
    return quoteIdentifier(`${name}${suffix}`);
  };
  return {
    client: new Proxy(client, {
      get: (target, property) => (property === 'query' ? query : Reflect.get(target, property, target)),
    }),
    table,
    write(text: string, values: readonly unknown[] = []) {
      queued.push(withLiterals(text, values));
    },
    insert(name, columns, rows) {
      if (rows.length === 0) return;
      const into = table(name);
      if (suffix !== '' && projection.insertOnlyTables?.includes(name)) {
        // The fresh table of a rebuild has no secondary index yet: COPY loads it for far less.
        const text = copyText(columns, rows);
        queued.push(() => copyInto(client, into, columns, text));
      } else {
        queued.push(withLiterals(insertStatement(into, columns), columnArrays(columns, rows)));
      }
    },
    flush,
  };
}

/** `text` with its parameters ($1, $2, ...) replaced by `values` as literals. */
const withLiterals = (text: string, values: readonly unknown[]) =>
  text.replace(/\$(\d+)/g, (_, n: string) => literal(values[Number(n) - 1]));

/** A value as a quoted SQL literal, in the text form node-postgres would send it as a parameter. */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return quoted(value.toISOString());
  if (Array.isArray(value)) return quoted(arrayText(value));
  if (typeof value === 'object') return quoted(JSON.stringify(value));
  return quoted(String(value as string | number | bigint | boolean));
}

/**
 * What `pg.escapeLiteral` answers, with whole-string replaces: it builds its answer a character at a
 * time, which is slow on the large documents and arrays a batch's set-based writes send.
 */
function quoted(text: string): string {
  const doubled = text.replace(/'/g, "''");
  return text.includes('\\') ? ` E'${doubled.replace(/\\/g, '\\\\')}'` : `'${doubled}'`;
}

/** `{"a","b",NULL}`: a list in the text form of a PostgreSQL array, every text quoted. */
export function arrayText(values: readonly unknown[]): string {
  // A list of texts and numbers is a JSON array whose only escapes (\" and \\) are those of an array's
  // text: the native JSON writer then builds it, which is much faster on the long lists of a batch.
  if (values.every(isPlain)) {
    const json = JSON.stringify(values);
    if (!OTHER_ESCAPE.test(json)) return `{${json.slice(1, -1)}}`;
  }
  return `{${values.map(arrayElement).join(',')}}`;
}

const isPlain = (value: unknown) =>
  value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));

/** A JSON escape other than \" and \\ (or a false alarm after \\, which only takes the slow path). */
const OTHER_ESCAPE = /\\[^"\\]/;

function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  const text = value instanceof Date ? value.toISOString() : String(value as string | number);
  return /["\\]/.test(text) ? `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : `"${text}"`;
}

/** The checkpoint moved under the caller: another instance (or a rebuild or reset) got there first. */
export class CheckpointMovedError extends Error {
  constructor(
    readonly checkpoint: string,
    readonly expected: bigint,
    readonly actual: bigint,
  ) {
    super(`Checkpoint ${checkpoint} is at ${actual}, not at ${expected}: another instance moved it`);
  }
}

/**
 * Locks the checkpoint row of `name` in the open transaction of `client` and
 * answers its position. Every writer of a projection's rows takes this lock
 * first, so the live projector, a standby that believes it leads, and a
 * rebuild's swap never interleave their writes.
 */
export async function lockCheckpoint(client: pg.PoolClient, name: string): Promise<bigint> {
  const locked = () =>
    client.query<{ position: string }>('SELECT position FROM processor_checkpoints WHERE name = $1 FOR UPDATE', [name]);
  let { rows } = await locked();
  if (rows.length === 0) {
    await client.query('INSERT INTO processor_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [name]);
    ({ rows } = await locked());
  }
  return BigInt(rows[0]!.position);
}

/** Moves the checkpoint in the caller's transaction and clears any failure recorded on it. */
export async function moveCheckpoint(client: pg.PoolClient, name: string, position: bigint): Promise<void> {
  await client.query(MOVE_CHECKPOINT, [name, position.toString()]);
}

/**
 * Applies `events` and moves the checkpoint from `from` to `to` in one
 * transaction: either both the rows and the checkpoint are committed, or
 * neither. Refuses (CheckpointMovedError, nothing written) when the stored
 * checkpoint is no longer at `from`.
 *
 * It takes two round trips: the opening with the checkpoint's lock, and the
 * queued writes with the checkpoint move and the commit. With no events it
 * takes one: a checkpoint move that only happens if the checkpoint is still
 * at `from` (waiting, as the lock would, for a rebuild's swap).
 */
export async function applyAndCheckpoint(
  pool: pg.Pool,
  projection: Projection,
  events: readonly RecordedEvent[],
  from: bigint,
  to: bigint,
): Promise<void> {
  const name = projectionCheckpoint(projection.name);
  await withClient(pool, async (client) => {
    if (events.length === 0 && (await movedAlone(client, name, from, to))) return;
    const opened = (await client.query(
      `${BEGIN}; INSERT INTO processor_checkpoints (name) VALUES (${literal(name)}) ON CONFLICT (name) DO NOTHING;
       SELECT position FROM processor_checkpoints WHERE name = ${literal(name)} FOR UPDATE`,
    )) as unknown as pg.QueryResult<{ position: string }>[];
    const stored = BigInt(opened.at(-1)!.rows[0]!.position);
    if (stored !== from) throw new CheckpointMovedError(name, from, stored);
    const tx = projectionTransaction(projection, client);
    if (events.length > 0) await projection.apply(events, tx);
    tx.write(MOVE_CHECKPOINT, [name, to]);
    tx.write('COMMIT');
    await tx.flush();
  });
}

/** Moves the checkpoint in a transaction of its own if it is still at `from`; answers whether it did. */
async function movedAlone(client: pg.PoolClient, name: string, from: bigint, to: bigint): Promise<boolean> {
  const results = (await client.query(
    `${BEGIN}; ${withLiterals(`${MOVE_CHECKPOINT} AND position = $3`, [name, to, from])}; COMMIT`,
  )) as unknown as pg.QueryResult[];
  return results[2]!.rowCount === 1;
}

/**
 * The commit does not wait for the WAL flush: read models are derived, and a crash that loses the last
 * commits loses their rows and their checkpoint move together, so the events are simply applied again.
 */
const BEGIN = 'BEGIN; SET LOCAL synchronous_commit = off';

const MOVE_CHECKPOINT = `UPDATE processor_checkpoints SET position = $2, updated_at = now(),
  failed_position = NULL, failure = NULL, failed_at = NULL
WHERE name = $1`;

/** Runs `work` in a transaction on a client of its own; a failure rolls back (and drops a broken connection). */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withClient(pool, async (client) => {
    await client.query(BEGIN);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  });
}

/** Runs `work`, which ends any transaction it opens, on a client of its own; a failure rolls back. */
async function withClient<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    const result = await work(client);
    client.release();
    return result;
  } catch (error) {
    const rolledBack = await client.query('ROLLBACK').then(
      () => true,
      () => false,
    );
    client.release(rolledBack ? undefined : (error as Error));
    throw error;
  }
}

export const errorMessage = (error: unknown) => (error instanceof Error ? error.message || error.name : String(error));
