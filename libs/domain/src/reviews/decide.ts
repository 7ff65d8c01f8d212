import { alreadyExists, ensure, notFound } from '../shared/index.js';
import { addDuration, toMillis } from '../shared/calendar.js';
import type { ReviewCommand } from './commands.js';
import type { ReviewEvent } from './events.js';
import type { ReviewState } from './state.js';

export function decideReview(command: ReviewCommand, state: ReviewState): ReviewEvent[] {
  const { reviewId, at, by } = command;
  if (command.type === 'ScheduleReview') {
    if (state.status !== 'none') throw alreadyExists('review.already-exists', `Review ${reviewId} exists`);
    const { subject, dueOn, interval, previousReviewId } = command;
    const data = { reviewId, subject, dueOn, interval, ...(previousReviewId && { previousReviewId }) };
    return [{ type: 'ReviewScheduled', data: { ...data, at, by } }];
  }
  if (state.status === 'none' || !state.plan) throw notFound('review.not-found', `Review ${reviewId} does not exist`);
  const { subject, interval } = state.plan;

  switch (command.type) {
    case 'RescheduleReview': {
      ensureScheduled(state);
      const { dueOn, reason } = command;
      const previousDueOn = state.plan.dueOn;
      ensure(dueOn !== previousDueOn, 'review.same-due-date', `The review is already due on ${dueOn}`);
      return [{ type: 'ReviewRescheduled', data: { reviewId, subject, dueOn, previousDueOn, reason, at, by } }];
    }
    case 'CancelReview':
      ensureScheduled(state);
      return [{ type: 'ReviewCancelled', data: { reviewId, subject, reason: command.reason, at, by } }];
    case 'HoldReview': {
      ensureScheduled(state);
      const { nextReviewId, heldOn, attendees, performanceTrends, workload, findings, decisions } = command;
      ensure(
        toMillis(heldOn) <= toMillis(at),
        'review.held-in-future',
        'A review cannot be recorded before it is held',
      );
      const held = { reviewId, subject, heldOn, attendees, performanceTrends, workload, findings, decisions };
      const dueOn = nextDueOn(state.plan.dueOn, heldOn, interval);
      return [
        { type: 'ReviewHeld', data: { ...held, at, by } },
        { type: 'NextReviewScheduled', data: { reviewId, subject, nextReviewId, dueOn, interval, at, by } },
      ];
    }
    case 'AgreeReviewAction': {
      ensure(state.status === 'held', 'review.not-held', 'Actions are agreed in a review that was held');
      const { actionId, description, ownerId, dueOn } = command;
      ensure(
        !state.actions.some((action) => action.actionId === actionId),
        'review.action-exists',
        `Action ${actionId} already exists`,
      );
      ensure(
        toMillis(dueOn) >= toMillis(state.heldOn ?? dueOn),
        'review.action-due-before-review',
        'An action cannot be due before the review that agreed it',
      );
      const data = { reviewId, subject, actionId, description, ownerId, dueOn };
      return [{ type: 'ReviewActionAgreed', data: { ...data, at, by } }];
    }
    case 'CompleteReviewAction': {
      const { actionId, outcome } = command;
      const action = state.actions.find((candidate) => candidate.actionId === actionId);
      if (!action) throw notFound('review.action-not-found', `Action ${actionId} does not exist`);
      ensure(!action.completed, 'review.action-already-completed', `Action ${actionId} is already completed`);
      return [{ type: 'ReviewActionCompleted', data: { reviewId, subject, actionId, outcome, at, by } }];
    }
    default: {
      const unhandled: never = command;
      throw new Error(`Unhandled review command ${JSON.stringify(unhandled)}`);
    }
  }
}

function ensureScheduled(state: ReviewState) {
  ensure(state.status !== 'held', 'review.already-held', 'The review was already held');
  ensure(state.status !== 'cancelled', 'review.cancelled', 'The review was cancelled');
}

/**
 * The next review keeps the planned cadence (one interval after this one was
 * due), unless this review was held so late that the date has passed; then it
 * falls one interval after the review actually held.
 */
export function nextDueOn(dueOn: string, heldOn: string, interval: string): string {
  const onCadence = addDuration(dueOn, interval);
  return toMillis(onCadence) > toMillis(heldOn) ? onCadence : addDuration(heldOn, interval);
}
