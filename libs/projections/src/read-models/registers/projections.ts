import type { ComplaintEvent, DisputeEvent, ImprovementEvent, ReviewEvent } from '@lib/domain';
import type { RecordedEvent } from '@lib/event-store';
import type { Projection, ProjectionTransaction } from '../../runtime/projection.js';
import type { ImprovementActionEntry } from './entities.js';

type AnyEvent = ComplaintEvent | DisputeEvent | ImprovementEvent | ReviewEvent;
type Data<K extends AnyEvent['type']> = Extract<AnyEvent, { type: K }>['data'];
const dataOf = <K extends AnyEvent['type']>(event: RecordedEvent, _type: K) => event.data as Data<K>;

type Apply = (event: RecordedEvent, tx: ProjectionTransaction, position: string) => Promise<void>;

function register(name: string, table: string, eventTypes: readonly AnyEvent['type'][], apply: Apply): Projection {
  return {
    name,
    tables: [table],
    eventTypes,
    async apply(events, tx) {
      for (const event of events) await apply(event, tx, event.globalPosition.toString());
    },
  };
}

/** The register of service complaints (clause 8.3.2): status, owner, escalation, opened and closed. */
export const complaintRegisterProjection = register(
  'complaint-register',
  'register_complaints',
  [
    'ComplaintRecorded',
    'ComplaintAssigned',
    'ComplaintEscalated',
    'ComplaintResolved',
    'ComplaintClosed',
    'ComplaintReopened',
  ],
  async (event, { table, write }, position) => {
    const complaints = table('register_complaints');
    const update = (complaintId: string, assignments: string, values: unknown[]) =>
      write(`UPDATE ${complaints} SET ${assignments}, position = $2 WHERE complaint_id = $1`, [
        complaintId,
        position,
        ...values,
      ]);
    switch (event.type) {
      case 'ComplaintRecorded': {
        const data = dataOf(event, 'ComplaintRecorded');
        // The complainant's personal data stays in the (encrypted) event.
        write(
          `INSERT INTO ${complaints} (complaint_id, customer_id, service_id, channel, status, opened_at, recorded_at,
             position)
           VALUES ($1, $2, $3, $4, 'open', $5, $6, $7) ON CONFLICT (complaint_id) DO NOTHING`,
          [data.complaintId, data.customerId, data.serviceId, data.channel, data.receivedAt, data.at, position],
        );
        return;
      }
      case 'ComplaintAssigned': {
        const data = dataOf(event, 'ComplaintAssigned');
        update(data.complaintId, 'owner_id = $3', [data.assigneeId]);
        return;
      }
      case 'ComplaintEscalated': {
        const data = dataOf(event, 'ComplaintEscalated');
        update(data.complaintId, 'escalated_to = $3, escalations = escalations + 1', [data.escalatedTo]);
        return;
      }
      case 'ComplaintResolved': {
        const data = dataOf(event, 'ComplaintResolved');
        update(data.complaintId, `status = 'resolved', resolved_at = $3`, [data.at]);
        return;
      }
      case 'ComplaintClosed': {
        const data = dataOf(event, 'ComplaintClosed');
        update(data.complaintId, `status = 'closed', closed_at = $3, closure_basis = $4`, [
          data.at,
          data.closure.basis,
        ]);
        return;
      }
      case 'ComplaintReopened': {
        const data = dataOf(event, 'ComplaintReopened');
        update(
          data.complaintId,
          `status = 'open', resolved_at = NULL, closed_at = NULL, closure_basis = NULL, reopenings = reopenings + 1`,
          [],
        );
        return;
      }
      default:
        return;
    }
  },
);

