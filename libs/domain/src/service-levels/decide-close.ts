import { ensure } from '../shared/index.js';
import { toMillis } from '../shared/calendar.js';
import { meetsTarget } from '../agreements/index.js';
import type { ServiceLevelCommandOf } from './commands.js';
import type { ServiceLevelEvent } from './events.js';
import { approvedExcludedMinutes, judgedValue, measurementJudged, serviceCreditReached } from './judgement.js';
import type { ServiceLevelPeriod } from './state.js';

/**
 * Judges every target and workload limit against the agreement version recorded
 * when the period opened, never a later one. A target without a measurement is
 * recorded as not measured, so the gap is visible in the evidence.
 */
export function closePeriod(
  command: ServiceLevelCommandOf<'CloseServiceLevelPeriod'>,
  period: ServiceLevelPeriod,
): ServiceLevelEvent[] {
  ensure(
    toMillis(command.at) >= toMillis(period.end),
    'service-level.period-not-ended',
    `Period ${period.periodId} ends at ${period.end}`,
  );
  const pending = period.claims.filter((claim) => claim.status === 'pending');
  ensure(
    pending.length === 0,
    'service-level.exceptions-pending',
    `Decide the exception claims first: ${pending.map((claim) => claim.claimId).join(', ')}`,
  );
  const { agreementId, periodId, agreementVersion } = period;
  const { at, by } = command;
  const events: ServiceLevelEvent[] = [];
  const count = { met: 0, breached: 0, notMeasured: 0, exceeded: 0 };

  for (const target of period.targets) {
    const level = { metric: target.metric, comparator: target.comparator, value: target.value, unit: target.unit };
    const measured = measurementJudged(period, target.targetId);
    if (measured === undefined) {
      count.notMeasured++;
      events.push({
        type: 'ServiceLevelTargetNotMeasured',
        data: { agreementId, periodId, agreementVersion, targetId: target.targetId, target: level, at, by },
      });
      continue;
    }
    const excludedMinutes = approvedExcludedMinutes(period, target.targetId);
    const value = judgedValue(period, target, measured.value, excludedMinutes);
    const judged = {
      agreementId,
      periodId,
      agreementVersion,
      targetId: target.targetId,
      target: level,
      measurementId: measured.measurement.measurementId,
      measuredValue: measured.value,
      excludedMinutes,
      judgedValue: value,
      at,
      by,
    };
    if (meetsTarget(target, value)) {
      count.met++;
      events.push({ type: 'ServiceLevelTargetMet', data: judged });
    } else {
      count.breached++;
      const credit = serviceCreditReached(period, target, value);
      events.push({
        type: 'ServiceLevelTargetBreached',
        data: { ...judged, serviceCreditPercent: credit?.creditPercent ?? 0, serviceCreditLevel: credit?.level },
      });
    }
  }

  for (const limit of period.workloadLimits) {
    const readings = period.workload.filter((reading) => reading.limitId === limit.limitId);
    const base = {
      agreementId,
      periodId,
      agreementVersion,
      limitId: limit.limitId,
      limit: limit.limit,
      unit: limit.unit,
    };
    if (readings.length === 0) {
      events.push({ type: 'WorkloadNotRecorded', data: { ...base, at, by } });
      continue;
    }
    // The latest reading is the period's actual workload.
    const latest = readings.reduce((a, b) => (toMillis(b.measuredAt) >= toMillis(a.measuredAt) ? b : a));
    const exceeded = latest.actual > limit.limit;
    if (exceeded) count.exceeded++;
    events.push({
      type: exceeded ? 'WorkloadLimitExceeded' : 'WorkloadWithinLimit',
      data: { ...base, actual: latest.actual, at, by },
    });
  }

  events.push({
    type: 'ServiceLevelPeriodClosed',
    data: {
      agreementId,
      periodId,
      agreementVersion,
      targetsMet: count.met,
      targetsBreached: count.breached,
      targetsNotMeasured: count.notMeasured,
      workloadLimitsExceeded: count.exceeded,
      at,
      by,
    },
  });
  return events;
}
