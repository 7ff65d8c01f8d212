import { jsonEvent, type EventData, type StreamMetadata } from '@eventstore/db-client';
import type { ChainCheckpoint } from '../chain/checkpoint.js';
import { checkpointFromJson, checkpointToJson } from '../chain/checkpoint-json.js';
import type { CheckpointDamage } from '../chain/verify-log-chain.js';
import type { StreamNaming } from './mapping.js';

/** The event type of a signed chain checkpoint in its stream. */
export const CHECKPOINT_EVENT_TYPE = 'ChainCheckpointSigned';

/**
 * The stream of a store's signed checkpoints: the store's prefix inside the server's `$` namespace
 * (`$audit-chain-checkpoints` without a prefix). No read of the store's `$all` sees a `$` stream,
 * and by default only `$admins` may write or delete one.
 */
export function checkpointStreamName(naming: StreamNaming): string {
  return `$${naming.prefix}audit-chain-checkpoints`;
}

export function toCheckpointEvent(checkpoint: ChainCheckpoint): EventData {
  return jsonEvent({ type: CHECKPOINT_EVENT_TYPE, data: { ...checkpointToJson(checkpoint) } });
}

/** One event of the checkpoint stream as read. */
export interface CheckpointEvent {
  readonly revision: bigint;
  readonly type: string;
  readonly data: unknown;
}

export interface CheckpointRecord {
  /** The readable checkpoints, in the order they were recorded. */
  readonly checkpoints: readonly ChainCheckpoint[];
  /** What shows that checkpoints were removed, hidden or garbled. */
  readonly damage: readonly CheckpointDamage[];
}

/** Stream metadata that has the server drop or hide a stream's events. */
type Retention = Pick<StreamMetadata, 'truncateBefore' | 'maxCount' | 'maxAge'>;

/**
 * Reads the checkpoint stream's events (in revision order) and its metadata. The sealer appends
 * from revision 0 and never sets retention, so a first revision above 0, a gap, retention metadata
 * (how a soft delete hides a stream) or an event that is not a readable checkpoint is damage:
 * at 0 when it can hide the oldest checkpoints, else just after the last readable checkpoint.
 */
export function readCheckpointRecord(
  streamName: string,
  events: readonly CheckpointEvent[],
  metadata: Retention | undefined,
): CheckpointRecord {
  const checkpoints: ChainCheckpoint[] = [];
  const damage: CheckpointDamage[] = [];
  const retention = (['truncateBefore', 'maxCount', 'maxAge'] as const).filter((key) => metadata?.[key] !== undefined);
  if (retention.length) {
    damage.push({
      position: 0n,
      detail: `the metadata of ${streamName} lets the server drop checkpoints (${retention.join(', ')})`,
    });
  }
  let expected = 0n;
  for (const event of events) {
    const after = checkpoints.length ? checkpoints[checkpoints.length - 1]!.position + 1n : 0n;
    if (event.revision !== expected) {
      damage.push({
        position: after,
        detail: `checkpoints ${expected} to ${event.revision - 1n} of ${streamName} are gone`,
      });
    }
    expected = event.revision + 1n;
    try {
      if (event.type !== CHECKPOINT_EVENT_TYPE) throw new TypeError(`its type is ${event.type}`);
      checkpoints.push(checkpointFromJson(event.data));
    } catch (error) {
      damage.push({
        position: after,
        detail: `checkpoint ${event.revision} of ${streamName} is unreadable: ${(error as Error).message}`,
      });
    }
  }
  return { checkpoints, damage };
}
