import { describe, expect, it } from '@jest/globals';
import { specFor } from '../../test/decider-spec.js';
import { addDuration } from '../shared/calendar.js';
import { reviewClausesOf } from './clauses.js';
import { reviewCommandBodies } from './commands.js';
import { nextDueOn } from './decide.js';
import { reviewDecider } from './decider.js';
import { reviewEventSchemas, type ReviewEvent } from './events.js';

const spec = specFor(reviewDecider);
const reviewId = 'r-1';
const by = 'brm-1';
const at = '2026-03-31T16:00:00Z';
const subject = { kind: 'customer-relationship' as const, id: 'party-acme' };

const scheduled: ReviewEvent = {
  type: 'ReviewScheduled',
  data: { reviewId, subject, dueOn: '2026-03-31', interval: 'P3M', at: '2026-01-10T09:00:00Z', by },
};
const held = {
  heldOn: '2026-03-30',
  attendees: [
    { personId: 'p-ann', name: 'Ann Example' },
    { personId: 'p-brm', name: 'Bea Manager' },
  ],
  performanceTrends: [{ indicator: 'availability', trend: 'stable' as const, note: '99.95 % for three months' }],
  workload: 'Tickets 15 % above the agreed workload limit in March',
  findings: ['Ticket backlog grows on Mondays'],
  decisions: ['Add a Monday shift'],
};
const heldEvents: ReviewEvent[] = [
  { type: 'ReviewHeld', data: { reviewId, subject, ...held, at, by } },
  {
    type: 'NextReviewScheduled',
    data: { reviewId, subject, nextReviewId: 'r-2', dueOn: '2026-06-30', interval: 'P3M', at, by },
  },
];
const actionAgreed: ReviewEvent = {
  type: 'ReviewActionAgreed',
  data: {
    reviewId,
    subject,
    actionId: 'a-1',
    description: 'Staff a Monday shift',
    ownerId: 'p-ops',
    dueOn: '2026-04-30',
    at,
    by,
  },
};

