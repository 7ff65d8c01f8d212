import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  complaintRegisterProjection,
  disputeRegisterProjection,
  improvementRegisterProjection,
  reviewRegisterProjection,
} from '../src/read-models/registers/index.js';
import { projectionHarness, type ProjectionHarness } from './read-models-harness.js';

const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T10:00:00.000Z`;
const by = 'rita';

describe('the registers read models', () => {
  let harness: ProjectionHarness;

  beforeAll(async () => {
    harness = await projectionHarness('rm_registers');
  });
  afterAll(() => harness.close());

  it('registers complaints with owner, escalation, closure and reopening, without the complainant', async () => {
    const recorded = (complaintId: string, day: number) => ({
      complaintId,
      customerId: 'acme',
      serviceId: 'payroll',
      description: 'late payslips',
      channel: 'portal',
      receivedAt: at(day),
      complainant: { personId: 'p-9', name: 'Pat Person', email: 'pat@example.com' },
      at: at(day + 1),
      by,
    });
    await harness.append('complaint-c1', 'ComplaintRecorded', recorded('c1', 1));
    await harness.append('complaint-c2', 'ComplaintRecorded', recorded('c2', 2));
    await harness.append('complaint-c1', 'ComplaintAssigned', { complaintId: 'c1', assigneeId: 'olga', at: at(3), by });
    await harness.append('complaint-c1', 'ComplaintEscalated', {
      complaintId: 'c1',
      route: 'service owner',
      escalatedTo: 'sam',
      reason: 'slow',
      at: at(4),
      by,
    });
    await harness.append('complaint-c1', 'ComplaintResolved', {
      complaintId: 'c1',
      resolution: 'fixed',
      at: at(5),
      by,
    });
    await harness.append('complaint-c1', 'ComplaintClosed', {
      complaintId: 'c1',
      closure: { basis: 'customer-confirmed', confirmedBy: 'p-9' },
      at: at(6),
      by,
    });
    await harness.append('complaint-c2', 'ComplaintResolved', {
      complaintId: 'c2',
      resolution: 'fixed',
      at: at(5),
      by,
    });
    await harness.append('complaint-c2', 'ComplaintClosed', {
      complaintId: 'c2',
      closure: { basis: 'no-answer', waitedFor: 'P10D', resolvedAt: at(5) },
      at: at(16),
      by,
    });
    await harness.append('complaint-c2', 'ComplaintReopened', {
      complaintId: 'c2',
      reason: 'happened again',
      at: at(20),
      by,
    });
    await harness.project(complaintRegisterProjection);

    const rows = await harness.rows('SELECT * FROM register_complaints ORDER BY complaint_id');
    expect(rows).toEqual([
      expect.objectContaining({
        complaint_id: 'c1',
        customer_id: 'acme',
        status: 'closed',
        opened_at: new Date(at(1)),
        closed_at: new Date(at(6)),
        closure_basis: 'customer-confirmed',
        owner_id: 'olga',
        escalated_to: 'sam',
        escalations: 1,
      }),
      expect.objectContaining({
        complaint_id: 'c2',
        status: 'open',
        closed_at: null,
        resolved_at: null,
        reopenings: 1,
      }),
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/Pat Person|pat@/);
  });

  it('registers disputes: subject, amount, holder, resolution and closure', async () => {
    await harness.append('dispute-d1', 'DisputeRaised', {
      disputeId: 'd1',
      partyId: 'hoster',
      raisedBy: 'party',
      subject: { kind: 'charge', agreementId: 'uc-1', chargeId: 'inv-7' },
      claim: 'overcharged',
      amount: { value: '1250.00', currency: 'EUR' },
      at: at(2),
      by: 'bob',
    });
    await harness.append('dispute-d1', 'DisputeEvidenceAttached', {
      disputeId: 'd1',
      evidenceId: 'e1',
      description: 'invoice',
      reference: 'dms://inv-7',
      sha256: 'a'.repeat(64),
      submittedBy: 'party',
      at: at(3),
      by: 'bob',
    });
    await harness.append('dispute-d1', 'DisputeEscalated', {
      disputeId: 'd1',
      level: 2,
      escalatedTo: 'director',
      reason: 'stuck',
      at: at(4),
      by: 'bob',
    });
    await harness.append('dispute-d1', 'DisputeResolved', {
      disputeId: 'd1',
      proposalId: 'p1',
      resolution: 'half',
      at: at(8),
      by: 'bob',
    });
    await harness.append('dispute-d1', 'DisputeClosed', { disputeId: 'd1', at: at(9), by: 'bob' });
    await harness.append('dispute-d2', 'DisputeRaised', {
      disputeId: 'd2',
      partyId: 'acme',
      raisedBy: 'provider',
      subject: { kind: 'agreement', agreementId: 'sla-1' },
      claim: 'scope',
      at: at(5),
      by: 'bob',
    });
    await harness.project(disputeRegisterProjection);

    expect(await harness.rows('SELECT * FROM register_disputes ORDER BY dispute_id')).toEqual([
      expect.objectContaining({
        dispute_id: 'd1',
        party_id: 'hoster',
        agreement_id: 'uc-1',
        subject_kind: 'charge',
        subject_ref: 'inv-7',
        amount_value: '1250.00',
        amount_currency: 'EUR',
        status: 'closed',
        owner_id: 'director',
        escalation_level: 2,
        evidence_count: 1,
        resolved_at: new Date(at(8)),
        closed_at: new Date(at(9)),
      }),
      expect.objectContaining({
        dispute_id: 'd2',
        status: 'open',
        owner_id: 'bob',
        subject_ref: null,
        amount_value: null,
      }),
    ]);
  });

  it('registers improvement opportunities with cause, owner and their open actions', async () => {
    await harness.append('improvement-i1', 'ImprovementOpportunityRaised', {
      improvementId: 'i1',
      title: 'Availability breached',
      description: 'March',
      cause: { kind: 'target-breached', streamId: 'service-level-sla-1:2026-03', eventId: 'ev-1' },
      agreementId: 'sla-1',
      at: at(1),
      by,
    });
    await harness.append('improvement-i1', 'ImprovementOwnerAssigned', {
      improvementId: 'i1',
      ownerId: 'olga',
      at: at(2),
      by,
    });
    await harness.append('improvement-i1', 'ImprovementActionAdded', {
      improvementId: 'i1',
      actionId: 'a1',
      description: 'patch',
      dueOn: '2026-04-10',
      assigneeId: 'olga',
      at: at(2),
      by,
    });
    await harness.append('improvement-i1', 'ImprovementActionAdded', {
      improvementId: 'i1',
      actionId: 'a2',
      description: 'monitor',
      dueOn: '2026-04-01',
      at: at(2),
      by,
    });
    await harness.append('improvement-i1', 'ImprovementActionCompleted', {
      improvementId: 'i1',
      actionId: 'a2',
      outcome: 'done',
      at: at(3),
      by,
    });
    await harness.append('improvement-i2', 'ImprovementOpportunityRaised', {
      improvementId: 'i2',
      title: 'By hand',
      description: 'idea',
      at: at(4),
      by,
    });
    await harness.append('improvement-i2', 'ImprovementOpportunityRejected', {
      improvementId: 'i2',
      reason: 'no',
      at: at(5),
      by,
    });
    await harness.project(improvementRegisterProjection);

    expect(await harness.rows('SELECT * FROM register_improvements ORDER BY improvement_id')).toEqual([
      expect.objectContaining({
        improvement_id: 'i1',
        status: 'open',
        cause_kind: 'target-breached',
        cause_stream_id: 'service-level-sla-1:2026-03',
        agreement_id: 'sla-1',
        owner_id: 'olga',
        actions_total: 2,
        actions_open: 1,
        closed_at: null,
      }),
      expect.objectContaining({
        improvement_id: 'i2',
        status: 'rejected',
        cause_kind: 'manual',
        closed_at: new Date(at(5)),
      }),
    ]);
    const [{ next_action_due }] = await harness.rows<{ next_action_due: string }>(
      `SELECT next_action_due::text FROM register_improvements WHERE improvement_id = 'i1'`,
    );
    expect(next_action_due).toBe('2026-04-10');
  });

  it('registers reviews with their due dates, rescheduling, holding and cancelling', async () => {
    const subject = { kind: 'agreement', id: 'sla-1' };
    await harness.append('review-v1', 'ReviewScheduled', {
      reviewId: 'v1',
      subject,
      dueOn: '2026-03-01',
      interval: 'P6M',
      at: at(1),
      by,
    });
    await harness.append('review-v1', 'ReviewRescheduled', {
      reviewId: 'v1',
      subject,
      dueOn: '2026-03-15',
      previousDueOn: '2026-03-01',
      reason: 'holiday',
      at: at(1),
      by,
    });
    await harness.append('review-v1', 'ReviewHeld', {
      reviewId: 'v1',
      subject,
      heldOn: '2026-03-14',
      attendees: [{ personId: 'p', name: 'P' }],
      performanceTrends: [],
      workload: 'ok',
      findings: [],
      decisions: [],
      at: at(14),
      by,
    });
    await harness.append('review-v2', 'ReviewScheduled', {
      reviewId: 'v2',
      subject,
      dueOn: '2026-09-14',
      interval: 'P6M',
      previousReviewId: 'v1',
      at: at(14),
      by,
    });
    await harness.append('review-v3', 'ReviewScheduled', {
      reviewId: 'v3',
      subject: { kind: 'supplier', id: 'hoster' },
      dueOn: '2026-02-01',
      interval: 'P1Y',
      at: at(1),
      by,
    });
    await harness.append('review-v3', 'ReviewCancelled', {
      reviewId: 'v3',
      subject: { kind: 'supplier', id: 'hoster' },
      reason: 'supplier left',
      at: at(2),
      by,
    });
    await harness.project(reviewRegisterProjection);

    expect(
      await harness.rows(
        'SELECT review_id, status, due_on::text, held_on::text, reschedulings, previous_review_id FROM register_reviews ORDER BY review_id',
      ),
    ).toEqual([
      {
        review_id: 'v1',
        status: 'held',
        due_on: '2026-03-15',
        held_on: '2026-03-14',
        reschedulings: 1,
        previous_review_id: null,
      },
      {
        review_id: 'v2',
        status: 'scheduled',
        due_on: '2026-09-14',
        held_on: null,
        reschedulings: 0,
        previous_review_id: 'v1',
      },
      {
        review_id: 'v3',
        status: 'cancelled',
        due_on: '2026-02-01',
        held_on: null,
        reschedulings: 0,
        previous_review_id: null,
      },
    ]);
  });

  it('gives the same rows when rebuilt from the log', async () => {
    for (const projection of [
      complaintRegisterProjection,
      disputeRegisterProjection,
      improvementRegisterProjection,
      reviewRegisterProjection,
    ]) {
      expect(await harness.rebuildDiffers(projection)).toEqual([]);
    }
  });
});
