import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app.js';

type Headers = { Authorization: string };

/** A payroll SLA: availability >= 99.5 % (credits below 99.5 and 99), P1 response <= 4 h, 500 incidents a month. */
const slaTerms = {
  services: ['payroll'],
  targets: [
    {
      targetId: 'availability',
      name: 'Monthly availability of payroll',
      serviceId: 'payroll',
      metric: 'availability',
      comparator: '>=',
      value: 99.5,
      unit: '%',
      measurementPeriod: 'P1M',
      method: 'Minutes answering synthetic probes over minutes in the month',
      excludesApprovedDowntime: true,
    },
    {
      targetId: 'p1-response',
      name: 'Response to priority 1 incidents',
      metric: 'response-time',
      comparator: '<=',
      value: 4,
      unit: 'h',
      measurementPeriod: 'P1M',
      method: 'Slowest first response among priority 1 incidents',
    },
  ],
  exceptions: {
    plannedMaintenanceWindows: [
      { windowId: 'sunday-night', description: 'Weekly patching', schedule: 'Sundays 02:00-04:00 UTC' },
    ],
    excludedCauses: [],
  },
  workloadLimits: [{ limitId: 'incidents', name: 'Incidents logged', unit: 'incidents', limit: 500, period: 'P1M' }],
  serviceCredits: [
    {
      targetId: 'availability',
      tiers: [
        { level: 99.5, creditPercent: 5 },
        { level: 99, creditPercent: 10 },
      ],
    },
  ],
  provider: { owner: 'sam', obligations: ['Run payroll'], authorities: ['Maintain'], responsibilities: ['Report'] },
  counterparty: { owner: 'carla', obligations: ['Pay'], authorities: ['Approve'], responsibilities: ['Name users'] },
  reviewInterval: 'P6M',
  term: { effectiveFrom: '2026-01-01', effectiveTo: '2099-12-31', renewal: 'manual', noticePeriod: 'P3M' },
  escalation: { route: [{ level: 1, contact: 'service desk' }], disputeResolution: 'Steering committee' },
};

const month = (period: string) => {
  const [year, monthOfYear] = period.split('-').map(Number) as [number, number];
  return {
    start: new Date(Date.UTC(year, monthOfYear - 1, 1)).toISOString(),
    end: new Date(Date.UTC(year, monthOfYear, 1)).toISOString(),
  };
};

