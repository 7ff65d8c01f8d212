import { notFound } from '@lib/domain';
import { partyDecider, partyStreamId } from '@lib/domain/parties/index.js';
import {
  reviewClausesOf,
  reviewCommandBodies as bodies,
  reviewDecider,
  reviewStreamId,
  type ReviewCommand,
  type ReviewEvent,
  type ReviewState,
} from '@lib/domain/reviews/index.js';
import type { AggregateStore } from '../commands/aggregate-store.js';
import type { AggregateRoutes } from '../http/aggregate-routes.js';

/** Customer reviews are the relationship manager's, supplier and contract reviews the supplier manager's, agreement reviews the service manager's. */
const managers = ['relationship-manager', 'supplier-manager', 'service-manager'] as const;

/** A review of a customer relationship or of a supplier is of a registered party. */
async function ensureReviewedParty(command: ReviewCommand, aggregates: AggregateStore): Promise<ReviewCommand> {
  if (command.type !== 'ScheduleReview') return command;
  const { kind, id } = command.subject;
  if (kind !== 'customer-relationship' && kind !== 'supplier') return command;
  const { state } = await aggregates.load({ decider: partyDecider }, partyStreamId(id));
  if (!state.registered) throw notFound('review.party-not-found', `Party ${id} is not registered`);
  return command;
}

/**
 * Reviews at planned intervals (clauses 8.3.2, 8.3.3, 8.3.4.1) of a customer
 * relationship, an agreement, a supplier or a contract: scheduled, held (which
 * schedules the next one an interval on), with the actions agreed in them.
 */
export const reviewRoutes: AggregateRoutes<ReviewCommand, ReviewEvent, ReviewState> = {
  name: 'reviews',
  base: 'reviews',
  idParam: 'reviewId',
  aggregate: { decider: reviewDecider, clausesOf: (event) => reviewClausesOf(event) },
  streamId: ({ reviewId }) => reviewStreamId(reviewId!),
  commands: [
    {
      command: 'ScheduleReview',
      path: '',
      body: bodies.ScheduleReview,
      roles: managers,
      summary: 'Schedule a review of a customer relationship, agreement, supplier or contract, and its interval',
      prepare: ensureReviewedParty,
    },
    {
      command: 'RescheduleReview',
      path: ':reviewId/rescheduling',
      body: bodies.RescheduleReview,
      roles: managers,
      summary: 'Move a scheduled review to another date, with the reason',
    },
    {
      command: 'CancelReview',
      path: ':reviewId/cancellation',
      body: bodies.CancelReview,
      roles: managers,
      summary: 'Cancel a scheduled review, with the reason',
    },
    {
      command: 'HoldReview',
      path: ':reviewId/outcome',
      body: bodies.HoldReview,
      roles: managers,
      summary:
        'Record the review as held: attendees, performance trends, workload, findings, decisions; the next review is scheduled an interval on',
      newIds: ['nextReviewId'],
    },
    {
      command: 'AgreeReviewAction',
      path: ':reviewId/actions',
      body: bodies.AgreeReviewAction,
      roles: managers,
      summary: 'Record an action agreed in the review, its owner and due date',
      newIds: ['actionId'],
    },
    {
      command: 'CompleteReviewAction',
      path: ':reviewId/actions/:actionId/completion',
      body: bodies.CompleteReviewAction,
      roles: managers,
      summary: 'Record that an agreed action is done, and its outcome',
    },
  ],
};
