import type { ComplaintEvent, PartyEvent, ReviewEvent, SurveyEvent } from '@lib/domain';
import type { RecordedEvent } from '@lib/event-store';
import type { Projection, ProjectionTransaction } from '../../runtime/projection.js';

type AnyEvent = PartyEvent | ComplaintEvent | SurveyEvent | ReviewEvent;
type Data<K extends AnyEvent['type']> = Extract<AnyEvent, { type: K }>['data'];
const dataOf = <K extends AnyEvent['type']>(event: RecordedEvent, _type: K) => event.data as Data<K>;

const EVENT_TYPES = [
  'PartyRegistered',
  'PartyRoleAdded',
  'PartyRoleRemoved',
  'ResponsiblePersonDesignated',
  'ComplaintRecorded',
  'ComplaintResolved',
  'ComplaintClosed',
  'ComplaintReopened',
  'SurveyAnalysed',
  'ReviewScheduled',
  'ReviewRescheduled',
  'ReviewCancelled',
  'ReviewHeld',
] as const satisfies readonly AnyEvent['type'][];

/** Means are compared to four decimals, so that rounding noise is no trend. */
const round4 = (value: number) => Math.round(value * 1e4) / 1e4;

/**
 * Customer relationships (clause 8.3.2): per customer party, the person
 * designated responsible for the relationship (by person id), the customer's
 * mean satisfaction in its latest analysed survey against the previous one,
 * its complaints and its relationship reviews. Counts and dates of the
 * complaints and reviews are computed when queried.
 */
export const customerRelationshipsProjection: Projection = {
  name: 'customer-relationships',
  tables: ['customer_relationships', 'customer_satisfaction', 'customer_complaints', 'customer_reviews'],
  eventTypes: EVENT_TYPES,
  async apply(events, tx) {
    for (const event of events) await applyOne(event, tx);
  },
};

