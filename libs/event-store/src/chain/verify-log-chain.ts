import type { EventStore, RecordedEvent } from '../event-store.js';
import { chainHash, ENTRY_BYTES, ENTRY_HASH_BYTES, GENESIS_HASH } from './chain-hash.js';
import { checkpointPayload, type ChainCheckpoint } from './checkpoint.js';
import { createCheckpointVerifier, type CheckpointVerifier, type VerificationKey } from './signing.js';
import type { ChainVerification, CheckedCheckpoint, TamperReason } from './verify-chain.js';

/** Damage to the record of checkpoints that only its keeper sees (a truncated or deleted stream, say). */
export interface CheckpointDamage {
  /** The first position the damage leaves unvouched for (0: the whole log). */
  readonly position: bigint;
  readonly detail: string;
}

export interface VerifyLogChainOptions {
  /** Keys the checkpoints may be signed with (public keys suffice for Ed25519). */
  readonly verificationKeys: readonly VerificationKey[];
  /** Reported as reason `checkpoint` at its position, when nothing comes before it. */
  readonly checkpointDamage?: readonly CheckpointDamage[];
  /** Events per `readAll` call (default 5000). */
  readonly pageSize?: number;
}

interface Problem {
  readonly position: bigint;
  readonly reason: TamperReason;
  readonly detail: string;
}

interface Entry {
  readonly position: bigint;
  readonly prefix: Buffer;
  /** The checkpoint that ends at this entry. */
  readonly closes?: ChainCheckpoint;
}

/**
 * Verifies a log whose store keeps no hash per event, only signed checkpoints (EventStoreDB):
 * recomputes the chain over `readAll` (events as stored, in global order) and checks every event up
 * to the last signed checkpoint against the position and hash prefix that checkpoint lists for it.
 * So a changed, deleted, inserted or moved event is caught at its position even when the log was
 * rewritten with recomputed hashes, as long as the checkpoint key stayed secret. Events after the
 * last checkpoint are vouched for by nothing yet: `verifiedUpTo` stops at that checkpoint.
 */
export async function verifyLogChain(
  log: Pick<EventStore, 'readAll'>,
  checkpoints: readonly ChainCheckpoint[],
  options: VerifyLogChainOptions,
): Promise<ChainVerification> {
  const pageSize = options.pageSize ?? 5000;
  const { checked, valid, problems } = checkSignedCheckpoints(checkpoints, options.verificationKeys);
  for (const damage of options.checkpointDamage ?? []) problems.push({ ...damage, reason: 'checkpoint' });
  // The earliest problem with the checkpoints, reported when the walk gets there unharmed.
  const known = problems.reduce<Problem | undefined>((a, b) => (a && a.position <= b.position ? a : b), undefined);
  const upTo = valid.length ? valid[valid.length - 1]!.position : 0n;

  const entries = entriesOf(valid);
  let entry = entries.next().value;
  let lastPosition = 0n;
  let previousHash = GENESIS_HASH;
  const failed = (problem: Problem): ChainVerification => {
    const first = known && known.position < problem.position ? known : problem;
    return {
      intact: false,
      firstBadPosition: first.position,
      reason: first.reason,
      detail: first.detail,
      // Every problem is met before the walk passes its position.
      verifiedUpTo: lastPosition,
      checkpoints: checked,
    };
  };
  /** What is wrong at `position`, if a known problem or an event gone from there comes first. */
  const before = (position: bigint): Problem | undefined => {
    if (entry && entry.position < position) {
      const missing: Problem = {
        position: entry.position,
        reason: 'missing',
        detail: `the event a signed checkpoint lists at position ${entry.position} is gone`,
      };
      return known && known.position <= missing.position ? known : missing;
    }
    return known && known.position <= position ? known : undefined;
  };

  let after = 0n;
  while (after < upTo) {
    const page = await log.readAll({ fromPosition: after, limit: pageSize });
    for (const event of page) {
      const position = event.globalPosition;
      if (position > upTo) break;
      const earlier = before(position);
      if (earlier) return failed(earlier);
      if (entry?.position !== position) {
        return failed({
          position,
          reason: 'inserted',
          detail: `the event at position ${position} is not among the events of a signed checkpoint`,
        });
      }
      const hash = chainHash(previousHash, event);
      if (!hash.subarray(0, ENTRY_HASH_BYTES).equals(entry.prefix)) return failed(await mismatch(log, event));
      if (entry.closes && entry.closes.hash !== hash.toString('hex')) {
        return failed({
          position,
          reason: 'checkpoint',
          detail: `the chain at ${position} does not match its signed checkpoint`,
        });
      }
      lastPosition = position;
      previousHash = hash;
      entry = entries.next().value;
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1]!.globalPosition;
  }
  const rest = before(upTo + 1n) ?? known;
  if (rest) return failed(rest);
  return { intact: true, verifiedUpTo: lastPosition, headHash: previousHash.toString('hex'), checkpoints: checked };
}

