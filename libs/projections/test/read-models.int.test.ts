import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { slaTerms } from './fixtures/agreement-log.js';

type Headers = { Authorization: string };

/** Read models are built after the fact: ask until the answer satisfies `ready`. */
async function eventually<T>(read: () => Promise<T>, ready: (value: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ready(value)) return value;
    if (Date.now() > deadline) throw new Error(`not ready in time: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('read models over HTTP', () => {
  let service: TestApp;
  let sam: Headers;
  let carla: Headers;
  let auditor: Headers;
  let admin: Headers;
  let agreementId: string;

  const post = (path: string, who: Headers, body: object) => request(service.http).post(path).set(who).send(body);
  const get = (path: string, who: Headers = auditor) => request(service.http).get(path).set(who);

  beforeAll(async () => {
    service = await startTestApp();
    sam = await service.as('service-manager', 'sam');
    carla = await service.as('service-manager', 'carla');
    auditor = await service.as('auditor', 'audrey');
    admin = await service.as('admin', 'ada');

    const drafted = await post('/agreements', sam, {
      kind: 'SLA',
      title: 'Payroll SLA',
      providerPartyId: 'party-provider',
      counterpartyPartyId: 'party-acme',
      counterpartyRole: 'customer',
    }).expect(201);
    agreementId = drafted.headers.location!.split('/').pop()!;
    const base = `/agreements/${agreementId}`;
    await post(`${base}/proposals`, sam, { side: 'provider', terms: slaTerms(99) }).expect(200);
    await post(`${base}/counter-proposals`, carla, {
      side: 'counterparty',
      inResponseTo: 1,
      terms: slaTerms(99.5),
      reason: 'Too low for payroll',
    }).expect(200);
    await post(`${base}/acceptances`, sam, { side: 'provider', version: 2 }).expect(200);
    await post(`${base}/acceptances`, carla, { side: 'counterparty', version: 2 }).expect(200);
    await post(`${base}/activation`, sam, { effectiveOn: '2026-01-01' }).expect(200);
    await post(`${base}/amendments`, sam, {
      side: 'provider',
      terms: slaTerms(99.8),
      rationale: 'Daily payroll runs',
      effectiveOn: '2026-06-01',
    }).expect(200);
    await post(`${base}/amendments/3/impact-assessment`, sam, {
      impact: 'low',
      summary: 'Within capacity',
      risks: [],
    }).expect(200);
    await post(`${base}/amendments/3/acceptances`, sam, { side: 'provider' }).expect(200);
    await post(`${base}/amendments/3/acceptances`, carla, { side: 'counterparty' }).expect(200);
    await post('/complaints', admin, {
      customerId: 'party-acme',
      serviceId: 'payroll',
      description: 'Payslips late',
      channel: 'email',
      receivedAt: '2026-02-01T08:00:00Z',
      complainant: { personId: 'person-erika', name: 'Erika Mustermann', email: 'erika@example.com' },
    }).expect(201);
  });
  afterAll(() => service.close());

  it('shows the agreement as it stands, with its current version, dates, targets and owners', async () => {
    const { body } = await eventually(
      () => get(`/read-models/agreements/${agreementId}`),
      (response) => response.status === 200 && response.body.currentVersion === 3,
    );
    expect(body).toMatchObject({
      agreementId,
      kind: 'SLA',
      status: 'active',
      providerPartyId: 'party-provider',
      counterpartyPartyId: 'party-acme',
      currentVersion: 3,
      effectiveFrom: '2026-06-01',
      effectiveTo: '2099-12-31',
      activatedOn: '2026-01-01',
      nextReviewDue: '2026-07-01',
      providerOwner: 'sam',
      counterpartyOwner: 'carla',
      targets: [{ targetId: 'availability', value: 99.8, comparator: '>=' }],
      workloadLimits: [{ limitId: 'incidents', limit: 500 }],
    });
    expect(body).not.toHaveProperty('state');
    await get('/read-models/agreements/no-such-agreement').expect(404);
  });

  it('lists agreements by kind, status and party, a page at a time', async () => {
    const list = await get('/read-models/agreements?kind=SLA&status=active&partyId=party-acme').expect(200);
    expect(list.body.items.map((item: { agreementId: string }) => item.agreementId)).toEqual([agreementId]);
    expect(list.body.nextCursor).toBeNull();
    expect((await get('/read-models/agreements?kind=OLA').expect(200)).body.items).toEqual([]);
    await get('/read-models/agreements?limit=0').expect(400);
    await get('/read-models/agreements?colour=red').expect(400);
    await request(service.http).get('/read-models/agreements').expect(401);
  });

  it('answers which agreements were in force on a day, and in which version', async () => {
    const on = async (day: string) => (await get(`/read-models/agreements?inForceOn=${day}`).expect(200)).body.items;
    const march = await on('2026-03-01');
    expect(march).toHaveLength(1);
    expect(march[0]).toMatchObject({
      agreementId,
      currentVersion: 3,
      inForce: { version: 2, effectiveFrom: '2026-01-01', effectiveTo: '2026-05-31' },
    });
    expect(march[0].inForce.terms.targets[0].value).toBe(99.5);
    expect((await on('2026-05-31'))[0].inForce.version).toBe(2);
    expect((await on('2026-06-01'))[0].inForce).toMatchObject({ version: 3, effectiveTo: '2099-12-31' });
    expect(await on('2025-12-31')).toEqual([]);
    await get('/read-models/agreements?inForceOn=yesterday').expect(400);
  });

  it('lists the agreed versions with their windows, and the negotiation timeline', async () => {
    const versions = await get(`/read-models/agreements/${agreementId}/versions`).expect(200);
    expect(versions.body.versions).toMatchObject([
      {
        version: 2,
        origin: 'negotiation',
        proposedBySide: 'counterparty',
        proposedBy: 'carla',
        acceptedBy: { provider: 'sam', counterparty: 'carla' },
        effectiveFrom: '2026-01-01',
        effectiveTo: '2026-05-31',
      },
      { version: 3, origin: 'amendment', amends: 2, effectiveFrom: '2026-06-01', effectiveTo: '2099-12-31' },
    ]);
    const timeline = await get(`/read-models/agreements/${agreementId}/timeline`).expect(200);
    const steps = timeline.body.steps.map((step: { step: string; side: string | null; by: string }) =>
      [step.step, step.side, step.by].join(' '),
    );
    expect(steps).toEqual([
      'drafted  sam',
      'proposed provider sam',
      'counter-proposed counterparty carla',
      'accepted provider sam',
      'accepted counterparty carla',
      'agreed  carla',
      'activated  sam',
      'amendment-proposed provider sam',
      'impact-assessed  sam',
      'amendment-accepted provider sam',
      'amendment-accepted counterparty carla',
      'amended  carla',
    ]);
    expect(timeline.body.steps[2]).toMatchObject({ inResponseTo: 1, reason: 'Too low for payroll' });
  });

  it('filters the audit trail by stream, type, actor, clause, agreement, party and time, page by page', async () => {
    const all = await eventually(
      () => get(`/audit-trail/entries?streamId=agreement-${agreementId}&limit=500`),
      (response) => response.status === 200 && response.body.items.length === 12,
    );
    expect(all.body.items[0]).toMatchObject({
      streamId: `agreement-${agreementId}`,
      streamType: 'agreement',
      eventType: 'AgreementDrafted',
      actor: 'sam',
      clauses: ['8.3.3'],
      agreementIds: [agreementId],
      partyIds: ['party-acme', 'party-provider'],
      summary: 'AgreementDrafted: kind SLA',
    });
    expect(all.body.items[0].correlationId).toEqual(expect.any(String));
    // Events that name only the agreement are found by its parties too.
    const byParty = await get('/audit-trail/entries?partyId=party-acme&type=TermsCounterProposed').expect(200);
    expect(byParty.body.items).toHaveLength(1);
    expect(byParty.body.items[0]).toMatchObject({ actor: 'carla', summary: expect.stringContaining('version 2') });
    const byActor = await get(`/audit-trail/entries?actor=carla&agreementId=${agreementId}`).expect(200);
    expect(byActor.body.items.every((item: { actor: string }) => item.actor === 'carla')).toBe(true);
    expect(byActor.body.items).toHaveLength(5);
    expect((await get('/audit-trail/entries?clause=8.3.4.1').expect(200)).body.items).toEqual([]);

    // Page through with cursors: the same entries, in order, none twice.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `streamId=agreement-${agreementId}&limit=5${cursor ? `&cursor=${cursor}` : ''}`;
      const page: request.Response = await get(`/audit-trail/entries?${query}`).expect(200);
      seen.push(...page.body.items.map((item: { globalPosition: string }) => item.globalPosition));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((item: { globalPosition: string }) => item.globalPosition));

    const recorded = all.body.items.map((item: { recordedAt: string }) => item.recordedAt);
    const windowed = await get(
      `/audit-trail/entries?streamId=agreement-${agreementId}&from=${encodeURIComponent(recorded[1])}&to=${encodeURIComponent(recorded[3])}`,
    ).expect(200);
    expect(windowed.body.items.map((item: { recordedAt: string }) => item.recordedAt)).toEqual(
      recorded.filter((at: string) => at >= recorded[1] && at < recorded[3]),
    );
    await get('/audit-trail/entries?cursor=rubbish').expect(400);
    await get('/audit-trail/entries?clause=9.9').expect(400);
  });

  it('keeps no personal data: the complaint is in the trail, the complainant only by id', async () => {
    const complaints = await eventually(
      () => get('/audit-trail/entries?streamType=complaint'),
      (response) => response.status === 200 && response.body.items.length === 1,
    );
    expect(complaints.body.items[0]).toMatchObject({
      eventType: 'ComplaintRecorded',
      partyIds: ['party-acme'],
      summary: 'ComplaintRecorded: channel email',
    });
    const { rows } = await service.database.pool.query(
      "SELECT count(*)::int AS n FROM audit_trail_entries t WHERE to_jsonb(t)::text ~ '(Erika|erika@example)'",
    );
    expect(rows[0].n).toBe(0);
  });

  it('reports each projection and its lag on /health', async () => {
    const health = await eventually(
      () => request(service.http).get('/health'),
      (response) =>
        response.body.components?.projections?.projections?.every((p: { behind: string }) => p.behind === '0'),
    );
    expect(health.body.components.projections.status).toBe('up');
    expect(health.body.components.projections.projections).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'audit-trail', state: 'running', secondsBehind: 0 }),
        expect.objectContaining({ name: 'agreements', state: 'running' }),
      ]),
    );
  });
});
