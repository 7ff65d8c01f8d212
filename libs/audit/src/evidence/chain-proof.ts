import type pg from 'pg';
import type { ChainVerification, CheckpointSigner } from '@lib/event-store';
import { segmentHashes } from './collect.js';
import type { ChainProof, ProofCheckpoint } from './format.js';
import { PACK_FILES } from './format.js';
import { StreamedList } from './streamed-json.js';

/** chain-proof.json, with the segment's hashes read from the database as the file is written. */
export function chainProofDocument(
  pool: pg.Pool,
  options: {
    readonly range?: { readonly from: bigint; readonly to: bigint };
    readonly checkpoints: readonly ProofCheckpoint[];
    readonly verification: ChainVerification;
    readonly signer: CheckpointSigner;
    readonly shipsPublicKey: boolean;
  },
): unknown {
  const { range, signer } = options;
  const proof: Omit<ChainProof, 'segment'> & { segment: unknown } = {
    format: 'evidence-chain-proof/1',
    segment: range
      ? {
          fromPosition: range.from.toString(),
          toPosition: range.to.toString(),
          hashes: new StreamedList(segmentHashes(pool, range.from, range.to)),
        }
      : { fromPosition: '0', toPosition: '0', hashes: [] },
    checkpoints: options.checkpoints,
    verification: options.verification as unknown as Record<string, unknown>,
    key: {
      algorithm: signer.algorithm,
      keyId: signer.keyId,
      ...(options.shipsPublicKey ? { publicKeyFile: PACK_FILES.publicKey } : {}),
    },
  };
  return proof;
}