async function applyOne(event: RecordedEvent, { client, table, write }: ProjectionTransaction): Promise<void> {
  const position = event.globalPosition.toString();
  const customers = table('customer_relationships');
  const satisfaction = table('customer_satisfaction');
  const complaints = table('customer_complaints');
  const reviews = table('customer_reviews');

  /** The party's row; `seenAsCustomer` marks a party that only ever appeared as a customer (complaint, survey). */
  const ensureParty = (partyId: string, seenAsCustomer: boolean) =>
    write(
      `INSERT INTO ${customers} (party_id, relationship_status, position) VALUES ($1, $2, $3)
       ON CONFLICT (party_id) DO UPDATE SET
         relationship_status = COALESCE(${customers}.relationship_status, EXCLUDED.relationship_status),
         position = EXCLUDED.position`,
      [partyId, seenAsCustomer ? 'customer' : null, position],
    );
  const updateReview = (reviewId: string, assignments: string, values: unknown[]) =>
    write(`UPDATE ${reviews} SET ${assignments}, position = $2 WHERE review_id = $1`, [reviewId, position, ...values]);

  switch (event.type) {
    case 'PartyRegistered': {
      const data = dataOf(event, 'PartyRegistered');
      ensureParty(data.partyId, false);
      write(`UPDATE ${customers} SET party_name = $2 WHERE party_id = $1`, [data.partyId, data.name]);
      return;
    }
    case 'PartyRoleAdded': {
      const data = dataOf(event, 'PartyRoleAdded');
      if (data.role !== 'customer') return;
      ensureParty(data.partyId, true);
      write(
        `UPDATE ${customers} SET relationship_status = 'customer', customer_since = $2, customer_until = NULL
         WHERE party_id = $1`,
        [data.partyId, data.from],
      );
      return;
    }
    case 'PartyRoleRemoved': {
      const data = dataOf(event, 'PartyRoleRemoved');
      if (data.role !== 'customer') return;
      write(
        `UPDATE ${customers} SET relationship_status = 'former', customer_until = $2, position = $3
         WHERE party_id = $1`,
        [data.partyId, data.until, position],
      );
      return;
    }
    case 'ResponsiblePersonDesignated': {
      const data = dataOf(event, 'ResponsiblePersonDesignated');
      if (data.responsibility !== 'customer-relationship') return;
      ensureParty(data.partyId, false);
      // Only the person id: the name and contact details stay in the (encrypted) event.
      write(`UPDATE ${customers} SET owner_person_id = $2, owner_from = $3 WHERE party_id = $1`, [
        data.partyId,
        data.responsible.personId,
        data.from,
      ]);
      return;
    }
    case 'ComplaintRecorded': {
      const data = dataOf(event, 'ComplaintRecorded');
      ensureParty(data.customerId, true);
      write(
        `INSERT INTO ${complaints} (complaint_id, party_id, status, received_at, position)
         VALUES ($1, $2, 'open', $3, $4) ON CONFLICT (complaint_id) DO NOTHING`,
        [data.complaintId, data.customerId, data.receivedAt, position],
      );
      return;
    }
    case 'ComplaintResolved':
    case 'ComplaintClosed':
    case 'ComplaintReopened': {
      const data = dataOf(event, 'ComplaintClosed');
      const status =
        event.type === 'ComplaintResolved' ? 'resolved' : event.type === 'ComplaintClosed' ? 'closed' : 'open';
      write(`UPDATE ${complaints} SET status = $2, position = $3 WHERE complaint_id = $1`, [
        data.complaintId,
        status,
        position,
      ]);
      return;
    }
    case 'SurveyAnalysed': {
      const data = dataOf(event, 'SurveyAnalysed');
      for (const result of data.analysis.perCustomer) {
        ensureParty(result.customerId, true);
        write(
          `INSERT INTO ${satisfaction} (party_id, survey_id, mean, responses, invited, analysed_at, analysed_position)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (party_id, survey_id) DO UPDATE SET mean = EXCLUDED.mean, responses = EXCLUDED.responses,
             invited = EXCLUDED.invited, analysed_at = EXCLUDED.analysed_at,
             analysed_position = EXCLUDED.analysed_position`,
          [result.customerId, data.surveyId, result.mean, result.responses, result.invited, data.at, position],
        );
        await refreshSatisfaction(client, customers, satisfaction, result.customerId);
      }
      return;
    }
    case 'ReviewScheduled': {
      const data = dataOf(event, 'ReviewScheduled');
      if (data.subject.kind !== 'customer-relationship') return;
      write(
        `INSERT INTO ${reviews} (review_id, party_id, status, due_on, position)
         VALUES ($1, $2, 'scheduled', $3, $4) ON CONFLICT (review_id) DO NOTHING`,
        [data.reviewId, data.subject.id, data.dueOn, position],
      );
      return;
    }
    case 'ReviewRescheduled': {
      const data = dataOf(event, 'ReviewRescheduled');
      updateReview(data.reviewId, 'due_on = $3', [data.dueOn]);
      return;
    }
    case 'ReviewCancelled': {
      const data = dataOf(event, 'ReviewCancelled');
      updateReview(data.reviewId, `status = 'cancelled'`, []);
      return;
    }
    case 'ReviewHeld': {
      const data = dataOf(event, 'ReviewHeld');
      updateReview(data.reviewId, `status = 'held', held_on = $3`, [data.heldOn]);
      return;
    }
    default:
      return;
  }
}

/** The latest result with a mean against the one before it, in the order the surveys were analysed. */
async function refreshSatisfaction(
  client: ProjectionTransaction['client'],
  customers: string,
  satisfaction: string,
  partyId: string,
): Promise<void> {
  const { rows } = await client.query<{
    survey_id: string;
    mean: number;
    responses: number;
    invited: number;
    analysed_at: Date;
  }>(
    `SELECT survey_id, mean, responses, invited, analysed_at FROM ${satisfaction}
     WHERE party_id = $1 AND mean IS NOT NULL ORDER BY analysed_position DESC, survey_id DESC LIMIT 2`,
    [partyId],
  );
  const [latest, previous] = rows;
  if (!latest) return;
  const change = previous ? round4(latest.mean - previous.mean) : null;
  const trend = change === null ? null : change > 0 ? 'improving' : change < 0 ? 'deteriorating' : 'stable';
  await client.query(
    `UPDATE ${customers} SET latest_survey_id = $2, latest_survey_mean = $3, latest_survey_responses = $4,
       latest_survey_invited = $5, latest_analysed_at = $6, previous_survey_id = $7, previous_survey_mean = $8,
       satisfaction_change = $9, satisfaction_trend = $10
     WHERE party_id = $1`,
    [
      partyId,
      latest.survey_id,
      latest.mean,
      latest.responses,
      latest.invited,
      latest.analysed_at,
      previous?.survey_id ?? null,
      previous?.mean ?? null,
      change,
      trend,
    ],
  );
}
