import { alreadyExists, ensure, notFound } from '../shared/index.js';
import { isBefore, toMillis } from '../shared/calendar.js';
import { isValidValueFor } from '../agreements/index.js';
import type { ServiceLevelCommand, ServiceLevelCommandOf } from './commands.js';
import { closePeriod } from './decide-close.js';
import type { ServiceLevelEvent } from './events.js';
import type { ServiceLevelPeriod, ServiceLevelState } from './state.js';

export function decideServiceLevel(command: ServiceLevelCommand, state: ServiceLevelState): ServiceLevelEvent[] {
  if (command.type === 'OpenServiceLevelPeriod') {
    if (state.status !== 'none') {
      throw alreadyExists(
        'service-level.period-already-open',
        `Period ${command.periodId} of agreement ${command.agreementId} is already open`,
      );
    }
    ensure(
      isBefore(command.start, command.end),
      'service-level.period-dates-unordered',
      `The period must start (${command.start}) before it ends (${command.end})`,
    );
    const { type: _type, ...data } = command;
    return [{ type: 'ServiceLevelPeriodOpened', data }];
  }
  if (state.status === 'none') {
    throw notFound(
      'service-level.period-not-found',
      `Period ${command.periodId} of agreement ${command.agreementId} is not open`,
    );
  }
  // A closed period is reported evidence; corrections after closing would rewrite the judgement.
  ensure(state.status === 'open', 'service-level.period-closed', `Period ${state.periodId} is closed`);
  return decideInOpenPeriod(command, state);
}

function targetOf(period: ServiceLevelPeriod, targetId: string) {
  const target = period.targets.find((candidate) => candidate.targetId === targetId);
  ensure(target !== undefined, 'service-level.target-unknown', `Period ${period.periodId} has no target ${targetId}`);
  return target;
}

function claimOf(period: ServiceLevelPeriod, claimId: string, by: string) {
  const claim = period.claims.find((candidate) => candidate.claimId === claimId);
  ensure(claim !== undefined, 'service-level.exception-unknown', `No exception claim ${claimId}`);
  ensure(claim.status === 'pending', 'service-level.exception-not-pending', `Exception ${claimId} is ${claim.status}`);
  ensure(claim.claimedBy !== by, 'service-level.exception-self-approval', `${by} claimed exception ${claimId}`);
  return claim;
}

function decideInOpenPeriod(
  command: Exclude<ServiceLevelCommand, ServiceLevelCommandOf<'OpenServiceLevelPeriod'>>,
  period: ServiceLevelPeriod,
): ServiceLevelEvent[] {
  const { agreementId, periodId, at, by } = command;
  switch (command.type) {
    case 'RecordMeasurement': {
      const target = targetOf(period, command.targetId);
      ensure(
        isValidValueFor(target.metric, command.value),
        'service-level.value-invalid',
        `${command.value} is not a valid ${target.metric} value`,
      );
      ensure(
        !isBefore(command.measuredAt, period.start),
        'service-level.measured-before-period',
        `Measured at ${command.measuredAt}, before period ${periodId} started`,
      );
      ensure(
        !period.measurements.some((measurement) => measurement.measurementId === command.measurementId),
        'service-level.measurement-duplicate',
        `Measurement ${command.measurementId} is already recorded`,
      );
      const { measurementId, targetId, value, source, measuredAt } = command;
      return [
        {
          type: 'MeasurementRecorded',
          data: { agreementId, periodId, measurementId, targetId, value, source, measuredAt, at, by },
        },
      ];
    }
    case 'CorrectMeasurement': {
      const measurement = period.measurements.find((candidate) => candidate.measurementId === command.measurementId);
      ensure(
        measurement !== undefined,
        'service-level.measurement-unknown',
        `No measurement ${command.measurementId} in period ${periodId}`,
      );
      const target = targetOf(period, measurement.targetId);
      ensure(
        isValidValueFor(target.metric, command.value),
        'service-level.value-invalid',
        `${command.value} is not a valid ${target.metric} value`,
      );
      const { correctionId, measurementId, value, reason } = command;
      return [
        {
          type: 'MeasurementCorrected',
          data: {
            agreementId,
            periodId,
            correctionId,
            measurementId,
            targetId: target.targetId,
            value,
            reason,
            at,
            by,
          },
        },
      ];
    }
    case 'RecordWorkload': {
      ensure(
        period.workloadLimits.some((limit) => limit.limitId === command.limitId),
        'service-level.workload-limit-unknown',
        `Period ${periodId} has no workload limit ${command.limitId}`,
      );
      ensure(command.actual >= 0, 'service-level.value-invalid', 'Workload cannot be negative');
      const { workloadRecordId, limitId, actual, source, measuredAt } = command;
      return [
        {
          type: 'WorkloadRecorded',
          data: { agreementId, periodId, workloadRecordId, limitId, actual, source, measuredAt, at, by },
        },
      ];
    }
    case 'ClaimException': {
      if (command.targetId !== undefined) targetOf(period, command.targetId);
      const { basis } = command;
      const known =
        basis.kind === 'planned-maintenance'
          ? period.exceptions.plannedMaintenanceWindows.some((window) => window.windowId === basis.referenceId)
          : period.exceptions.excludedCauses.some((cause) => cause.causeId === basis.referenceId);
      ensure(
        known,
        'service-level.exception-basis-unknown',
        `The agreement has no ${basis.kind} ${basis.referenceId} to claim an exception under`,
      );
      const periodMinutes = (toMillis(period.end) - toMillis(period.start)) / 60_000;
      ensure(
        command.excludedMinutes > 0 && command.excludedMinutes <= periodMinutes,
        'service-level.excluded-minutes-invalid',
        `Excluded minutes must be between 0 and the ${periodMinutes} minutes of the period`,
      );
      ensure(
        !period.claims.some((claim) => claim.claimId === command.claimId),
        'service-level.exception-duplicate',
        `Exception claim ${command.claimId} already exists`,
      );
      const { claimId, targetId, excludedMinutes, reason, accountablePersonId } = command;
      return [
        {
          type: 'ExceptionClaimed',
          data: {
            agreementId,
            periodId,
            claimId,
            targetId,
            excludedMinutes,
            basis,
            reason,
            accountablePersonId,
            at,
            by,
          },
        },
      ];
    }
    case 'ApproveException': {
      const { claimId } = claimOf(period, command.claimId, by);
      return [{ type: 'ExceptionApproved', data: { agreementId, periodId, claimId, reason: command.reason, at, by } }];
    }
    case 'RejectException': {
      const { claimId } = claimOf(period, command.claimId, by);
      return [{ type: 'ExceptionRejected', data: { agreementId, periodId, claimId, reason: command.reason, at, by } }];
    }
    case 'CloseServiceLevelPeriod':
      return closePeriod(command, period);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown service level command ${JSON.stringify(unknown)}`);
    }
  }
}
