import { ENTRY_BYTES } from './chain-hash.js';
import type { ChainCheckpoint } from './checkpoint.js';
import type { SignatureAlgorithm } from './signing.js';

/**
 * A signed checkpoint as JSON (the shape evidence packs ship): positions as decimal strings, the
 * hash in hex, entries and signature in base64, the signing time in ISO 8601.
 */
export interface CheckpointJson {
  readonly position: string;
  readonly previousPosition: string;
  readonly hash: string;
  readonly entries: string;
  readonly signedAt: string;
  readonly algorithm: SignatureAlgorithm;
  readonly keyId: string;
  readonly signature: string;
}

export function checkpointToJson(checkpoint: ChainCheckpoint): CheckpointJson {
  return {
    position: checkpoint.position.toString(),
    previousPosition: checkpoint.previousPosition.toString(),
    hash: checkpoint.hash,
    entries: checkpoint.entries.toString('base64'),
    signedAt: checkpoint.signedAt.toISOString(),
    algorithm: checkpoint.algorithm,
    keyId: checkpoint.keyId,
    signature: checkpoint.signature,
  };
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;
const HEX_HASH = /^[0-9a-f]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const ALGORITHMS: readonly SignatureAlgorithm[] = ['ed25519', 'hmac-sha256'];

/**
 * Reads a checkpoint back from JSON kept outside the chain's own tables. Throws a TypeError naming
 * the first malformed field: whoever can write there can write anything, so nothing is assumed.
 * Whether the checkpoint is genuine is for its signature to tell.
 */
export function checkpointFromJson(value: unknown): ChainCheckpoint {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError('a checkpoint must be a JSON object');
  }
  const json = value as Record<string, unknown>;
  const text = (field: keyof CheckpointJson, pattern?: RegExp): string => {
    const member = json[field];
    if (typeof member !== 'string' || (pattern && !pattern.test(member))) {
      throw new TypeError(`the checkpoint's ${field} is malformed`);
    }
    return member;
  };
  const entries = Buffer.from(text('entries', BASE64), 'base64');
  if (entries.length % ENTRY_BYTES !== 0) throw new TypeError("the checkpoint's entries are malformed");
  const signedAt = new Date(text('signedAt'));
  if (Number.isNaN(signedAt.getTime())) throw new TypeError("the checkpoint's signedAt is malformed");
  const algorithm = text('algorithm') as SignatureAlgorithm;
  if (!ALGORITHMS.includes(algorithm)) throw new TypeError("the checkpoint's algorithm is malformed");
  return {
    position: BigInt(text('position', DECIMAL)),
    previousPosition: BigInt(text('previousPosition', DECIMAL)),
    hash: text('hash', HEX_HASH),
    entries,
    signedAt,
    algorithm,
    keyId: text('keyId'),
    signature: text('signature', BASE64),
  };
}
