import type { ReviewEvent } from '@lib/domain/reviews/index.js';
import { reviewStreamId } from '@lib/domain/reviews/index.js';
import { issueOnce, reactionContext, type Reaction } from '../reactions/reaction.js';
import { reviewRoutes } from './review.routes.js';

type NextReviewScheduled = Extract<ReviewEvent, { type: 'NextReviewScheduled' }>['data'];

const name = 'reviews.next-review';

/**
 * A held review records when the next one is due, under an id made once when
 * the review was recorded as held; this reaction opens that review's stream,
 * linked back to the review it follows. A re-delivered event finds it
 * already scheduled and does nothing.
 */
export const nextReviewReaction: Reaction = {
  name,
  eventTypes: ['NextReviewScheduled'],
  async react(event, aggregates) {
    if (event.type !== 'NextReviewScheduled' || !event.streamId.startsWith('review-')) return;
    const { reviewId, nextReviewId, subject, dueOn, interval } = event.data as unknown as NextReviewScheduled;
    const context = reactionContext(name, event);
    await issueOnce(
      aggregates,
      reviewRoutes.aggregate,
      reviewStreamId(nextReviewId),
      {
        type: 'ScheduleReview',
        reviewId: nextReviewId,
        subject,
        dueOn,
        interval,
        previousReviewId: reviewId,
        at: new Date().toISOString(),
        by: context.actor,
      },
      context,
    );
  },
};
