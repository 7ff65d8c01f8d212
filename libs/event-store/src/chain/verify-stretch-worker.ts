import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { verifyChain, type VerifyChainOptions } from './verify-chain.js';

/** One stretch of `verifyChainInParallel`, in a worker thread with connections of its own. */
const { connection, options } = workerData as { connection: pg.PoolConfig; options: VerifyChainOptions };
// verifyChain reads events and their hashes side by side, and may look up one more.
const pool = new pg.Pool({ ...connection, max: 3 });
try {
  parentPort!.postMessage(await verifyChain(pool, options));
} finally {
  await pool.end();
}
