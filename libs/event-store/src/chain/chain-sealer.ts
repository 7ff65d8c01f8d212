import type pg from 'pg';
import { pagedQuery, safePosition, toRecordedEvent, type EventRow } from '../postgres/rows.js';
import { SEAL_LOCK_KEY } from '../postgres/constants.js';
import { chainHash, encodeEntries, ENTRY_BYTES, GENESIS_HASH } from './chain-hash.js';
import { checkpointPayload, toCheckpoint, type ChainCheckpoint, type CheckpointRow } from './checkpoint.js';
import { createCheckpointSigner, type CheckpointSigner, type SigningKey } from './signing.js';

export interface ChainSealerOptions {
  /** Signs checkpoints; comes from configuration, never from the database. */
  readonly signingKey: SigningKey;
  /** A signed checkpoint after every this many sealed events (default 1000). */
  readonly checkpointEvery?: number;
  /** Events sealed per transaction (default 2000). */
  readonly batchSize?: number;
  /** How often the background loop looks for unsealed events (default 200 ms). */
  readonly intervalMs?: number;
  readonly onError?: (error: unknown) => void;
}

export interface SealResult {
  /** Events sealed by this call. */
  readonly sealed: number;
  /** The last sealed position after the call (0 when nothing is sealed). */
  readonly sealedUpTo: bigint;
  /** True when another sealer held the lock, so this call sealed nothing. */
  readonly busy: boolean;
}

/**
 * Chains the log after the fact. Appends never touch the chain (chaining at write time would put
 * every writer in one queue); the sealer takes the next events that readers may see (a prefix of
 * the log, see the event store migration), in global order, and writes each one's hash
 * SHA-256(previous hash || canonical envelope) to `event_hashes`. Each batch is one transaction
 * holding a transaction-level advisory lock, so only one sealer works at a time across processes
 * and a crash leaves no half-sealed batch. Every `checkpointEvery` events (and on demand) it
 * writes a checkpoint signed with a key from configuration.
 */
