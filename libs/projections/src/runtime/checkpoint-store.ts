import type pg from 'pg';

export interface ProcessorCheckpoint {
  readonly name: string;
  readonly position: bigint;
  readonly updatedAt: Date;
  readonly failure?: { readonly position: bigint; readonly message: string; readonly at: Date };
}

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

/** The stored positions of the log's processors; a processor resumes from its own, never from memory. */
export class CheckpointStore {
  constructor(private readonly pool: pg.Pool) {}

  async position(name: string): Promise<bigint> {
    const { rows } = await this.pool.query<{ position: string }>(
      'SELECT position FROM processor_checkpoints WHERE name = $1',
      [name],
    );
    return rows[0] ? BigInt(rows[0].position) : 0n;
  }

  /** Moves the checkpoint and clears any failure; pass a client to do it in the caller's transaction. */
  async save(name: string, position: bigint, db: Queryable = this.pool): Promise<void> {
    await db.query(
      `INSERT INTO processor_checkpoints (name, position) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET position = $2, updated_at = now(),
         failed_position = NULL, failure = NULL, failed_at = NULL`,
      [name, position.toString()],
    );
  }

  async recordFailure(name: string, position: bigint, message: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO processor_checkpoints (name, failed_position, failure, failed_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (name) DO UPDATE SET failed_position = $2, failure = $3, failed_at = now()`,
      [name, position.toString(), message],
    );
  }

  async all(): Promise<ProcessorCheckpoint[]> {
    const { rows } = await this.pool.query<{
      name: string;
      position: string;
      updated_at: Date;
      failed_position: string | null;
      failure: string | null;
      failed_at: Date | null;
    }>('SELECT * FROM processor_checkpoints ORDER BY name');
    return rows.map((row) => ({
      name: row.name,
      position: BigInt(row.position),
      updatedAt: row.updated_at,
      ...(row.failure !== null
        ? { failure: { position: BigInt(row.failed_position!), message: row.failure, at: row.failed_at! } }
        : {}),
    }));
  }
}