/**
 * Checks signatures, and that the checkpoints follow on from one another from the start of the log
 * with entries that fit their range. Only an unbroken run of good ones from the start vouches for
 * events; the first one that breaks it is a problem at the first position it leaves unvouched for.
 */
function checkSignedCheckpoints(
  checkpoints: readonly ChainCheckpoint[],
  keys: readonly VerificationKey[],
): { checked: CheckedCheckpoint[]; valid: ChainCheckpoint[]; problems: Problem[] } {
  const verifiers = new Map<string, CheckpointVerifier>();
  for (const key of keys) {
    const verifier = createCheckpointVerifier(key);
    verifiers.set(verifier.keyId, verifier);
  }
  const checked: CheckedCheckpoint[] = [];
  const valid: ChainCheckpoint[] = [];
  const problems: Problem[] = [];
  let previous = 0n;
  for (const checkpoint of checkpoints) {
    const verifier = verifiers.get(checkpoint.keyId);
    const signatureValid =
      verifier !== undefined &&
      verifier.algorithm === checkpoint.algorithm &&
      verifier.verify(checkpointPayload(checkpoint), Buffer.from(checkpoint.signature, 'base64'));
    const { position, hash, signedAt, algorithm, keyId } = checkpoint;
    checked.push({ position, hash, signedAt, algorithm, keyId, signatureValid });
    const problem = (at: bigint, detail: string) => problems.push({ position: at, reason: 'checkpoint', detail });
    if (!signatureValid) {
      problem(
        position,
        verifier
          ? `the signature of the checkpoint at ${position} is invalid`
          : `the checkpoint at ${position} is signed by an unknown key ${keyId}`,
      );
      continue;
    }
    if (position <= previous) {
      // A genuine but old checkpoint recorded again: what came before it is still vouched for.
      problem(previous + 1n, `a checkpoint at ${position} is recorded after the one at ${previous}`);
      continue;
    }
    if (checkpoint.previousPosition !== previous) {
      problem(
        checkpoint.previousPosition > previous ? checkpoint.previousPosition : position,
        `the checkpoint at ${position} follows one at ${checkpoint.previousPosition}, which is not there`,
      );
    } else if (!entriesFit(checkpoint)) {
      problem(position, `the entries of the checkpoint at ${position} do not fit its range`);
    } else if (problems.length === 0) {
      valid.push(checkpoint);
    }
    previous = position;
  }
  return { checked, valid, problems };
}

/** Entries strictly increasing within (previousPosition, position], the last one at `position`. */
function entriesFit(checkpoint: ChainCheckpoint): boolean {
  const { entries } = checkpoint;
  if (entries.length === 0) return false;
  let last = checkpoint.previousPosition;
  for (let offset = 0; offset < entries.length; offset += ENTRY_BYTES) {
    const position = entries.readBigUInt64BE(offset);
    if (position <= last) return false;
    last = position;
  }
  return last === checkpoint.position;
}

function* entriesOf(checkpoints: readonly ChainCheckpoint[]): Generator<Entry, undefined> {
  for (const checkpoint of checkpoints) {
    const { entries } = checkpoint;
    for (let offset = 0; offset < entries.length; offset += ENTRY_BYTES) {
      yield {
        position: entries.readBigUInt64BE(offset),
        prefix: entries.subarray(offset + 8, offset + ENTRY_BYTES),
        ...(offset + ENTRY_BYTES === entries.length ? { closes: checkpoint } : {}),
      };
    }
  }
  return undefined;
}

/**
 * An event that differs from the one its checkpoint lists. Without a hash per event nothing tells
 * which event was there, but one out of its stream's order was moved: its stream's earlier events
 * are not all before it (read again from the start, only on this path).
 */
async function mismatch(log: Pick<EventStore, 'readAll'>, event: RecordedEvent): Promise<Problem> {
  const position = event.globalPosition;
  let before = 0;
  let after = 0n;
  for (;;) {
    const page = await log.readAll({ fromPosition: after, limit: 5000, filter: { streamIdPrefix: event.streamId } });
    const earlier = page.filter((e) => e.globalPosition < position);
    before += earlier.filter((e) => e.streamId === event.streamId).length;
    if (earlier.length < page.length || page.length < 5000) break;
    after = page[page.length - 1]!.globalPosition;
  }
  if (before !== event.streamVersion) {
    return {
      position,
      reason: 'reordered',
      detail: `the event at position ${position} is version ${event.streamVersion} of stream ${event.streamId}, which has ${before} events before it`,
    };
  }
  return {
    position,
    reason: 'changed',
    detail: `the event at position ${position} differs from the one a signed checkpoint covers`,
  };
}