export class ChainSealer {
  private readonly signer: CheckpointSigner;
  private readonly checkpointEvery: number;
  private readonly batchSize: number;
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private started = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: ChainSealerOptions,
  ) {
    this.signer = createCheckpointSigner(options.signingKey);
    this.checkpointEvery = options.checkpointEvery ?? 1000;
    this.batchSize = options.batchSize ?? 2000;
    this.intervalMs = options.intervalMs ?? 200;
    if (!Number.isInteger(this.checkpointEvery) || this.checkpointEvery < 1)
      throw new RangeError('checkpointEvery must be >= 1');
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new RangeError('batchSize must be >= 1');
  }

  /** Seals every event readers may see now; returns when caught up (or when another sealer is busy). */
  async sealPending(): Promise<SealResult> {
    let sealed = 0;
    for (;;) {
      const batch = await this.transaction((client) => this.sealBatch(client, false));
      if (!batch) return { sealed, sealedUpTo: await this.sealedUpTo(), busy: true };
      sealed += batch.sealed;
      if (batch.sealed === 0) return { sealed, sealedUpTo: batch.sealedUpTo, busy: false };
    }
  }

  /**
   * Seals what is pending, then signs a checkpoint at the last sealed event (unless the latest
   * checkpoint is already there). Returns the latest checkpoint, or undefined when nothing is sealed.
   */
  async checkpoint(): Promise<ChainCheckpoint | undefined> {
    for (;;) {
      const batch = await this.transaction((client) => this.sealBatch(client, true));
      if (!batch) throw new Error('Another sealer holds the chain lock; try again');
      if (batch.sealed === 0) break;
    }
    const { rows } = await this.pool.query<CheckpointRow>(
      'SELECT position, previous_position, hash, entries, signed_at, algorithm, key_id, signature FROM event_checkpoints ORDER BY position DESC LIMIT 1',
    );
    return rows[0] && toCheckpoint(rows[0]);
  }

  /** Seals in the background, right after commits (every `intervalMs`), until `stop()`. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const tick = () => {
      this.running = this.sealPending()
        .catch((error: unknown) => this.options.onError?.(error))
        .finally(() => {
          if (this.started) this.timer = setTimeout(tick, this.intervalMs);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async sealedUpTo(): Promise<bigint> {
    const { rows } = await this.pool.query<{ p: string | null }>('SELECT max(global_position) AS p FROM event_hashes');
    return BigInt(rows[0]?.p ?? 0);
  }

  /**
   * One sealing batch, in the caller's transaction: undefined when another sealer holds the lock.
   * Batches end at checkpoint boundaries, so checkpoints fall every `checkpointEvery` events;
   * with `forceCheckpoint`, a batch that seals nothing signs a checkpoint at the sealed head.
   */
  private async sealBatch(
    client: pg.PoolClient,
    forceCheckpoint: boolean,
  ): Promise<{ sealed: number; sealedUpTo: bigint } | undefined> {
    const lock = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [
      SEAL_LOCK_KEY.toString(),
    ]);
    if (!lock.rows[0]!.locked) return undefined;
    const head = await client.query<{ global_position: string; hash: Buffer }>(
      'SELECT global_position, hash FROM event_hashes ORDER BY global_position DESC LIMIT 1',
    );
    let position = BigInt(head.rows[0]?.global_position ?? 0);
    let previous = head.rows[0]?.hash ?? GENESIS_HASH;
    const last = await client.query<{ position: string }>(
      'SELECT position FROM event_checkpoints ORDER BY position DESC LIMIT 1',
    );
    const lastCheckpoint = BigInt(last.rows[0]?.position ?? 0);
    const since = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM event_hashes WHERE global_position > $1',
      [lastCheckpoint.toString()],
    );
    const sinceCheckpoint = since.rows[0]!.n;
    const limit = Math.max(1, Math.min(this.batchSize, this.checkpointEvery - sinceCheckpoint));
    // Only the final part of the log, read in a later statement than the bound.
    const upTo = await safePosition(client);
    const { rows } = await client.query<EventRow>(pagedQuery([], '$3'), [position.toString(), upTo.toString(), limit]);
    if (rows.length > 0) {
      const positions: string[] = [];
      const previousPositions: string[] = [];
      const eventIds: string[] = [];
      const hashes: Buffer[] = [];
      for (const row of rows) {
        const event = toRecordedEvent(row);
        const hash = chainHash(previous, event);
        positions.push(row.global_position);
        previousPositions.push(position.toString());
        eventIds.push(event.eventId);
        hashes.push(hash);
        previous = hash;
        position = event.globalPosition;
      }
      await client.query(
        `INSERT INTO event_hashes (global_position, previous_position, event_id, hash)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::uuid[], $4::bytea[])`,
        [positions, previousPositions, eventIds, hashes],
      );
    }
    const covered = sinceCheckpoint + rows.length;
    if (covered > 0 && (covered >= this.checkpointEvery || (forceCheckpoint && rows.length === 0))) {
      await this.writeCheckpoint(client, lastCheckpoint, position, previous);
    }
    return { sealed: rows.length, sealedUpTo: position };
  }

  private async writeCheckpoint(
    client: pg.PoolClient,
    previousPosition: bigint,
    position: bigint,
    hash: Buffer,
  ): Promise<void> {
    const { rows } = await client.query<{ global_position: string; hash: Buffer }>(
      `SELECT global_position, hash FROM event_hashes WHERE global_position > $1 AND global_position <= $2
       ORDER BY global_position`,
      [previousPosition.toString(), position.toString()],
    );
    const entries = encodeEntries(rows.map((row) => ({ position: BigInt(row.global_position), hash: row.hash })));
    if (entries.length !== rows.length * ENTRY_BYTES) throw new Error('checkpoint entries are inconsistent');
    const unsigned = {
      position,
      previousPosition,
      hash: hash.toString('hex'),
      entries,
      signedAt: new Date(),
      algorithm: this.signer.algorithm,
      keyId: this.signer.keyId,
    };
    const signature = this.signer.sign(checkpointPayload(unsigned));
    await client.query(
      `INSERT INTO event_checkpoints (position, previous_position, hash, entries, signed_at, algorithm, key_id, signature)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        position.toString(),
        previousPosition.toString(),
        hash,
        entries,
        unsigned.signedAt,
        unsigned.algorithm,
        unsigned.keyId,
        signature,
      ],
    );
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T | undefined>): Promise<T | undefined> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query(result === undefined ? 'ROLLBACK' : 'COMMIT');
      client.release();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(error as Error);
      throw error;
    }
  }
}
