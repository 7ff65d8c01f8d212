import type { ChainVerification } from '../chain/verify-chain.js';
import { verifyLogChain, type VerifyLogChainOptions } from '../chain/verify-log-chain.js';
import type { ReadAllOptions, RecordedEvent } from '../event-store.js';
import type { CheckpointStream } from './checkpoint-stream.js';

/** What verification reads of the EventStoreDB store: its log as stored, and its checkpoint stream. */
export interface VerifiableLog {
  readAllAsStored(options: ReadAllOptions): Promise<RecordedEvent[]>;
  readonly chainCheckpoints: Pick<CheckpointStream, 'read'>;
}

/**
 * Recomputes the hash chain over the store's `$all` (events as stored) and checks it against every
 * signed checkpoint in the store's checkpoint stream, and the stream itself for checkpoints removed
 * or hidden. Names the first bad position and why, as `verifyChain` does for PostgreSQL; verified
 * up to the last signed checkpoint (sign one first with `EventStoreDbChainSealer.checkpoint()`).
 */
export async function verifyEventStoreDbChain(
  store: VerifiableLog,
  options: Omit<VerifyLogChainOptions, 'checkpointDamage'>,
): Promise<ChainVerification> {
  const { checkpoints, damage } = await store.chainCheckpoints.read();
  const log = { readAll: (o: ReadAllOptions = {}) => store.readAllAsStored(o) };
  return verifyLogChain(log, checkpoints, { ...options, checkpointDamage: damage });
}
