import { createHash, createPublicKey } from 'node:crypto';
import {
  canonicalJson,
  checkpointPayload,
  createCheckpointVerifier,
  ENTRY_BYTES,
  ENTRY_HASH_BYTES,
  GENESIS_HASH,
  type CheckpointVerifier,
  type VerificationKey,
} from '@lib/event-store';
import { PACK_FILES, type ChainProof, type EventLine, type Manifest, type ProofCheckpoint } from './format.js';
import { readZip } from './zip.js';

export interface PackProblem {
  /** The file (or part of the archive) concerned, e.g. `events.ndjson`. */
  readonly file: string;
  readonly message: string;
}

export interface PackVerification {
  readonly ok: boolean;
  readonly problems: readonly PackProblem[];
  /** What was checked, in words, for the report. */
  readonly checked: readonly string[];
  /** Things that could not be checked (e.g. an HMAC signature without the secret). */
  readonly warnings: readonly string[];
  readonly manifest?: Manifest;
}

export interface VerifyPackOptions {
  /**
   * The provider's key, obtained apart from the pack: an Ed25519 public key, or the HMAC secret.
   * Without it, Ed25519 signatures are checked with the key shipped in the pack (whose id should
   * be compared with the one the provider publishes) and HMAC signatures are not checked.
   */
  readonly key?: VerificationKey;
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

function chainHashOf(previousHex: string, line: EventLine): string {
  const envelope = {
    globalPosition: line.globalPosition,
    eventId: line.eventId,
    streamId: line.streamId,
    streamVersion: line.streamVersion,
    type: line.type,
    schemaVersion: line.schemaVersion,
    data: line.data,
    metadata: line.metadata,
    recordedAt: line.recordedAt,
  };
  return createHash('sha256')
    .update(Buffer.from(previousHex, 'hex'))
    .update(canonicalJson(envelope), 'utf8')
    .digest('hex');
}

/** The payload a manifest signature covers. */
export const manifestPayload = (manifest: Manifest) => {
  const { signature: _signature, ...unsigned } = manifest;
  return Buffer.from(canonicalJson({ kind: 'evidence-manifest/1', ...unsigned }), 'utf8');
};

/**
 * Checks an evidence pack offline: every file against the manifest's SHA-256 (and the ZIP's own
 * CRC-32), the manifest's signature, each event against its chain hash, the period's chain segment
 * link by link, and the segment against the signed checkpoints. Names each altered thing.
 */
export function verifyEvidencePack(archive: Buffer, options: VerifyPackOptions = {}): PackVerification {
  const problems: PackProblem[] = [];
  const checked: string[] = [];
  const warnings: string[] = [];
  const zip = readZip(archive);
  problems.push(...zip.problems);
  const text = (name: string) => zip.files.get(name)?.toString('utf8');

  let manifest: Manifest | undefined;
  try {
    const raw = text(PACK_FILES.manifest);
    if (raw === undefined) throw new Error('it is missing');
    manifest = JSON.parse(raw) as Manifest;
  } catch (error) {
    if (!zip.problems.some((problem) => problem.file === PACK_FILES.manifest)) {
      problems.push({ file: PACK_FILES.manifest, message: `unreadable: ${(error as Error).message}` });
    }
  }

  // The key: the one given, else an Ed25519 public key shipped in the pack.
  let verifier: CheckpointVerifier | undefined;
  let keySource = 'given';
  try {
    if (options.key !== undefined) verifier = createCheckpointVerifier(options.key);
    else if (zip.files.has(PACK_FILES.publicKey)) {
      verifier = createCheckpointVerifier(createPublicKey(text(PACK_FILES.publicKey)!));
      keySource = 'shipped in the pack';
    }
  } catch (error) {
    problems.push({ file: PACK_FILES.publicKey, message: `not a usable key: ${(error as Error).message}` });
  }
  if (verifier && keySource !== 'given') {
    warnings.push(
      `signatures checked with the public key shipped in the pack (${verifier.keyId}); compare this id with the key the provider publishes, or pass --key`,
    );
  }
  const verifySignature = (
    file: string,
    what: string,
    signature: { algorithm: string; keyId: string; value: string },
    payload: Buffer,
  ) => {
    if (!verifier) {
      warnings.push(`${what}: ${signature.algorithm} signature by ${signature.keyId} not checked (no key)`);
      return;
    }
    if (verifier.keyId !== signature.keyId || verifier.algorithm !== signature.algorithm) {
      problems.push({ file, message: `${what} is signed by ${signature.keyId}, not by the key ${verifier.keyId}` });
      return;
    }
    if (!verifier.verify(payload, Buffer.from(signature.value, 'base64'))) {
      problems.push({ file, message: `${what}: the signature does not match` });
    }
  };

  if (manifest) {
    for (const [name, expected] of Object.entries(manifest.files ?? {})) {
      const data = zip.files.get(name);
      if (!data) {
        if (!zip.problems.some((problem) => problem.file === name)) {
          problems.push({ file: name, message: 'listed in the manifest but missing from the archive' });
        }
        continue;
      }
      if (sha256(data) !== expected.sha256)
        problems.push({ file: name, message: 'altered: its SHA-256 differs from the manifest' });
    }
    for (const name of zip.files.keys()) {
      if (name !== PACK_FILES.manifest && !(name in (manifest.files ?? {}))) {
        problems.push({ file: name, message: 'not listed in the manifest (added)' });
      }
    }
    checked.push(`SHA-256 of ${Object.keys(manifest.files ?? {}).length} files against the manifest`);
    if (manifest.signature) {
      verifySignature(PACK_FILES.manifest, 'the manifest', manifest.signature, manifestPayload(manifest));
      checked.push('the signature of the manifest');
    } else {
      problems.push({ file: PACK_FILES.manifest, message: 'the manifest is not signed' });
    }
  }

  // The chain segment and the signed checkpoints.
  let proof: ChainProof | undefined;
  try {
    const raw = text(PACK_FILES.proof);
    if (raw !== undefined) proof = JSON.parse(raw) as ChainProof;
  } catch (error) {
    problems.push({ file: PACK_FILES.proof, message: `unreadable: ${(error as Error).message}` });
  }
  const segment = new Map<string, { previous: string; hash: string }>();
  if (proof) {
    let last: string | undefined;
    for (const [position, previous, hash] of proof.segment.hashes) {
      if (last !== undefined && previous !== last) {
        problems.push({
          file: PACK_FILES.proof,
          message: `the chain segment breaks at position ${position}: it follows ${previous}, not ${last}`,
        });
      }
      segment.set(position, { previous, hash });
      last = position;
    }
    let covered = 0;
    for (const checkpoint of proof.checkpoints) {
      covered += checkCheckpoint(checkpoint, segment, problems, verifySignature);
    }
    checked.push(
      `${segment.size} chain hashes of positions ${proof.segment.fromPosition} to ${proof.segment.toPosition}, ${covered} of them against ${proof.checkpoints.length} signed checkpoints`,
    );
    if (segment.size > 0 && covered < segment.size) {
      warnings.push(`${segment.size - covered} positions of the segment are not covered by a signed checkpoint`);
    }
  }

  // Each event against its hash and the segment.
  const events = text(PACK_FILES.events);
  if (events !== undefined) {
    let count = 0;
    events.split('\n').forEach((raw, index) => {
      if (!raw.trim()) return;
      const where = `line ${index + 1}`;
      let line: EventLine;
      try {
        line = JSON.parse(raw) as EventLine;
      } catch {
        problems.push({ file: PACK_FILES.events, message: `${where} is not JSON (altered)` });
        return;
      }
      count++;
      const name = `${where} (position ${line.globalPosition}, event ${line.eventId})`;
      if (chainHashOf(line.previousHash, line) !== line.hash) {
        problems.push({
          file: PACK_FILES.events,
          message: `${name}: the event does not match its chain hash (altered)`,
        });
      }
      const link = segment.get(String(line.globalPosition));
      if (proof && !link) {
        problems.push({ file: PACK_FILES.events, message: `${name}: not in the chain segment of the proof` });
      } else if (link) {
        if (link.hash !== line.hash) {
          problems.push({ file: PACK_FILES.events, message: `${name}: its hash differs from the chain segment` });
        }
        const previousHash = link.previous === '0' ? GENESIS_HASH.toString('hex') : segment.get(link.previous)?.hash;
        if (previousHash !== undefined && previousHash !== line.previousHash) {
          problems.push({
            file: PACK_FILES.events,
            message: `${name}: its previous hash differs from the chain segment`,
          });
        }
      }
    });
    checked.push(`${count} events recomputed against their chain hashes`);
  } else if (!zip.problems.some((problem) => problem.file === PACK_FILES.events)) {
    problems.push({ file: PACK_FILES.events, message: 'missing' });
  }

  return { ok: problems.length === 0, problems, checked, warnings, manifest };
}

/** Checks one checkpoint: its signature, and its entries against the segment; the positions it covered. */
function checkCheckpoint(
  checkpoint: ProofCheckpoint,
  segment: Map<string, { previous: string; hash: string }>,
  problems: PackProblem[],
  verifySignature: (
    file: string,
    what: string,
    signature: { algorithm: string; keyId: string; value: string },
    payload: Buffer,
  ) => void,
): number {
  const entries = Buffer.from(checkpoint.entries, 'base64');
  const what = `the checkpoint at ${checkpoint.position}`;
  const payload = checkpointPayload({
    position: BigInt(checkpoint.position),
    previousPosition: BigInt(checkpoint.previousPosition),
    hash: checkpoint.hash,
    entries,
    signedAt: new Date(checkpoint.signedAt),
    algorithm: checkpoint.algorithm,
    keyId: checkpoint.keyId,
  });
  verifySignature(
    PACK_FILES.proof,
    what,
    { algorithm: checkpoint.algorithm, keyId: checkpoint.keyId, value: checkpoint.signature },
    payload,
  );
  let covered = 0;
  for (let offset = 0; offset + ENTRY_BYTES <= entries.length; offset += ENTRY_BYTES) {
    const position = entries.readBigUInt64BE(offset).toString();
    const link = segment.get(position);
    if (!link) continue;
    covered++;
    const prefix = entries.subarray(offset + 8, offset + 8 + ENTRY_HASH_BYTES).toString('hex');
    if (!link.hash.startsWith(prefix)) {
      problems.push({ file: PACK_FILES.proof, message: `position ${position} differs from what ${what} signed` });
    }
  }
  const head = segment.get(checkpoint.position);
  if (head && head.hash !== checkpoint.hash) {
    problems.push({ file: PACK_FILES.proof, message: `the chain at ${checkpoint.position} differs from ${what}` });
  }
  return covered;
}