/** The register of disputes (clause 8.3.4): party, subject, status, who holds it, opened and closed. */
export const disputeRegisterProjection = register(
  'dispute-register',
  'register_disputes',
  [
    'DisputeRaised',
    'DisputeEvidenceAttached',
    'DisputeEscalated',
    'DisputeResolved',
    'DisputeWithdrawn',
    'DisputeClosed',
  ],
  async (event, { table, write }, position) => {
    const disputes = table('register_disputes');
    const update = (disputeId: string, assignments: string, values: unknown[]) =>
      write(`UPDATE ${disputes} SET ${assignments}, position = $2 WHERE dispute_id = $1`, [
        disputeId,
        position,
        ...values,
      ]);
    switch (event.type) {
      case 'DisputeRaised': {
        const data = dataOf(event, 'DisputeRaised');
        const { subject } = data;
        const subjectRef =
          subject.kind === 'measurement' ? subject.measurementId : subject.kind === 'charge' ? subject.chargeId : null;
        write(
          `INSERT INTO ${disputes} (dispute_id, party_id, agreement_id, subject_kind, subject_ref, raised_by,
             amount_value, amount_currency, status, opened_at, owner_id, position)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $10, $11) ON CONFLICT (dispute_id) DO NOTHING`,
          [
            data.disputeId,
            data.partyId,
            subject.agreementId,
            subject.kind,
            subjectRef,
            data.raisedBy,
            data.amount?.value ?? null,
            data.amount?.currency ?? null,
            data.at,
            data.by,
            position,
          ],
        );
        return;
      }
      case 'DisputeEvidenceAttached': {
        const data = dataOf(event, 'DisputeEvidenceAttached');
        update(data.disputeId, 'evidence_count = evidence_count + 1', []);
        return;
      }
      case 'DisputeEscalated': {
        const data = dataOf(event, 'DisputeEscalated');
        update(data.disputeId, 'owner_id = $3, escalation_level = $4', [data.escalatedTo, data.level]);
        return;
      }
      case 'DisputeResolved':
      case 'DisputeWithdrawn': {
        const data = dataOf(event, 'DisputeWithdrawn');
        update(data.disputeId, 'status = $3, resolved_at = $4', [
          event.type === 'DisputeResolved' ? 'resolved' : 'withdrawn',
          data.at,
        ]);
        return;
      }
      case 'DisputeClosed': {
        const data = dataOf(event, 'DisputeClosed');
        update(data.disputeId, `status = 'closed', closed_at = $3`, [data.at]);
        return;
      }
      default:
        return;
    }
  },
);

/** The open actions' count and earliest due date. */
function actionSummary(actions: readonly ImprovementActionEntry[]) {
  const open = actions.filter((action) => !action.completed);
  const due = open.map((action) => action.dueOn).filter((dueOn): dueOn is string => dueOn !== null);
  return { total: actions.length, open: open.length, nextDue: due.length ? due.sort()[0]! : null };
}

