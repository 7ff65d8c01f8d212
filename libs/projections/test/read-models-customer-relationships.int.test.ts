import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  customerRelationshipFigures,
  customerRelationshipsProjection as projection,
} from '../src/read-models/customer-relationships/index.js';
import { projectionHarness, type ProjectionHarness } from './read-models-harness.js';

const at = '2026-02-01T09:00:00.000Z';
const by = 'rita';

function analysis(perCustomer: { customerId: string; mean: number | null }[]) {
  return {
    invited: 10,
    responses: 5,
    responseRate: 0.5,
    overallMean: 3,
    perQuestion: [],
    perCustomer: perCustomer.map(({ customerId, mean }) => ({
      customerId,
      invited: 5,
      responses: mean === null ? 0 : 2,
      mean,
    })),
    perService: [],
    trend: null,
  };
}

describe('the customer relationships read model', () => {
  let harness: ProjectionHarness;
  const customer = async (partyId: string) =>
    (await harness.rows('SELECT * FROM customer_relationships WHERE party_id = $1', [partyId]))[0]!;

  beforeAll(async () => {
    harness = await projectionHarness('rm_customers');
  });
  afterAll(() => harness.close());

  it('keeps the customer, its designated owner by person id only, and never personal data', async () => {
    await harness.append('party-acme', 'PartyRegistered', { partyId: 'acme', name: 'Acme Ltd', at, by });
    await harness.append('party-acme', 'PartyRoleAdded', {
      partyId: 'acme',
      role: 'customer',
      from: '2026-01-01',
      at,
      by,
    });
    await harness.append('party-acme', 'ResponsiblePersonDesignated', {
      partyId: 'acme',
      responsibility: 'customer-relationship',
      responsible: { personId: 'person-carla', name: 'Carla Customer', email: 'carla@example.com', phone: '+1 555' },
      from: '2026-01-15',
      at,
      by,
    });
    // Another responsibility does not change the relationship owner.
    await harness.append('party-acme', 'ResponsiblePersonDesignated', {
      partyId: 'acme',
      responsibility: 'contracts',
      responsible: { personId: 'person-other', name: 'Other Person' },
      from: '2026-01-15',
      at,
      by,
    });
    await harness.append('party-supplier', 'PartyRegistered', { partyId: 'hoster', name: 'Hoster', at, by });
    await harness.project(projection);

    expect(await customer('acme')).toMatchObject({
      party_name: 'Acme Ltd',
      relationship_status: 'customer',
      owner_person_id: 'person-carla',
    });
    const everything = JSON.stringify(await harness.rows('SELECT * FROM customer_relationships'));
    expect(everything).not.toMatch(/Carla Customer|carla@example\.com|555|Other Person/);
    expect((await customer('hoster')).relationship_status).toBeNull();
  });

  it('follows satisfaction from survey to survey: latest mean against the previous one', async () => {
    await harness.append('survey-s1', 'SurveyAnalysed', {
      surveyId: 's1',
      analysis: analysis([{ customerId: 'acme', mean: 3.5 }]),
      at,
      by,
    });
    await harness.project(projection);
    expect(await customer('acme')).toMatchObject({
      latest_survey_id: 's1',
      latest_survey_mean: 3.5,
      previous_survey_id: null,
      satisfaction_trend: null,
    });

    await harness.append('survey-s2', 'SurveyAnalysed', {
      surveyId: 's2',
      analysis: analysis([
        { customerId: 'acme', mean: 4.25 },
        { customerId: 'globex', mean: 2 },
      ]),
      at,
      by,
    });
    // A survey nobody at the customer answered does not break the trend.
    await harness.append('survey-s3', 'SurveyAnalysed', {
      surveyId: 's3',
      analysis: analysis([{ customerId: 'acme', mean: null }]),
      at,
      by,
    });
    await harness.project(projection);
    expect(await customer('acme')).toMatchObject({
      latest_survey_id: 's2',
      latest_survey_mean: 4.25,
      latest_survey_responses: 2,
      previous_survey_id: 's1',
      previous_survey_mean: 3.5,
      satisfaction_change: 0.75,
      satisfaction_trend: 'improving',
    });
    expect(await customer('globex')).toMatchObject({ relationship_status: 'customer', latest_survey_mean: 2 });

    await harness.append('survey-s4', 'SurveyAnalysed', {
      surveyId: 's4',
      analysis: analysis([{ customerId: 'acme', mean: 3 }]),
      at,
      by,
    });
    await harness.project(projection);
    expect(await customer('acme')).toMatchObject({ satisfaction_change: -1.25, satisfaction_trend: 'deteriorating' });
  });

  it('counts open complaints (open until closed) and dates the relationship reviews', async () => {
    const recorded = (complaintId: string) => ({
      complaintId,
      customerId: 'acme',
      serviceId: 'payroll',
      description: 'late',
      channel: 'email',
      receivedAt: at,
      complainant: { personId: 'p-1', name: 'Pat', email: 'pat@example.com' },
      at,
      by,
    });
    for (const id of ['c-1', 'c-2', 'c-3']) await harness.append(`complaint-${id}`, 'ComplaintRecorded', recorded(id));
    await harness.append('complaint-c-1', 'ComplaintResolved', { complaintId: 'c-1', resolution: 'fixed', at, by });
    await harness.append('complaint-c-2', 'ComplaintResolved', { complaintId: 'c-2', resolution: 'fixed', at, by });
    await harness.append('complaint-c-2', 'ComplaintClosed', {
      complaintId: 'c-2',
      closure: { basis: 'customer-confirmed', confirmedBy: 'p-1' },
      at,
      by,
    });

    const subject = { kind: 'customer-relationship', id: 'acme' };
    await harness.append('review-r1', 'ReviewScheduled', {
      reviewId: 'r1',
      subject,
      dueOn: '2026-01-31',
      interval: 'P6M',
      at,
      by,
    });
    await harness.append('review-r1', 'ReviewHeld', {
      reviewId: 'r1',
      subject,
      heldOn: '2026-02-02',
      attendees: [{ personId: 'p-1', name: 'Pat' }],
      performanceTrends: [],
      workload: 'normal',
      findings: [],
      decisions: [],
      at,
      by,
    });
    await harness.append('review-r2', 'ReviewScheduled', {
      reviewId: 'r2',
      subject,
      dueOn: '2026-08-02',
      interval: 'P6M',
      at,
      by,
    });
    await harness.append('review-r3', 'ReviewScheduled', {
      reviewId: 'r3',
      subject: { kind: 'agreement', id: 'sla-1' },
      dueOn: '2026-03-01',
      interval: 'P6M',
      at,
      by,
    });
    await harness.project(projection);

    const figures = async (asAt: string) =>
      (
        await customerRelationshipFigures(
          (sql, params) => harness.pool.query(sql, params).then((result) => result.rows),
          ['acme', 'globex'],
          new Date(asAt),
        )
      ).get('acme');
    expect(await figures('2026-05-01T00:00:00Z')).toEqual({
      complaints: { open: 2, total: 3 },
      reviews: { lastHeldOn: '2026-02-02', nextDueOn: '2026-08-02', overdue: 0 },
    });
    expect((await figures('2026-08-03T00:00:00Z'))?.reviews.overdue).toBe(1);
    expect(JSON.stringify(await harness.rows('SELECT * FROM customer_complaints'))).not.toMatch(/Pat|pat@/);
  });

  it('gives the same rows when rebuilt from the log', async () => {
    expect(await harness.rebuildDiffers(projection)).toEqual([]);
  });
});
