import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type pg from 'pg';
import { joinVerifications, planStretches, type Stretch } from './chain-stretches.js';
import { verifyChain, type ChainVerification, type VerifyChainOptions } from './verify-chain.js';

export interface ParallelVerificationOptions extends VerifyChainOptions {
  /** Stretches of the chain checked at once (default: the cores of the machine). */
  readonly threads?: number;
  /** The fewest events a stretch of its own is worth (default 50,000). */
  readonly minStretchEvents?: number;
}

const WORKER = new URL('./verify-stretch-worker.js', import.meta.url);

/**
 * `verifyChain`, with the log cut at signed checkpoints into stretches checked side by side, each
 * in a worker thread: hashing is what bounds a walk, and one walk uses one core. A span shorter
 * than `minStretchEvents` is walked in this thread. The verdict is the one a single walk gives.
 * Where the worker's script is not there (the sources run as TypeScript, as in tests), the
 * stretches are checked in this thread, still cut and joined the same way.
 */
export async function verifyChainInParallel(
  pool: pg.Pool,
  options: ParallelVerificationOptions,
): Promise<ChainVerification> {
  const { threads = availableParallelism(), minStretchEvents = 50_000, ...single } = options;
  const stretches = await stretchesToVerify(pool, single.range, threads, minStretchEvents);
  // A long walk goes to a thread even alone: the caller's thread stays free (a service's requests,
  // an export's own walk of the log).
  const [only] = stretches;
  if (stretches.length === 1 && only!.to - only!.from + 1n < BigInt(minStretchEvents)) return verifyChain(pool, single);
  const check = existsSync(fileURLToPath(WORKER))
    ? (range: Stretch) => inWorker(connectionOf(pool), { ...single, range })
    : (range: Stretch) => verifyChain(pool, { ...single, range });
  return joinVerifications(stretches, await Promise.all(stretches.map(check)), !single.range);
}

/** The chain over `range` (default: all of it) cut at signed checkpoints into stretches to check side by side. */
export async function stretchesToVerify(
  pool: pg.Pool,
  range: Stretch | undefined,
  threads: number,
  minStretchEvents: number,
): Promise<Stretch[]> {
  // Ordered by the column: `position::text` would be ordered as text ('1000' before '200').
  const { rows } = await pool.query<{ sealed: string | null; checkpoints: string[] }>(
    `SELECT (SELECT max(global_position) FROM event_hashes)::text AS sealed,
            ARRAY(SELECT c.position FROM event_checkpoints c ORDER BY c.position)::text[] AS checkpoints`,
  );
  const checkpoints = rows[0]!.checkpoints.map(BigInt);
  const sealed = BigInt(rows[0]!.sealed ?? 0);
  const lastCheckpoint = checkpoints.at(-1) ?? 0n;
  const span = range ?? { from: 1n, to: sealed > lastCheckpoint ? sealed : lastCheckpoint };
  return planStretches(checkpoints, span, threads, minStretchEvents);
}

/**
 * A walk makes short-lived strings by the hundred megabytes, and a batch's rows live until it is
 * hashed: in V8's default young generation they were copied out of it, and collection took 15 % of
 * a walk. With 96 MB, a 300,000-event log verified 8-10 % faster here.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 96 };

function inWorker(connection: pg.PoolConfig, options: VerifyChainOptions): Promise<ChainVerification> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { connection, options }, resourceLimits: WORKER_LIMITS });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the chain verification thread stopped (exit ${code})`)));
  });
}

/** What a worker needs to open connections like the pool's (functions do not pass to a thread). */
function connectionOf(pool: pg.Pool): pg.PoolConfig {
  const { connectionString, host, port, user, password, database, ssl } = pool.options;
  return Object.fromEntries(
    Object.entries({ connectionString, host, port, user, password, database, ssl }).filter(
      ([, value]) => value !== undefined && typeof value !== 'function',
    ),
  );
}
