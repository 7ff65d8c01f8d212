import type { ChainVerification } from './verify-chain.js';

export interface Stretch {
  readonly from: bigint;
  readonly to: bigint;
}

/**
 * Cuts the positions [from, to] into at most `count` stretches of about `minEvents` or more, each
 * ending at a signed checkpoint but the last: `verifyChain` checks a stretch from the signed hash of
 * the checkpoint before it, so the stretches are checked independently and, together, exactly as
 * one walk would check them all.
 */
export function planStretches(
  checkpointPositions: readonly bigint[],
  span: Stretch,
  count: number,
  minEvents: number,
): Stretch[] {
  const length = span.to - span.from + 1n;
  const wanted = BigInt(Math.max(1, Math.min(count, Math.floor(Number(length) / minEvents))));
  const stretches: Stretch[] = [];
  let start = span.from;
  for (let k = 1n; k < wanted; k++) {
    const end = checkpointPositions.findLast((position) => position <= span.from + (length * k) / wanted);
    if (end !== undefined && end >= start && end < span.to) {
      stretches.push({ from: start, to: end });
      start = end + 1n;
    }
  }
  stretches.push({ from: start, to: span.to });
  return stretches;
}

/**
 * The verdict of one walk over all the stretches, from the verdicts of each (in the order of
 * `stretches`): the first bad position of any, or the last one's head when all are intact.
 */
export function joinVerifications(
  stretches: readonly Stretch[],
  verifications: readonly ChainVerification[],
  whole: boolean,
): ChainVerification {
  const failures = verifications.filter((verification) => !verification.intact);
  if (failures.length) {
    const bad = failures.reduce(
      (low, failure) => (failure.firstBadPosition < low ? failure.firstBadPosition : low),
      failures[0]!.firstBadPosition,
    );
    // A problem with the checkpoints is named by every stretch: one that ends before it names it
    // from its end, one that starts past it from its start. The stretch it lies in walked up to it.
    const within = stretches.findLastIndex((stretch) => stretch.from <= bad);
    const walkedUp = verifications[Math.max(within, 0)]!;
    return !walkedUp.intact && walkedUp.firstBadPosition === bad
      ? walkedUp
      : failures.find((failure) => failure.firstBadPosition === bad)!;
  }
  const first = verifications[0] as Extract<ChainVerification, { intact: true }>;
  const last = verifications[verifications.length - 1] as Extract<ChainVerification, { intact: true }>;
  return {
    intact: true,
    ...(!whole && first.verifiedFrom !== undefined ? { verifiedFrom: first.verifiedFrom } : {}),
    verifiedUpTo: last.verifiedUpTo,
    headHash: last.headHash,
    checkpoints: last.checkpoints,
  };
}
