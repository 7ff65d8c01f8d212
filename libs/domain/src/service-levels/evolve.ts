import type { ServiceLevelEvent } from './events.js';
import type { ServiceLevelExceptionClaim, ServiceLevelPeriod, ServiceLevelState } from './state.js';

const decideClaim = (period: ServiceLevelPeriod, claimId: string, status: ServiceLevelExceptionClaim['status']) => ({
  ...period,
  claims: period.claims.map((claim) => (claim.claimId === claimId ? { ...claim, status } : claim)),
});

export function evolveServiceLevel(state: ServiceLevelState, event: ServiceLevelEvent): ServiceLevelState {
  if (event.type === 'ServiceLevelPeriodOpened') {
    const { at: _at, by: _by, ...period } = event.data;
    return { ...period, status: 'open', measurements: [], workload: [], claims: [] };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'MeasurementRecorded': {
      const { measurementId, targetId, value, measuredAt } = event.data;
      return {
        ...state,
        measurements: [...state.measurements, { measurementId, targetId, value, measuredAt, corrections: [] }],
      };
    }
    case 'MeasurementCorrected': {
      const { measurementId, correctionId, value } = event.data;
      return {
        ...state,
        measurements: state.measurements.map((measurement) =>
          measurement.measurementId === measurementId
            ? { ...measurement, corrections: [...measurement.corrections, { correctionId, value }] }
            : measurement,
        ),
      };
    }
    case 'WorkloadRecorded': {
      const { limitId, actual, measuredAt } = event.data;
      return { ...state, workload: [...state.workload, { limitId, actual, measuredAt }] };
    }
    case 'ExceptionClaimed': {
      const { claimId, targetId, excludedMinutes, by } = event.data;
      return {
        ...state,
        claims: [...state.claims, { claimId, targetId, excludedMinutes, claimedBy: by, status: 'pending' }],
      };
    }
    case 'ExceptionApproved':
      return decideClaim(state, event.data.claimId, 'approved');
    case 'ExceptionRejected':
      return decideClaim(state, event.data.claimId, 'rejected');
    case 'ServiceLevelPeriodClosed':
      return { ...state, status: 'closed' };
    case 'ServiceLevelTargetMet':
    case 'ServiceLevelTargetBreached':
    case 'ServiceLevelTargetNotMeasured':
    case 'WorkloadWithinLimit':
    case 'WorkloadLimitExceeded':
    case 'WorkloadNotRecorded':
      // Judgements are evidence for readers; the closing event ends the period.
      return state;
    default: {
      const unknown: never = event;
      throw new Error(`Unknown service level event ${JSON.stringify(unknown)}`);
    }
  }
}