/** The register of improvement opportunities: cause, owner, actions, status, opened and closed. */
export const improvementRegisterProjection = register(
  'improvement-register',
  'register_improvements',
  [
    'ImprovementOpportunityRaised',
    'ImprovementOwnerAssigned',
    'ImprovementActionAdded',
    'ImprovementActionCompleted',
    'ImprovementOpportunityClosed',
    'ImprovementOpportunityRejected',
  ],
  async (event, { client, table, write }, position) => {
    const improvements = table('register_improvements');
    const update = (improvementId: string, assignments: string, values: unknown[]) =>
      write(`UPDATE ${improvements} SET ${assignments}, position = $2 WHERE improvement_id = $1`, [
        improvementId,
        position,
        ...values,
      ]);
    const changeActions = async (
      improvementId: string,
      change: (actions: ImprovementActionEntry[]) => ImprovementActionEntry[],
    ) => {
      const { rows } = await client.query<{ actions: ImprovementActionEntry[] }>(
        `SELECT actions FROM ${improvements} WHERE improvement_id = $1`,
        [improvementId],
      );
      if (!rows[0]) return;
      const actions = change(rows[0].actions);
      const summary = actionSummary(actions);
      update(improvementId, 'actions = $3, actions_total = $4, actions_open = $5, next_action_due = $6', [
        JSON.stringify(actions),
        summary.total,
        summary.open,
        summary.nextDue,
      ]);
    };
    switch (event.type) {
      case 'ImprovementOpportunityRaised': {
        const data = dataOf(event, 'ImprovementOpportunityRaised');
        write(
          `INSERT INTO ${improvements} (improvement_id, title, status, cause_kind, cause_stream_id, cause_event_id,
             agreement_id, opened_at, position)
           VALUES ($1, $2, 'open', $3, $4, $5, $6, $7, $8) ON CONFLICT (improvement_id) DO NOTHING`,
          [
            data.improvementId,
            data.title,
            data.cause?.kind ?? 'manual',
            data.cause?.streamId ?? null,
            data.cause?.eventId ?? null,
            data.agreementId ?? null,
            data.at,
            position,
          ],
        );
        return;
      }
      case 'ImprovementOwnerAssigned': {
        const data = dataOf(event, 'ImprovementOwnerAssigned');
        update(data.improvementId, 'owner_id = $3', [data.ownerId]);
        return;
      }
      case 'ImprovementActionAdded': {
        const data = dataOf(event, 'ImprovementActionAdded');
        await changeActions(data.improvementId, (actions) => [
          ...actions.filter((action) => action.actionId !== data.actionId),
          { actionId: data.actionId, dueOn: data.dueOn ?? null, assigneeId: data.assigneeId ?? null, completed: false },
        ]);
        return;
      }
      case 'ImprovementActionCompleted': {
        const data = dataOf(event, 'ImprovementActionCompleted');
        await changeActions(data.improvementId, (actions) =>
          actions.map((action) => (action.actionId === data.actionId ? { ...action, completed: true } : action)),
        );
        return;
      }
      case 'ImprovementOpportunityClosed':
      case 'ImprovementOpportunityRejected': {
        const data = dataOf(event, 'ImprovementOpportunityRejected');
        update(data.improvementId, 'status = $3, closed_at = $4', [
          event.type === 'ImprovementOpportunityClosed' ? 'closed' : 'rejected',
          data.at,
        ]);
        return;
      }
      default:
        return;
    }
  },
);

/** The register of planned reviews: subject, due date, status; overdue is computed when queried. */
export const reviewRegisterProjection = register(
  'review-register',
  'register_reviews',
  ['ReviewScheduled', 'ReviewRescheduled', 'ReviewCancelled', 'ReviewHeld'],
  async (event, { table, write }, position) => {
    const reviews = table('register_reviews');
    const update = (reviewId: string, assignments: string, values: unknown[]) =>
      write(`UPDATE ${reviews} SET ${assignments}, position = $2 WHERE review_id = $1`, [
        reviewId,
        position,
        ...values,
      ]);
    switch (event.type) {
      case 'ReviewScheduled': {
        const data = dataOf(event, 'ReviewScheduled');
        write(
          `INSERT INTO ${reviews} (review_id, subject_kind, subject_id, status, due_on, review_interval,
             previous_review_id, scheduled_at, position)
           VALUES ($1, $2, $3, 'scheduled', $4, $5, $6, $7, $8) ON CONFLICT (review_id) DO NOTHING`,
          [
            data.reviewId,
            data.subject.kind,
            data.subject.id,
            data.dueOn,
            data.interval,
            data.previousReviewId ?? null,
            data.at,
            position,
          ],
        );
        return;
      }
      case 'ReviewRescheduled': {
        const data = dataOf(event, 'ReviewRescheduled');
        update(data.reviewId, 'due_on = $3, reschedulings = reschedulings + 1', [data.dueOn]);
        return;
      }
      case 'ReviewCancelled': {
        const data = dataOf(event, 'ReviewCancelled');
        update(data.reviewId, `status = 'cancelled', cancelled_at = $3`, [data.at]);
        return;
      }
      case 'ReviewHeld': {
        const data = dataOf(event, 'ReviewHeld');
        update(data.reviewId, `status = 'held', held_on = $3`, [data.heldOn]);
        return;
      }
      default:
        return;
    }
  },
);
