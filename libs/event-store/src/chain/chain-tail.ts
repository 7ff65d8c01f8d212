import type { RecordedEvent } from '../event-store.js';
import { chainHash, encodeEntries, GENESIS_HASH } from './chain-hash.js';
import { checkpointPayload, type ChainCheckpoint } from './checkpoint.js';
import type { CheckpointSigner } from './signing.js';

/**
 * The part of the chain after the last signed checkpoint, for stores that keep no hash per event
 * (EventStoreDB): events are chained in global order as they come, and the next checkpoint signs
 * them all, with each one's position and hash prefix as its entries.
 */
export class ChainTail {
  private readonly entries: { position: bigint; hash: Buffer }[] = [];
  private head: { position: bigint; hash: Buffer };

  /** Starts after `checkpoint`, or at the start of the log. */
  constructor(readonly checkpoint?: ChainCheckpoint) {
    this.head = checkpoint
      ? { position: checkpoint.position, hash: Buffer.from(checkpoint.hash, 'hex') }
      : { position: 0n, hash: GENESIS_HASH };
  }

  /** The position of the last event chained (of the checkpoint when none since). */
  get position(): bigint {
    return this.head.position;
  }

  /** Events chained since the checkpoint. */
  get pending(): number {
    return this.entries.length;
  }

  /** Chains the next event of the log; refuses one that does not come after the last. */
  add(event: RecordedEvent): void {
    if (event.globalPosition <= this.head.position) {
      throw new RangeError(`event at ${event.globalPosition} does not come after position ${this.head.position}`);
    }
    const hash = chainHash(this.head.hash, event);
    this.head = { position: event.globalPosition, hash };
    this.entries.push(this.head);
  }

  /** A checkpoint of every event chained since the last one; undefined when there is none. */
  sign(signer: CheckpointSigner, signedAt: Date): ChainCheckpoint | undefined {
    if (this.entries.length === 0) return undefined;
    const unsigned = {
      position: this.head.position,
      previousPosition: this.checkpoint?.position ?? 0n,
      hash: this.head.hash.toString('hex'),
      entries: encodeEntries(this.entries),
      signedAt,
      algorithm: signer.algorithm,
      keyId: signer.keyId,
    };
    return { ...unsigned, signature: signer.sign(checkpointPayload(unsigned)).toString('base64') };
  }
}
