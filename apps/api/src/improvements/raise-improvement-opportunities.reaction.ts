import {
  improvementOpportunitiesFor,
  improvementStreamId,
  type ImprovementCommand,
} from '@lib/domain/improvements/index.js';
import type { ServiceLevelEvent } from '@lib/domain/service-levels/index.js';
import type { RecordedEvent } from '@lib/event-store';
import type { AggregateStore } from '../commands/aggregate-store.js';
import { idFromCause, issueOnce, reactionContext, type Reaction } from '../reactions/reaction.js';
import { improvementAggregate } from './improvement.routes.js';

const NAME = 'raise-improvement-opportunities';

/** The id of the n-th opportunity a cause event calls for: the same on every delivery of that event. */
export const improvementIdFor = (cause: RecordedEvent, index = 0) =>
  idFromCause(NAME, cause, `improvement-opportunity:${index}`);

/**
 * Clause 8.3.3: a missed target or an exceeded workload limit gives rise to an
 * improvement opportunity, linked to the judgement that reported it (its
 * stream and event id in the cause, and the event id as the causation of the
 * raising event), so an auditor can trace a shortfall to the action it triggered.
 */
export const raiseImprovementOpportunities: Reaction = {
  name: NAME,
  eventTypes: ['ServiceLevelTargetBreached', 'WorkloadLimitExceeded'],
  async react(event: RecordedEvent, aggregates: AggregateStore): Promise<void> {
    const opportunities = improvementOpportunitiesFor({ type: event.type, data: event.data } as ServiceLevelEvent, {
      eventId: event.eventId,
      streamId: event.streamId,
    });
    const context = reactionContext(NAME, event);
    for (const [index, opportunity] of opportunities.entries()) {
      const improvementId = improvementIdFor(event, index);
      const command: ImprovementCommand = {
        type: 'RaiseImprovementOpportunity',
        improvementId,
        ...opportunity,
        at: new Date().toISOString(),
        by: context.actor,
      };
      await issueOnce(aggregates, improvementAggregate, improvementStreamId(improvementId), command, context);
    }
  },
};