describe('reviews at planned intervals', () => {
  describe('scheduling', () => {
    it('schedules a review of a subject with a due date and an interval', () => {
      spec
        .given()
        .when({ type: 'ScheduleReview', reviewId, subject, dueOn: '2026-03-31', interval: 'P3M', ...scheduledAt() })
        .then(scheduled);
    });

    it('schedules a review that follows a previous one', () => {
      spec
        .given()
        .when({
          type: 'ScheduleReview',
          reviewId,
          subject,
          dueOn: '2026-03-31',
          interval: 'P3M',
          previousReviewId: 'r-0',
          ...scheduledAt(),
        })
        .then({ type: 'ReviewScheduled', data: { ...scheduled.data, previousReviewId: 'r-0' } });
    });

    it('refuses to schedule the same review twice', () => {
      spec
        .given(scheduled)
        .when({ type: 'ScheduleReview', reviewId, subject, dueOn: '2026-03-31', interval: 'P3M', ...scheduledAt() })
        .thenRefuses('already-exists', 'review.already-exists');
    });

    it('does not know a review that was never scheduled', () => {
      spec
        .given()
        .when({ type: 'CancelReview', reviewId, reason: 'r', at, by })
        .thenRefuses('not-found', 'review.not-found');
    });

    it('accepts only whole-day intervals as ISO 8601 durations', () => {
      const body = { subject, dueOn: '2026-03-31' };
      expect(reviewCommandBodies.ScheduleReview.safeParse({ ...body, interval: 'P3M' }).success).toBe(true);
      expect(reviewCommandBodies.ScheduleReview.safeParse({ ...body, interval: 'quarterly' }).success).toBe(false);
      expect(reviewCommandBodies.ScheduleReview.safeParse({ ...body, interval: 'PT4H' }).success).toBe(false);
    });

    it('reschedules a review with the reason', () => {
      spec
        .given(scheduled)
        .when({ type: 'RescheduleReview', reviewId, dueOn: '2026-04-07', reason: 'Customer on holiday', at, by })
        .then({
          type: 'ReviewRescheduled',
          data: {
            reviewId,
            subject,
            dueOn: '2026-04-07',
            previousDueOn: '2026-03-31',
            reason: 'Customer on holiday',
            at,
            by,
          },
        });
    });

    it('refuses to reschedule a review to the date it is already due', () => {
      spec
        .given(scheduled)
        .when({ type: 'RescheduleReview', reviewId, dueOn: '2026-03-31', reason: 'r', at, by })
        .thenRefuses('rule-violated', 'review.same-due-date');
    });

    it('cancels a review with the reason', () => {
      spec
        .given(scheduled)
        .when({ type: 'CancelReview', reviewId, reason: 'Contract terminated', at, by })
        .then({ type: 'ReviewCancelled', data: { reviewId, subject, reason: 'Contract terminated', at, by } });
    });

    it('refuses to cancel a review that was held', () => {
      spec
        .given(scheduled, ...heldEvents)
        .when({ type: 'CancelReview', reviewId, reason: 'r', at, by })
        .thenRefuses('rule-violated', 'review.already-held');
    });

    it('refuses to reschedule a cancelled review', () => {
      spec
        .given(scheduled, { type: 'ReviewCancelled', data: { reviewId, subject, reason: 'r', at, by } })
        .when({ type: 'RescheduleReview', reviewId, dueOn: '2026-04-07', reason: 'r', at, by })
        .thenRefuses('rule-violated', 'review.cancelled');
    });
  });

  describe('holding', () => {
    it('records the review held and schedules the next one an interval after the due date', () => {
      spec
        .given(scheduled)
        .when({ type: 'HoldReview', reviewId, nextReviewId: 'r-2', ...held, at, by })
        .then(...heldEvents);
    });

    it('refuses to hold a review twice', () => {
      spec
        .given(scheduled, ...heldEvents)
        .when({ type: 'HoldReview', reviewId, nextReviewId: 'r-3', ...held, at, by })
        .thenRefuses('rule-violated', 'review.already-held');
    });

    it('refuses to hold a cancelled review', () => {
      spec
        .given(scheduled, { type: 'ReviewCancelled', data: { reviewId, subject, reason: 'r', at, by } })
        .when({ type: 'HoldReview', reviewId, nextReviewId: 'r-2', ...held, at, by })
        .thenRefuses('rule-violated', 'review.cancelled');
    });

    it('refuses a review held after the moment it is recorded', () => {
      spec
        .given(scheduled)
        .when({ type: 'HoldReview', reviewId, nextReviewId: 'r-2', ...held, heldOn: '2026-04-01', at, by })
        .thenRefuses('rule-violated', 'review.held-in-future');
    });

    it('keeps the cadence: due 31 March, every 3 months, next due 30 June', () => {
      expect(nextDueOn('2026-03-31', '2026-03-30', 'P3M')).toBe('2026-06-30');
    });

    it('restarts the cadence from a review held so late that the next date has passed', () => {
      expect(nextDueOn('2026-01-15', '2026-03-01', 'P1M')).toBe('2026-04-01');
    });
  });

  describe('actions', () => {
    it('agrees an action with owner and due date in a held review', () => {
      spec
        .given(scheduled, ...heldEvents)
        .when({
          type: 'AgreeReviewAction',
          reviewId,
          actionId: 'a-1',
          description: 'Staff a Monday shift',
          ownerId: 'p-ops',
          dueOn: '2026-04-30',
          at,
          by,
        })
        .then(actionAgreed);
    });

    it('refuses an action in a review that was not held', () => {
      spec
        .given(scheduled)
        .when({
          type: 'AgreeReviewAction',
          reviewId,
          actionId: 'a-1',
          description: 'd',
          ownerId: 'p',
          dueOn: '2026-04-30',
          at,
          by,
        })
        .thenRefuses('rule-violated', 'review.not-held');
    });

    it('refuses an action due before the review that agreed it', () => {
      spec
        .given(scheduled, ...heldEvents)
        .when({
          type: 'AgreeReviewAction',
          reviewId,
          actionId: 'a-1',
          description: 'd',
          ownerId: 'p',
          dueOn: '2026-03-01',
          at,
          by,
        })
        .thenRefuses('rule-violated', 'review.action-due-before-review');
    });

    it('refuses the same action twice', () => {
      spec
        .given(scheduled, ...heldEvents, actionAgreed)
        .when({
          type: 'AgreeReviewAction',
          reviewId,
          actionId: 'a-1',
          description: 'd',
          ownerId: 'p',
          dueOn: '2026-04-30',
          at,
          by,
        })
        .thenRefuses('rule-violated', 'review.action-exists');
    });

    it('completes an agreed action', () => {
      spec
        .given(scheduled, ...heldEvents, actionAgreed)
        .when({ type: 'CompleteReviewAction', reviewId, actionId: 'a-1', outcome: 'Shift staffed from April', at, by })
        .then({
          type: 'ReviewActionCompleted',
          data: { reviewId, subject, actionId: 'a-1', outcome: 'Shift staffed from April', at, by },
        });
    });

    it('does not know an action that was never agreed', () => {
      spec
        .given(scheduled, ...heldEvents)
        .when({ type: 'CompleteReviewAction', reviewId, actionId: 'a-9', outcome: 'o', at, by })
        .thenRefuses('not-found', 'review.action-not-found');
    });

    it('refuses to complete an action twice', () => {
      const completed: ReviewEvent = {
        type: 'ReviewActionCompleted',
        data: { reviewId, subject, actionId: 'a-1', outcome: 'o', at, by },
      };
      spec
        .given(scheduled, ...heldEvents, actionAgreed, completed)
        .when({ type: 'CompleteReviewAction', reviewId, actionId: 'a-1', outcome: 'o', at, by })
        .thenRefuses('rule-violated', 'review.action-already-completed');
    });
  });

  describe('clauses', () => {
    it('evidences the clause of the reviewed subject', () => {
      expect(reviewClausesOf(scheduled)).toEqual(['8.3.2']);
      const contract = { kind: 'contract' as const, id: 'contract-7' };
      expect(reviewClausesOf({ type: 'ReviewScheduled', data: { ...scheduled.data, subject: contract } })).toEqual([
        '8.3.4.1',
      ]);
      const agreement = { kind: 'agreement' as const, id: 'sla-1' };
      expect(
        reviewClausesOf({ type: 'ReviewCancelled', data: { reviewId, subject: agreement, reason: 'r', at, by } }),
      ).toEqual(['8.3.3']);
    });
  });

  describe('calendar', () => {
    it('clamps monthly steps to the end of the month', () => {
      expect(addDuration('2026-01-31', 'P1M')).toBe('2026-02-28');
      expect(addDuration('2024-01-31', 'P1M')).toBe('2024-02-29');
      expect(addDuration('2026-11-30', 'P3M')).toBe('2027-02-28');
      expect(addDuration('2026-03-01', 'P1Y2W')).toBe('2027-03-15');
    });

    it('adds days and hours to instants', () => {
      expect(addDuration('2026-03-02T10:00:00Z', 'P10D')).toBe('2026-03-12T10:00:00.000Z');
      expect(addDuration('2026-03-02T23:30:00+01:00', 'PT48H')).toBe('2026-03-04T22:30:00.000Z');
    });
  });

  it('records events that match their published schemas', () => {
    for (const event of [scheduled, ...heldEvents, actionAgreed] as ReviewEvent[]) {
      expect(reviewEventSchemas[event.type].safeParse(event.data).error).toBeUndefined();
    }
  });
});

function scheduledAt() {
  return { at: '2026-01-10T09:00:00Z', by };
}
