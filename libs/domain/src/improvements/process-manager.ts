import type { ServiceLevelEvent } from '../service-levels/index.js';
import type { RaiseImprovementOpportunityBody } from './commands.js';

export interface CauseEventContext {
  /** Id of the service level event in the store. */
  readonly eventId: string;
  readonly streamId: string;
}

/**
 * Improvement opportunities a service level event calls for (clause 8.3.3): one per
 * breached target and one per exceeded workload limit, each linked to its cause.
 *
 * Ids: each payload carries `cause.eventId`; the caller derives the improvement id
 * from it deterministically (e.g. a UUIDv5 of the cause event id), so that a reaction
 * delivered more than once raises one opportunity and the repeat is refused as
 * `improvement.already-exists`.
 */
export function improvementOpportunitiesFor(
  event: ServiceLevelEvent,
  context: CauseEventContext,
): RaiseImprovementOpportunityBody[] {
  const { eventId, streamId } = context;
  switch (event.type) {
    case 'ServiceLevelTargetBreached': {
      const { agreementId, periodId, targetId, target, judgedValue, agreementVersion } = event.data;
      return [
        {
          title: `Target ${targetId} breached in ${periodId}`,
          description:
            `Agreement ${agreementId} version ${agreementVersion}: ${target.metric} was ${judgedValue} ${target.unit}, ` +
            `target ${target.comparator} ${target.value} ${target.unit}`,
          cause: { kind: 'target-breached', streamId, eventId },
          agreementId,
        },
      ];
    }
    case 'WorkloadLimitExceeded': {
      const { agreementId, periodId, limitId, limit, actual, unit } = event.data;
      return [
        {
          title: `Workload limit ${limitId} exceeded in ${periodId}`,
          description: `Agreement ${agreementId}: actual workload ${actual} ${unit} against a limit of ${limit} ${unit}`,
          cause: { kind: 'workload-limit-exceeded', streamId, eventId },
          agreementId,
        },
      ];
    }
    default:
      return [];
  }
}
