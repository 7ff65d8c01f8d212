import { toMillis } from '../shared/calendar.js';
import { higherIsBetter, type ServiceLevelTarget } from '../agreements/index.js';
import type { ServiceLevelMeasurement, ServiceLevelPeriod } from './state.js';

/** The measurement a target is judged on: the latest taken (latest recorded on a tie), with its latest correction. */
export function measurementJudged(
  period: ServiceLevelPeriod,
  targetId: string,
): { measurement: ServiceLevelMeasurement; value: number } | undefined {
  let latest: ServiceLevelMeasurement | undefined;
  for (const measurement of period.measurements) {
    if (measurement.targetId !== targetId) continue;
    if (latest === undefined || toMillis(measurement.measuredAt) >= toMillis(latest.measuredAt)) latest = measurement;
  }
  if (latest === undefined) return undefined;
  const correction = latest.corrections[latest.corrections.length - 1];
  return { measurement: latest, value: correction?.value ?? latest.value };
}

/** Approved excluded downtime that applies to a target: claims for it and claims for all targets. */
export const approvedExcludedMinutes = (period: ServiceLevelPeriod, targetId: string): number =>
  period.claims
    .filter((claim) => claim.status === 'approved' && (claim.targetId === undefined || claim.targetId === targetId))
    .reduce((sum, claim) => sum + claim.excludedMinutes, 0);

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/**
 * Availability with approved excluded downtime taken out of both the period and
 * the downtime, when the target's method says so:
 *   downtime = (100 - measured) % of the period's minutes
 *   judged   = 100 × (period − excluded − max(0, downtime − excluded)) / (period − excluded)
 * Every other target is judged on the measured value as it is.
 */
export function judgedValue(
  period: ServiceLevelPeriod,
  target: ServiceLevelTarget,
  measured: number,
  excluded: number,
) {
  if (target.metric !== 'availability' || target.excludesApprovedDowntime !== true || excluded <= 0) return measured;
  const periodMinutes = (toMillis(period.end) - toMillis(period.start)) / 60_000;
  const counted = periodMinutes - excluded;
  if (counted <= 0) return 100;
  const downtime = ((100 - measured) / 100) * periodMinutes;
  const countedDowntime = Math.max(0, downtime - excluded);
  return round((100 * (counted - countedDowntime)) / counted);
}

/** The service credit tier a breach reaches: the largest credit among the tiers the value is worse than. */
export function serviceCreditReached(
  period: ServiceLevelPeriod,
  target: ServiceLevelTarget,
  value: number,
): { level: number; creditPercent: number } | undefined {
  const credit = period.serviceCredits.find((candidate) => candidate.targetId === target.targetId);
  const worse = (level: number) => (higherIsBetter(target.comparator) ? value < level : value > level);
  let reached: { level: number; creditPercent: number } | undefined;
  for (const tier of credit?.tiers ?? []) {
    if (worse(tier.level) && (reached === undefined || tier.creditPercent > reached.creditPercent)) reached = tier;
  }
  return reached;
}
