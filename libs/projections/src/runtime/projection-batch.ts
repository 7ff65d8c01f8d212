import pg from 'pg';
import type { EventFilter, RecordedEvent } from '@lib/event-store';
import type { Projection, ProjectionTransaction } from './projection.js';

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
  let queued: string[] = [];
  const flush = async () => {
    if (queued.length === 0) return;
    const text = queued.join(';\n');
    queued = [];
    await client.query(text);
  };
  const query = (...args: Parameters<pg.PoolClient['query']>) =>
    flush().then(() => (client.query as (...a: unknown[]) => Promise<unknown>)(...args));
  return {
    client: new Proxy(client, {
      get: (target, property) => (property === 'query' ? query : Reflect.get(target, property, target)),
    }),
    table(name: string) {
      if (!projection.tables.includes(name)) {
        throw new Error(`Projection ${projection.name} does not own a table named ${name}`);
      }
      return quoteIdentifier(`${name}${suffix}`);
    },
    write(text: string, values: readonly unknown[] = []) {
      queued.push(text.replace(/\$(\d+)/g, (_, n: string) => literal(values[Number(n) - 1])));
    },
    flush,
  };
}

/** A value as a quoted SQL literal, in the text form node-postgres would send it as a parameter. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return pg.escapeLiteral(value.toISOString());
  if (Array.isArray(value)) return pg.escapeLiteral(`{${value.map(arrayElement).join(',')}}`);
  if (typeof value === 'object') return pg.escapeLiteral(JSON.stringify(value));
  return pg.escapeLiteral(String(value as string | number | bigint | boolean));
}

const arrayElement = (value: unknown): string =>
  value === null || value === undefined
    ? 'NULL'
    : `"${String(value as string | number)
        .replace(/\\/g, '\\\\')
        .replace(/"/g, '\\"')}"`;

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
  await client.query(
    `UPDATE processor_checkpoints SET position = $2, updated_at = now(),
       failed_position = NULL, failure = NULL, failed_at = NULL
     WHERE name = $1`,
    [name, position.toString()],
  );
}

/**
 * Applies `events` and moves the checkpoint from `from` to `to` in one
 * transaction: either both the rows and the checkpoint are committed, or
 * neither. Refuses (CheckpointMovedError, nothing written) when the stored
 * checkpoint is no longer at `from`.
 */
export async function applyAndCheckpoint(
  pool: pg.Pool,
  projection: Projection,
  events: readonly RecordedEvent[],
  from: bigint,
  to: bigint,
): Promise<void> {
  const name = projectionCheckpoint(projection.name);
  await inTransaction(pool, async (client) => {
    const stored = await lockCheckpoint(client, name);
    if (stored !== from) throw new CheckpointMovedError(name, from, stored);
    if (events.length > 0) {
      const tx = projectionTransaction(projection, client);
      await projection.apply(events, tx);
      await tx.flush();
    }
    await moveCheckpoint(client, name, to);
  });
}

/**
 * Runs `work` in a transaction on a client of its own; a failure rolls back (and drops a broken connection).
 * The commit does not wait for the WAL flush: read models are derived, and a crash that loses the last
 * commits loses their rows and their checkpoint move together, so the events are simply applied again.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN; SET LOCAL synchronous_commit = off');
    const result = await work(client);
    await client.query('COMMIT');
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
