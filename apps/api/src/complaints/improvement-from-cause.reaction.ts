import { improvementStreamId, type ImprovementCauseKind } from '@lib/domain/improvements/index.js';
import { improvementAggregate } from '../improvements/improvement.routes.js';
import { issueOnce, reactionContext, type Reaction } from '../reactions/reaction.js';

/** The part of a `ComplaintImprovementRaised` or `SurveyImprovementRaised` event the reaction reads. */
interface RaisedFromCause {
  readonly improvementId: string;
  readonly description: string;
}

/**
 * When a complaint or a survey raises an improvement opportunity, its own
 * stream records only the decision; this reaction opens the improvement
 * stream under the id the event carries (made once, when the command was
 * handled), linked to its cause. A re-delivered event finds the stream
 * already there and does nothing.
 */
export function improvementFromCause(kind: Extract<ImprovementCauseKind, 'complaint' | 'survey'>): Reaction {
  const name = `${kind}s.improvement-opportunity`;
  const type = kind === 'complaint' ? 'ComplaintImprovementRaised' : 'SurveyImprovementRaised';
  return {
    name,
    eventTypes: [type],
    async react(event, aggregates) {
      const { improvementId, description } = event.data as unknown as RaisedFromCause;
      const causeId = event.streamId.slice(`${kind}-`.length);
      const context = reactionContext(name, event);
      await issueOnce(
        aggregates,
        improvementAggregate,
        improvementStreamId(improvementId),
        {
          type: 'RaiseImprovementOpportunity',
          improvementId,
          title: `Improvement from ${kind} ${causeId}`,
          description,
          cause: { kind, streamId: event.streamId, eventId: event.eventId },
          at: new Date().toISOString(),
          by: context.actor,
        },
        context,
      );
    },
  };
}