describe('the service level compliance read model over HTTP', () => {
  let service: TestApp;
  let sam: Headers;
  let carla: Headers;
  let auditor: Headers;
  let agreementId: string;

  const post = (path: string, who: Headers, body: object) => request(service.http).post(path).set(who).send(body);
  const compliance = (query: Record<string, string | number> = {}) =>
    request(service.http)
      .get('/read-models/service-level-compliance')
      .query({ agreementId, ...query })
      .set(auditor);

  /** The projector runs after the fact: wait until the read model shows what `ready` expects. */
  async function eventually<T>(read: () => Promise<T>, ready: (value: T) => boolean): Promise<T> {
    for (let attempt = 0; attempt < 150; attempt++) {
      const value = await read();
      if (ready(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the read model never caught up');
  }

  beforeAll(async () => {
    service = await startTestApp();
    sam = await service.as('service-manager', 'sam');
    carla = await service.as('service-manager', 'carla');
    auditor = await service.as('auditor', 'audrey');

    const drafted = await post('/agreements', sam, {
      kind: 'SLA',
      title: 'Payroll SLA',
      providerPartyId: 'party-provider',
      counterpartyPartyId: 'party-acme',
      counterpartyRole: 'customer',
    }).expect(201);
    agreementId = drafted.headers.location.split('/').pop()!;
    await post(`/agreements/${agreementId}/proposals`, sam, { side: 'provider', terms: slaTerms }).expect(200);
    await post(`/agreements/${agreementId}/acceptances`, sam, { side: 'provider', version: 1 }).expect(200);
    await post(`/agreements/${agreementId}/acceptances`, carla, { side: 'counterparty', version: 1 }).expect(200);
    await post(`/agreements/${agreementId}/activation`, sam, { effectiveOn: '2026-01-01' }).expect(200);

    // March: availability breached even after approved maintenance; P1 response met; workload within the limit.
    const march = `/agreements/${agreementId}/periods/2026-03`;
    await post(march, sam, month('2026-03')).expect(201);
    const measuredAt = '2026-03-31T23:00:00Z';
    await post(`${march}/measurements`, sam, { targetId: 'availability', value: 99.1, source: 'probes', measuredAt });
    await post(`${march}/measurements`, sam, { targetId: 'p1-response', value: 3, source: 'desk', measuredAt });
    await post(`${march}/workload`, sam, { limitId: 'incidents', actual: 420, source: 'desk', measuredAt });
    const claimed = await post(`${march}/exception-claims`, sam, {
      targetId: 'availability',
      excludedMinutes: 60,
      basis: { kind: 'planned-maintenance', referenceId: 'sunday-night' },
      reason: 'Patching overran into the window',
      accountablePersonId: 'sam',
    }).expect(200);
    await post(`${march}/exception-claims/${claimed.body.ids.claimId}/approval`, carla, {}).expect(200);
    await post(`${march}/closure`, sam, {}).expect(200);

    // April: nothing measured.
    const april = `/agreements/${agreementId}/periods/2026-04`;
    await post(april, sam, month('2026-04')).expect(201);
    await post(`${april}/closure`, sam, {}).expect(200);
  });
  afterAll(() => service.close());

  it('shows per target and period the target in force, the value judged, the outcome and the credit tier', async () => {
    const { body } = await eventually(
      () => compliance(),
      (response) =>
        response.status === 200 &&
        response.body.items.length === 4 &&
        response.body.items.every((item: { outcome: string }) => item.outcome !== 'pending'),
    );
    expect(body.nextCursor).toBeNull();
    const [availability, response, aprilAvailability, aprilResponse] = body.items;
    expect(availability).toMatchObject({
      agreementId,
      agreementKind: 'SLA',
      periodId: '2026-03',
      periodStart: '2026-03-01T00:00:00.000Z',
      periodEnd: '2026-04-01T00:00:00.000Z',
      periodStatus: 'closed',
      target: { targetId: 'availability', agreementVersion: 1, comparator: '>=', value: 99.5, unit: '%' },
      measurement: { measuredValue: 99.1, excludedMinutes: 60, corrected: false },
      outcome: 'breached',
      serviceCredit: { creditPercent: 5, tierLevel: 99.5 },
    });
    // Approved maintenance is taken out before judging: better than measured, still short of the target.
    expect(availability.measurement.judgedValue).toBeGreaterThan(99.1);
    expect(availability.measurement.judgedValue).toBeLessThan(99.5);
    expect(response).toMatchObject({
      periodId: '2026-03',
      target: { targetId: 'p1-response', comparator: '<=', value: 4, unit: 'h' },
      measurement: { measuredValue: 3, judgedValue: 3 },
      outcome: 'met',
      serviceCredit: { creditPercent: null },
    });
    expect(aprilAvailability).toMatchObject({ periodId: '2026-04', outcome: 'not-measured' });
    expect(aprilResponse).toMatchObject({ periodId: '2026-04', outcome: 'not-measured' });

    const workload = await request(service.http)
      .get('/read-models/service-level-workload')
      .query({ agreementId })
      .set(auditor)
      .expect(200);
    expect(
      workload.body.items.map((item: { periodId: string; outcome: string; actual: number | null }) => item),
    ).toEqual([
      expect.objectContaining({ periodId: '2026-03', limit: 500, actual: 420, outcome: 'within-limit' }),
      expect.objectContaining({ periodId: '2026-04', actual: null, outcome: 'not-recorded' }),
    ]);
  });

  it('filters by target, outcome and period range', async () => {
    const breached = await compliance({ outcome: 'breached' }).expect(200);
    expect(breached.body.items.map((item: { target: { targetId: string } }) => item.target.targetId)).toEqual([
      'availability',
    ]);
    const april = await compliance({ from: '2026-04-01T00:00:00Z', to: '2026-05-01T00:00:00Z' }).expect(200);
    expect(april.body.items.map((item: { periodId: string }) => item.periodId)).toEqual(['2026-04', '2026-04']);
    const response = await compliance({ targetId: 'p1-response' }).expect(200);
    expect(response.body.items.map((item: { outcome: string }) => item.outcome)).toEqual(['met', 'not-measured']);
    const other = await compliance({ agreementId: 'no-such-agreement' }).expect(200);
    expect(other.body).toEqual({ items: [], nextCursor: null });
  });

  it('pages with an opaque cursor', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const { body } = await compliance({ limit: 3, ...(cursor ? { cursor } : {}) }).expect(200);
      expect(body.items.length).toBeLessThanOrEqual(3);
      seen.push(
        ...body.items.map(
          (item: { periodId: string; target: { targetId: string } }) => `${item.periodId}/${item.target.targetId}`,
        ),
      );
      cursor = body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([
      '2026-03/availability',
      '2026-03/p1-response',
      '2026-04/availability',
      '2026-04/p1-response',
    ]);
  });

  it('refuses bad query strings with 400 and callers without a credential with 401', async () => {
    await compliance({ cursor: 'bm90LWEtY3Vyc29y' }).expect(400);
    await compliance({ limit: 501 }).expect(400);
    await compliance({ outcome: 'excellent' }).expect(400);
    await compliance({ colour: 'blue' }).expect(400);
    await request(service.http).get('/read-models/service-level-compliance').expect(401);
  });
});
