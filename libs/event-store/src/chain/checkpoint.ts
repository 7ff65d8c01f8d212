import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import type { SignatureAlgorithm } from './signing.js';

/** A signed statement: the chain of the log up to `position` ends in `hash`. */
export interface ChainCheckpoint {
  readonly position: bigint;
  /** The checkpoint before this one (0 for the first): `entries` cover the events in between. */
  readonly previousPosition: bigint;
  /** Hex SHA-256 chain hash of the event at `position`. */
  readonly hash: string;
  /** For each event in (previousPosition, position]: 8 bytes of position, 8 bytes of its chain hash. */
  readonly entries: Buffer;
  readonly signedAt: Date;
  readonly algorithm: SignatureAlgorithm;
  readonly keyId: string;
  /** Base64 signature over `checkpointPayload(...)`. */
  readonly signature: string;
}

export interface CheckpointRow {
  position: string;
  previous_position: string;
  hash: Buffer;
  entries?: Buffer;
  signed_at: Date;
  algorithm: SignatureAlgorithm;
  key_id: string;
  signature: Buffer;
}

/** The bytes a checkpoint's signature covers (positions as strings, time as ISO-8601). */
export function checkpointPayload(checkpoint: Omit<ChainCheckpoint, 'signature'>): Buffer {
  return Buffer.from(
    canonicalJson({
      kind: 'event-store-checkpoint/1',
      position: checkpoint.position,
      previousPosition: checkpoint.previousPosition,
      hash: checkpoint.hash,
      entriesHash: createHash('sha256').update(checkpoint.entries).digest('hex'),
      signedAt: checkpoint.signedAt,
      algorithm: checkpoint.algorithm,
      keyId: checkpoint.keyId,
    }),
    'utf8',
  );
}

export function toCheckpoint(row: CheckpointRow): ChainCheckpoint {
  return {
    position: BigInt(row.position),
    previousPosition: BigInt(row.previous_position),
    hash: row.hash.toString('hex'),
    entries: row.entries ?? Buffer.alloc(0),
    signedAt: row.signed_at,
    algorithm: row.algorithm,
    keyId: row.key_id,
    signature: row.signature.toString('base64'),
  };
}
