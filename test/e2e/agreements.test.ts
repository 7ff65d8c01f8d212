import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EventStore, RecordedEvent } from '@lib/event-store';
import request from 'supertest';
import { AggregateStore } from '../../apps/api/src/commands/aggregate-store.js';
import {
  improvementIdFor,
  raiseImprovementOpportunities,
} from '../../apps/api/src/improvements/raise-improvement-opportunities.reaction.js';
import { EVENT_STORE } from '../../apps/api/src/tokens.js';
import { startTestApp, type TestApp } from '../support/app.js';

type Headers = { Authorization: string };

/** The terms of a payroll SLA; `availability` is the monthly availability target in percent. */
function slaTerms(availability: number, term: Record<string, unknown> = {}) {
  return {
    services: ['payroll'],
    targets: [
      {
        targetId: 'availability',
        name: 'Monthly availability of payroll',
        serviceId: 'payroll',
        metric: 'availability',
        comparator: '>=',
        value: availability,
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
      excludedCauses: [{ causeId: 'customer-network', description: 'Outages of the customer network' }],
    },
    workloadLimits: [{ limitId: 'incidents', name: 'Incidents logged', unit: 'incidents', limit: 500, period: 'P1M' }],
    serviceCredits: [
      {
        targetId: 'availability',
        tiers: [
          { level: availability, creditPercent: 5 },
          { level: 99, creditPercent: 10 },
        ],
      },
    ],
    provider: {
      owner: 'sam',
      obligations: ['Run the payroll service'],
      authorities: ['Schedule maintenance'],
      responsibilities: ['Report monthly'],
    },
    counterparty: {
      owner: 'carla',
      obligations: ['Pay monthly'],
      authorities: ['Approve changes to pay runs'],
      responsibilities: ['Name key users'],
    },
    reviewInterval: 'P6M',
    term: { effectiveFrom: '2026-01-01', effectiveTo: '2099-12-31', renewal: 'manual', noticePeriod: 'P3M', ...term },
    escalation: {
      route: [{ level: 1, contact: 'service desk', within: 'PT4H' }],
      disputeResolution: 'Steering committee, then mediation',
    },
  };
}

/** A hosting contract under the payroll SLA, complete with the four elements of clause 8.3.4.1. */
function contractTerms(hostingAvailability: number, hostingResponseHours: number) {
  const sla = slaTerms(99.5);
  return {
    ...sla,
    services: ['hosting'],
    targets: [
      { ...sla.targets[0], targetId: 'hosting-availability', name: 'Hosting availability', value: hostingAvailability },
      { ...sla.targets[1], targetId: 'hosting-response', name: 'Hosting P1 response', value: hostingResponseHours },
    ],
    serviceCredits: [],
    provider: { ...sla.provider, owner: 'bob' },
    counterparty: {
      owner: 'dave',
      obligations: ['Host the payroll servers'],
      authorities: ['Reboot hosts in the window'],
      responsibilities: ['Keep hosts patched'],
    },
    contract: { scope: 'Hosting of the payroll platform', requirements: ['ISO 27001 certified data centre'] },
  };
}

const month = (period: string) => {
  const [year, monthOfYear] = period.split('-').map(Number) as [number, number];
  return {
    start: new Date(Date.UTC(year, monthOfYear - 1, 1)).toISOString(),
    end: new Date(Date.UTC(year, monthOfYear, 1)).toISOString(),
  };
};

describe('agreements, service levels and improvements over HTTP', () => {
  let service: TestApp;
  let sam: Headers; // the provider's service level manager
  let carla: Headers; // the customer's representative
  let bob: Headers; // the provider's supplier manager
  let dave: Headers; // the supplier's account manager
  let auditor: Headers;

  const eventCount = async () =>
    Number((await service.database.pool.query('SELECT count(*) FROM events')).rows[0].count);
  const post = (path: string, who: Headers, body: object) => request(service.http).post(path).set(who).send(body);
  const get = (path: string) => request(service.http).get(path).set(auditor);
  const types = (response: { body: { events: { type: string }[] } }) => response.body.events.map((event) => event.type);
  const metadataOf = async (eventId: string) =>
    (await service.database.pool.query('SELECT metadata FROM events WHERE event_id = $1', [eventId])).rows[0].metadata;

  beforeAll(async () => {
    service = await startTestApp();
    sam = await service.as('service-manager', 'sam');
    carla = await service.as('service-manager', 'carla');
    bob = await service.as('supplier-manager', 'bob');
    dave = await service.as('supplier-manager', 'dave');
    auditor = await service.as('auditor', 'audrey');
  });
  afterAll(() => service.close());

  async function draft(kind: string, who: Headers = sam, title = `${kind} for payroll`): Promise<string> {
    const supplier = kind === 'UNDERPINNING_CONTRACT' || kind === 'OLA';
    const drafted = await post('/agreements', who, {
      kind,
      title,
      providerPartyId: 'party-provider',
      counterpartyPartyId: supplier ? 'party-hoster' : 'party-acme',
      counterpartyRole:
        kind === 'UNDERPINNING_CONTRACT' ? 'external-supplier' : kind === 'OLA' ? 'internal-supplier' : 'customer',
    }).expect(201);
    expect(drafted.headers.location).toMatch(/^\/agreements\/[0-9a-f-]{36}$/);
    return drafted.headers.location.split('/').pop()!;
  }

  /** Drafted, proposed by the provider, accepted by both sides and in force from 2026-01-01. */
  async function activeAgreement(
    kind: string,
    terms: object,
    [provider, counterparty]: [Headers, Headers] = [sam, carla],
  ): Promise<string> {
    const id = await draft(kind, provider);
    await post(`/agreements/${id}/proposals`, provider, { side: 'provider', terms }).expect(200);
    await post(`/agreements/${id}/acceptances`, provider, { side: 'provider', version: 1 }).expect(200);
    await post(`/agreements/${id}/acceptances`, counterparty, { side: 'counterparty', version: 1 }).expect(200);
    await post(`/agreements/${id}/activation`, provider, { effectiveOn: '2026-01-01' }).expect(200);
    return id;
  }

  /** Opens a monthly period, records its measurements and workload, and closes it; answers the closing. */
  async function reportPeriod(
    agreementId: string,
    periodId: string,
    { availability, response, incidents }: { availability: number; response: number; incidents: number },
  ) {
    const path = `/agreements/${agreementId}/periods/${periodId}`;
    await post(path, sam, month(periodId)).expect(201);
    const measuredAt = new Date(Date.parse(month(periodId).end) - 3_600_000).toISOString();
    await post(`${path}/measurements`, sam, {
      targetId: 'availability',
      value: availability,
      source: 'probes',
      measuredAt,
    }).expect(200);
    await post(`${path}/measurements`, sam, {
      targetId: 'p1-response',
      value: response,
      source: 'desk',
      measuredAt,
    }).expect(200);
    await post(`${path}/workload`, sam, { limitId: 'incidents', actual: incidents, source: 'desk', measuredAt }).expect(
      200,
    );
    return post(`${path}/closure`, sam, {}).expect(200);
  }

  async function readEvent(streamId: string, type: string): Promise<RecordedEvent> {
    const events = await service.app.get<EventStore>(EVENT_STORE).readStream(streamId);
    return events.find((event) => event.type === type)!;
  }

  /** The reaction runs after the fact: wait for the improvement it raises. */
  async function eventually(path: string) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const response = await get(path);
      if (response.status === 200) return response;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${path} never appeared`);
  }

  it('lives an SLA from draft through negotiation, measured periods, a breach and its improvement, and an amendment', async () => {
    // Negotiation: the provider proposes, the customer counter-proposes, both accept the counter-proposal.
    const id = await draft('SLA');
    const proposed = await post(`/agreements/${id}/proposals`, sam, { side: 'provider', terms: slaTerms(99.0) }).expect(
      200,
    );
    expect(types(proposed)).toEqual(['TermsProposed']);
    const countered = await post(`/agreements/${id}/counter-proposals`, carla, {
      side: 'counterparty',
      inResponseTo: 1,
      terms: slaTerms(99.5),
      reason: '99.0 % leaves payroll down for seven hours a month',
    }).expect(200);
    expect(types(countered)).toEqual(['TermsCounterProposed']);
    await post(`/agreements/${id}/acceptances`, sam, { side: 'provider', version: 2 }).expect(200);
    const agreed = await post(`/agreements/${id}/acceptances`, carla, { side: 'counterparty', version: 2 }).expect(200);
    expect(types(agreed)).toEqual(['TermsAccepted', 'AgreementAgreed']);
    const activated = await post(`/agreements/${id}/activation`, sam, { effectiveOn: '2026-01-01' }).expect(200);
    expect(types(activated)).toEqual(['AgreementActivated']);
    expect(activated.headers.etag).toBe('"6"');

    // March: met, after a measurement was corrected with a reason.
    const march = `/agreements/${id}/periods/2026-03`;
    const opened = await post(march, sam, month('2026-03')).expect(201);
    expect(opened.body.streamId).toBe(`service-level-${id}:2026-03`);
    const measured = await post(`${march}/measurements`, sam, {
      targetId: 'availability',
      value: 99.1,
      source: 'probes',
      measuredAt: '2026-03-31T23:00:00Z',
    }).expect(200);
    const measurementId = (await readEvent(opened.body.streamId, 'MeasurementRecorded')).data.measurementId;
    expect(measured.body.events[0].type).toBe('MeasurementRecorded');
    await post(`${march}/measurements/${measurementId}/corrections`, carla, {
      value: 99.7,
      reason: 'A probe outage was counted as downtime',
    }).expect(200);
    await post(`${march}/measurements`, sam, {
      targetId: 'p1-response',
      value: 3,
      source: 'desk',
      measuredAt: '2026-03-31T23:00:00Z',
    }).expect(200);
    await post(`${march}/workload`, sam, {
      limitId: 'incidents',
      actual: 420,
      source: 'desk',
      measuredAt: '2026-03-31T23:00:00Z',
    }).expect(200);
    const marchClosed = await post(`${march}/closure`, sam, {}).expect(200);
    expect(types(marchClosed)).toEqual([
      'ServiceLevelTargetMet',
      'ServiceLevelTargetMet',
      'WorkloadWithinLimit',
      'ServiceLevelPeriodClosed',
    ]);
    expect((await metadataOf(marchClosed.body.events[0].eventId)).clauses).toEqual(['8.3.3']);

    // April: availability missed and the workload limit exceeded.
    const aprilClosed = await reportPeriod(id, '2026-04', { availability: 99.2, response: 3, incidents: 520 });
    expect(types(aprilClosed)).toEqual([
      'ServiceLevelTargetBreached',
      'ServiceLevelTargetMet',
      'WorkloadLimitExceeded',
      'ServiceLevelPeriodClosed',
    ]);
    const aprilStream = `service-level-${id}:2026-04`;
    const breach = await readEvent(aprilStream, 'ServiceLevelTargetBreached');
    expect(breach.data).toMatchObject({ targetId: 'availability', judgedValue: 99.2, serviceCreditPercent: 5 });

    // The reaction raises one improvement opportunity per shortfall, traceable to the breach.
    const improvement = await eventually(`/improvements/${improvementIdFor(breach)}`);
    expect(improvement.body.state).toMatchObject({
      status: 'open',
      cause: { kind: 'target-breached', streamId: aprilStream, eventId: breach.eventId },
    });
    const raised = await readEvent(improvement.body.streamId, 'ImprovementOpportunityRaised');
    expect(raised.metadata).toMatchObject({
      actor: 'system:raise-improvement-opportunities',
      causationId: breach.eventId,
      correlationId: breach.metadata.correlationId,
      clauses: ['8.3.3'],
    });
    expect(raised.data).toMatchObject({ agreementId: id, title: 'Target availability breached in 2026-04' });
    const exceeded = await readEvent(aprilStream, 'WorkloadLimitExceeded');
    const workloadImprovement = await eventually(`/improvements/${improvementIdFor(exceeded)}`);
    expect(workloadImprovement.body.state.cause).toEqual({
      kind: 'workload-limit-exceeded',
      streamId: aprilStream,
      eventId: exceeded.eventId,
    });

    // The improvement is worked to closure with evidence.
    const improvementPath = `/improvements/${improvementIdFor(breach)}`;
    await post(`${improvementPath}/owner`, sam, { ownerId: 'sam' }).expect(200);
    await post(`${improvementPath}/actions`, sam, {
      description: 'Add a second database node',
      dueOn: '2026-05-31',
    }).expect(200);
    const actionId = (await readEvent(improvement.body.streamId, 'ImprovementActionAdded')).data.actionId;
    await post(`${improvementPath}/closure`, sam, { summary: 'Done', evidence: [{ description: 'x' }] }).expect(422);
    await post(`${improvementPath}/actions/${actionId}/completion`, sam, {
      outcome: 'Node added on 2026-05-20',
    }).expect(200);
    await post(`${improvementPath}/closure`, sam, {
      summary: 'Failover removes the single point of failure',
      evidence: [{ description: 'Failover test report', reference: 'doc-4711' }],
    }).expect(200);
    expect((await get(improvementPath).expect(200)).body.state.status).toBe('closed');

    // An amendment tightens availability to 99.8 % from June, assessed for impact and accepted by both sides.
    const amendment = await post(`/agreements/${id}/amendments`, sam, {
      side: 'provider',
      terms: slaTerms(99.8),
      rationale: 'Payroll runs move to daily',
      effectiveOn: '2026-06-01',
    }).expect(200);
    expect(types(amendment)).toEqual(['AmendmentProposed']);
    const version = (await readEvent(`agreement-${id}`, 'AmendmentProposed')).data.version;
    expect(version).toBe(3);
    await post(`/agreements/${id}/amendments/${version}/impact-assessment`, sam, {
      impact: 'medium',
      summary: 'Needs the second database node',
      risks: ['Credits become more likely until failover is proven'],
    }).expect(200);
    await post(`/agreements/${id}/amendments/${version}/acceptances`, sam, { side: 'provider' }).expect(200);
    const amended = await post(`/agreements/${id}/amendments/${version}/acceptances`, carla, {
      side: 'counterparty',
      reason: 'Agreed in the steering committee',
    }).expect(200);
    expect(types(amended)).toEqual(['AmendmentAccepted', 'AgreementAmended']);

    // May still falls under version 2 even though it opens after the amendment; June under version 3.
    await reportPeriod(id, '2026-05', { availability: 99.6, response: 2, incidents: 300 });
    const juneClosed = await reportPeriod(id, '2026-06', { availability: 99.6, response: 2, incidents: 300 });
    expect(types(juneClosed)[0]).toBe('ServiceLevelTargetBreached');
    const juneBreach = await readEvent(`service-level-${id}:2026-06`, 'ServiceLevelTargetBreached');
    expect(juneBreach.data).toMatchObject({ agreementVersion: 3, judgedValue: 99.6, target: { value: 99.8 } });
    await eventually(`/improvements/${improvementIdFor(juneBreach)}`);

    const availabilityOf = (period: { body: { state: { targets: { targetId: string; value: number }[] } } }) =>
      period.body.state.targets.find((target) => target.targetId === 'availability')!.value;
    const april = await get(`/agreements/${id}/periods/2026-04`).expect(200);
    const may = await get(`/agreements/${id}/periods/2026-05`).expect(200);
    const june = await get(`/agreements/${id}/periods/2026-06`).expect(200);
    expect([april, may, june].map((period) => period.body.state.agreementVersion)).toEqual([2, 2, 3]);
    expect([april, may, june].map(availabilityOf)).toEqual([99.5, 99.5, 99.8]);
    expect([april, may, june].map((period) => period.body.state.status)).toEqual(['closed', 'closed', 'closed']);
    const mayJudged = await readEvent(`service-level-${id}:2026-05`, 'ServiceLevelTargetMet');
    expect(mayJudged.data).toMatchObject({ targetId: 'availability', agreementVersion: 2, judgedValue: 99.6 });

    const agreement = await get(`/agreements/${id}`).expect(200);
    expect(agreement.body.state).toMatchObject({ status: 'active', kind: 'SLA', activatedOn: '2026-01-01' });
    expect(
      agreement.body.state.agreedVersions.map((agreedVersion: { version: number }) => agreedVersion.version),
    ).toEqual([2, 3]);
    const { rows } = await service.database.pool.query(
      'SELECT DISTINCT metadata->>$2 AS actor FROM events WHERE stream_id = $1 ORDER BY 1',
      [`agreement-${id}`, 'actor'],
    );
    expect(rows.map((row) => row.actor)).toEqual(['carla', 'sam']);
  });

  it('a redelivered breach raises its improvement only once', async () => {
    const id = await activeAgreement('SLA', slaTerms(99.5));
    await reportPeriod(id, '2026-02', { availability: 98, response: 2, incidents: 10 });
    const breach = await readEvent(`service-level-${id}:2026-02`, 'ServiceLevelTargetBreached');
    expect(breach.data).toMatchObject({ serviceCreditPercent: 10, serviceCreditLevel: 99 });
    await eventually(`/improvements/${improvementIdFor(breach)}`);
    const before = await eventCount();
    await raiseImprovementOpportunities.react(breach, service.app.get(AggregateStore));
    expect(await eventCount()).toBe(before);
  });

  it('withdraws, reviews, renews, links requirements, rejects amendments, expires and terminates', async () => {
    // A proposal withdrawn by its side cannot be accepted any more.
    const negotiated = await draft('SLA');
    await post(`/agreements/${negotiated}/proposals`, sam, { side: 'provider', terms: slaTerms(99.5) }).expect(200);
    const withdrawn = await post(`/agreements/${negotiated}/withdrawals`, sam, {
      side: 'provider',
      version: 1,
      reason: 'Wrong service list',
    }).expect(200);
    expect(types(withdrawn)).toEqual(['ProposalWithdrawn']);
    const refused = await post(`/agreements/${negotiated}/acceptances`, carla, {
      side: 'counterparty',
      version: 1,
    }).expect(422);
    expect(refused.body.code).toBe('agreement.version-withdrawn');

    // An SLA answers the customer's service level requirements.
    const slr = await draft('SLR');
    const sla = await activeAgreement('SLA', slaTerms(99.5));
    const linked = await post(`/agreements/${sla}/service-level-requirements`, sam, { slrAgreementId: slr }).expect(
      200,
    );
    expect(types(linked)).toEqual(['ServiceLevelRequirementsLinked']);
    expect((await metadataOf(linked.body.events[0].eventId)).clauses).toEqual(['8.3.3']);
    const notSlr = await post(`/agreements/${sla}/service-level-requirements`, sam, {
      slrAgreementId: negotiated,
    }).expect(422);
    expect(notSlr.body.code).toBe('agreement.requirements-not-an-slr');

    // Reviews at planned intervals, and renewal.
    const reviewed = await post(`/agreements/${sla}/reviews`, sam, {
      reviewedOn: '2026-07-01',
      outcome: 'renew',
      findings: 'Targets met five months out of six',
    }).expect(200);
    expect((await readEvent(`agreement-${sla}`, 'AgreementReviewed')).data.nextReviewDue).toBe('2027-01-01');
    expect(types(reviewed)).toEqual(['AgreementReviewed']);
    await post(`/agreements/${sla}/renewals`, sam, { effectiveTo: '2100-12-31', reason: 'Renewed at review' }).expect(
      200,
    );
    expect((await get(`/agreements/${sla}`).expect(200)).body.state.effectiveTo).toBe('2100-12-31');

    // An amendment one side rejects changes nothing.
    await post(`/agreements/${sla}/amendments`, sam, {
      side: 'provider',
      terms: slaTerms(99.9),
      rationale: 'Premium tier',
      effectiveOn: '2026-09-01',
    }).expect(200);
    const rejected = await post(`/agreements/${sla}/amendments/2/rejection`, carla, {
      side: 'counterparty',
      reason: 'Too expensive',
    }).expect(200);
    expect(types(rejected)).toEqual(['AmendmentRejected']);
    await post(`/agreements/${sla}/amendments/2/acceptances`, sam, { side: 'provider' }).expect(422);

    // Termination is final.
    const terminated = await post(`/agreements/${sla}/termination`, sam, {
      lastDayInForce: '2099-12-31',
      reason: 'Payroll outsourced',
    }).expect(200);
    expect(types(terminated)).toEqual(['AgreementTerminated']);
    const closed = await post(`/agreements/${sla}/reviews`, sam, {
      reviewedOn: '2026-08-01',
      outcome: 'continue',
      findings: 'x',
    }).expect(422);
    expect(closed.body.code).toBe('agreement.closed');

    // An agreement past the end of its term expires.
    const shortLived = await activeAgreement('SLA', slaTerms(99.5, { effectiveTo: '2026-06-30' }));
    const expired = await post(`/agreements/${shortLived}/expiry`, sam, {}).expect(200);
    expect(types(expired)).toEqual(['AgreementExpired']);
    expect((await get(`/agreements/${shortLived}`).expect(200)).body.state.status).toBe('expired');
  });

  it('handles exception claims: approved by someone else before the period can close', async () => {
    const id = await activeAgreement('SLA', slaTerms(99.5));
    const period = `/agreements/${id}/periods/2026-07`;
    await post(period, sam, month('2026-07')).expect(201);
    await post(`${period}/measurements`, sam, {
      targetId: 'availability',
      value: 99.3,
      source: 'probes',
      measuredAt: '2026-07-31T23:00:00Z',
    }).expect(200);
    await post(`${period}/exception-claims`, sam, {
      targetId: 'availability',
      excludedMinutes: 120,
      basis: { kind: 'planned-maintenance', referenceId: 'sunday-night' },
      reason: 'Patching overran into the window',
      accountablePersonId: 'sam',
    }).expect(200);
    const claimId = (await readEvent(`service-level-${id}:2026-07`, 'ExceptionClaimed')).data.claimId;
    const pending = await post(`${period}/closure`, sam, {}).expect(422);
    expect(pending.body.code).toBe('service-level.exceptions-pending');
    const selfApproved = await post(`${period}/exception-claims/${claimId}/approval`, sam, {}).expect(422);
    expect(selfApproved.body.code).toBe('service-level.exception-self-approval');
    await post(`${period}/exception-claims/${claimId}/approval`, carla, { reason: 'Within the window' }).expect(200);
    await post(`${period}/exception-claims/${claimId}/rejection`, carla, { reason: 'late' }).expect(422);
    const closed = await post(`${period}/closure`, sam, {}).expect(200);
    const judged = await readEvent(`service-level-${id}:2026-07`, 'ServiceLevelTargetMet');
    expect(judged.data).toMatchObject({ targetId: 'availability', measuredValue: 99.3, excludedMinutes: 120 });
    expect(types(closed)).toContain('ServiceLevelTargetNotMeasured');
    expect(types(closed)).toContain('WorkloadNotRecorded');
  });

  it('links an underpinning contract target to the SLA target it supports, with an alignment assessment', async () => {
    const sla = await activeAgreement('SLA', slaTerms(99.5));
    const contract = await activeAgreement('UNDERPINNING_CONTRACT', contractTerms(99.9, 6), [bob, dave]);

    const linked = await post(`/agreements/${contract}/underpinned-targets`, bob, {
      supplierTargetId: 'hosting-availability',
      customerAgreementId: sla,
      customerTargetId: 'availability',
    }).expect(200);
    expect(types(linked)).toEqual(['SupplierTargetLinked', 'TargetAlignmentAssessed']);
    const assessed = await readEvent(`agreement-${contract}`, 'TargetAlignmentAssessed');
    expect(assessed.data).toMatchObject({
      supplierTargetId: 'hosting-availability',
      supplierTarget: { metric: 'availability', comparator: '>=', value: 99.9, unit: '%' },
      customerAgreementId: sla,
      customerVersion: 1,
      customerTargetId: 'availability',
      customerTarget: { metric: 'availability', comparator: '>=', value: 99.5, unit: '%' },
      outcome: 'aligned',
    });
    expect(assessed.metadata.clauses).toEqual(['8.3.4.1', '8.3.3']);
    expect(assessed.metadata.actor).toBe('bob');

    // A 6 h supplier response cannot underpin a 4 h customer response: the risk is recorded with its treatment.
    await post(`/agreements/${contract}/underpinned-targets`, bob, {
      supplierTargetId: 'hosting-response',
      customerAgreementId: sla,
      customerTargetId: 'p1-response',
      riskTreatment: 'Second-line support by our own staff from the second hour',
    }).expect(200);
    const misaligned = (await service.app.get<EventStore>(EVENT_STORE).readStream(`agreement-${contract}`)).at(-1)!;
    expect(misaligned.data).toMatchObject({
      outcome: 'misaligned',
      riskTreatment: 'Second-line support by our own staff from the second hour',
    });
    expect(misaligned.data.risk).toEqual(expect.any(String));

    // The SLA tightens availability; reassessing compares with the version now in force.
    await post(`/agreements/${sla}/amendments`, sam, {
      side: 'provider',
      terms: slaTerms(99.95),
      rationale: 'Premium',
      effectiveOn: '2026-02-01',
    }).expect(200);
    await post(`/agreements/${sla}/amendments/2/acceptances`, sam, { side: 'provider' }).expect(200);
    await post(`/agreements/${sla}/amendments/2/acceptances`, carla, { side: 'counterparty' }).expect(200);
    const reassessed = await post(`/agreements/${contract}/alignment-assessments`, bob, {
      supplierTargetId: 'hosting-availability',
      customerAgreementId: sla,
      customerTargetId: 'availability',
    }).expect(200);
    expect(types(reassessed)).toEqual(['TargetAlignmentAssessed']);
    const latest = (await service.app.get<EventStore>(EVENT_STORE).readStream(`agreement-${contract}`)).at(-1)!;
    expect(latest.data).toMatchObject({ customerVersion: 2, outcome: 'misaligned' });

    const state = (await get(`/agreements/${contract}`).expect(200)).body.state;
    expect(state.underpinning).toHaveLength(2);
    expect(state.underpinning[0]).toMatchObject({
      supplierTargetId: 'hosting-availability',
      lastAssessment: { outcome: 'misaligned', customerTarget: { value: 99.95 } },
    });

    // A contract change is assessed for impact before it is accepted (clause 8.3.4.1).
    await post(`/agreements/${contract}/amendments`, bob, {
      side: 'provider',
      terms: contractTerms(99.99, 2),
      rationale: 'Match the premium SLA',
      effectiveOn: '2026-03-01',
    }).expect(200);
    const unassessed = await post(`/agreements/${contract}/amendments/2/acceptances`, bob, { side: 'provider' }).expect(
      422,
    );
    expect(unassessed.body.code).toBe('agreement.impact-assessment-missing');
    await post(`/agreements/${contract}/amendments/2/impact-assessment`, bob, {
      impact: 'high',
      summary: 'Higher hosting fees',
      risks: ['Budget overrun'],
    }).expect(200);
    await post(`/agreements/${contract}/amendments/2/acceptances`, bob, { side: 'provider' }).expect(200);
    const amended = await post(`/agreements/${contract}/amendments/2/acceptances`, dave, {
      side: 'counterparty',
    }).expect(200);
    expect(types(amended)).toEqual(['AmendmentAccepted', 'AgreementAmended']);
  });

  it('documents every route with a summary, and the body it takes', async () => {
    const { paths } = (await request(service.http).get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { summary?: string; requestBody?: { content: object } }>>;
    };
    const ours = Object.entries(paths).filter(([path]) => /^\/(agreements|improvements)/.test(path));
    const operations = ours.flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );
    expect(operations.filter(({ method }) => method === 'post')).toHaveLength(17 + 8 + 6);
    for (const { path, method, operation } of operations) {
      expect([method, path, (operation.summary ?? '').length > 10]).toEqual([method, path, true]);
    }
    const acceptance = paths['/agreements/{agreementId}/amendments/{amendmentVersion}/acceptances']!.post!;
    expect(JSON.stringify(acceptance.requestBody)).not.toContain('"version"');
    expect(paths['/agreements/{agreementId}/periods/{periodId}']!.get!.summary).toContain('as of');
  });

  it('refuses bad input with a problem, and writes nothing', async () => {
    const drafted = await draft('SLA');
    const active = await activeAgreement('SLA', slaTerms(99.5));
    const contract = await activeAgreement('UNDERPINNING_CONTRACT', contractTerms(99.9, 2), [bob, dave]);
    await post(`/agreements/${active}/periods/2026-08`, sam, month('2026-08')).expect(201);
    const before = await eventCount();

    const expectProblem = async (response: Promise<request.Response> | request.Test, status: number, code?: string) => {
      const answer = await response;
      expect([answer.status, answer.body.code]).toEqual([status, code ?? answer.body.code]);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(answer.body.status).toBe(status);
      return answer;
    };

    // Malformed: missing fields, wrong types, unknown fields, an id that cannot be one.
    const missing = await expectProblem(post('/agreements', sam, { kind: 'SLA' }), 400, 'validation');
    expect(missing.body.errors.map((error: { path: string }) => error.path)).toEqual(
      expect.arrayContaining(['title', 'providerPartyId']),
    );
    await expectProblem(
      post('/agreements', sam, {
        kind: 'CONTRACT',
        title: 7,
        providerPartyId: 'p',
        counterpartyPartyId: 'c',
        counterpartyRole: 'customer',
      }),
      400,
      'validation',
    );
    await expectProblem(post(`/agreements/${drafted}/proposals`, sam, { side: 'provider', terms: 'the usual' }), 400);
    await expectProblem(
      post(`/agreements/${drafted}/proposals`, sam, { side: 'provider', terms: { ...slaTerms(99.5), colour: 'red' } }),
      400,
    );
    await expectProblem(post(`/agreements/${active}/activation`, sam, { effectiveOn: 'next Monday' }), 400);
    await expectProblem(
      post(`/agreements/${active}/periods/2026-08/measurements`, sam, {
        targetId: 'availability',
        value: '99.9',
        source: 'probes',
        measuredAt: '2026-08-31T00:00:00Z',
      }),
      400,
    );
    await expectProblem(post(`/agreements/${active}/periods/2026-09`, sam, { start: '2026-09-01' }), 400);
    await expectProblem(post(`/agreements/${active}/expiry`, sam, { force: true }), 400);
    await expectProblem(post('/improvements', sam, { title: 'x', description: 'y', cause: { kind: 'whim' } }), 400);
    await expectProblem(
      post(`/agreements/${active}/amendments/2/acceptances`, sam, { side: 'provider', version: 2 }),
      400,
    );
    await expectProblem(get(`/agreements/${active}/periods/2026-08?asOf=yesterday`), 400);

    // Unknown records.
    await expectProblem(
      post('/agreements/no-such-agreement/proposals', sam, { side: 'provider', terms: slaTerms(99) }),
      404,
      'agreement.not-found',
    );
    await expectProblem(
      post('/agreements/no-such-agreement/periods/2026-03', sam, month('2026-03')),
      404,
      'agreement.not-found',
    );
    await expectProblem(
      post(`/agreements/${active}/periods/2026-03/measurements`, sam, {
        targetId: 'availability',
        value: 99.9,
        source: 'probes',
        measuredAt: '2026-03-31T00:00:00Z',
      }),
      404,
      'service-level.period-not-found',
    );
    await expectProblem(get(`/agreements/${active}/periods/2026-03`), 404);
    await expectProblem(get('/agreements/no-such-agreement'), 404);
    await expectProblem(get('/improvements/no-such-improvement'), 404);
    await expectProblem(
      post('/improvements/no-such-improvement/owner', sam, { ownerId: 'sam' }),
      404,
      'improvement.not-found',
    );
    await expectProblem(
      post(`/agreements/${active}/amendments/abc/rejection`, sam, { side: 'provider', reason: 'x' }),
      404,
      'agreement.amendment-not-found',
    );
    await expectProblem(
      post(`/agreements/${active}/amendments/1/rejection`, sam, { side: 'provider', reason: 'x' }),
      404,
      'agreement.amendment-not-found',
    );
    await expectProblem(
      post(`/agreements/${active}/service-level-requirements`, sam, { slrAgreementId: 'nope' }),
      404,
      'agreement.requirements-not-found',
    );
    await expectProblem(
      post(`/agreements/${contract}/underpinned-targets`, bob, {
        supplierTargetId: 'hosting-availability',
        customerAgreementId: 'no-such-sla',
        customerTargetId: 'availability',
      }),
      404,
      'agreement.customer-agreement-not-found',
    );

    // Out of order, or refused by a rule.
    await expectProblem(
      post(`/agreements/${drafted}/activation`, sam, { effectiveOn: '2026-01-01' }),
      422,
      'agreement.not-agreed',
    );
    await expectProblem(
      post(`/agreements/${drafted}/acceptances`, sam, { side: 'provider', version: 1 }),
      422,
      'agreement.version-unknown',
    );
    await expectProblem(
      post(`/agreements/${drafted}/periods/2026-03`, sam, month('2026-03')),
      422,
      'service-level.agreement-not-in-force',
    );
    await expectProblem(
      post(`/agreements/${active}/periods/2025-12`, sam, month('2025-12')),
      422,
      'service-level.agreement-not-in-force',
    );
    await expectProblem(
      post(`/agreements/${active}/periods/2026-09`, sam, {
        start: '2026-10-01T00:00:00Z',
        end: '2026-09-01T00:00:00Z',
      }),
      422,
      'service-level.period-dates-unordered',
    );
    await expectProblem(
      post(`/agreements/${active}/periods/2026-08`, sam, month('2026-08')),
      409,
      'service-level.period-already-open',
    );
    await expectProblem(
      post(`/agreements/${active}/periods/2026-08/measurements`, sam, {
        targetId: 'uptime',
        value: 99.9,
        source: 'probes',
        measuredAt: '2026-08-31T00:00:00Z',
      }),
      422,
      'service-level.target-unknown',
    );
    await expectProblem(post(`/agreements/${active}/expiry`, sam, {}), 422, 'agreement.not-yet-expired');
    await expectProblem(
      post(`/agreements/${active}/amendments`, sam, {
        side: 'provider',
        terms: slaTerms(99.5),
        rationale: 'x',
        effectiveOn: '2025-06-01',
      }),
      422,
      'agreement.amendment-effective-too-early',
    );
    await expectProblem(
      post(`/agreements/${contract}/underpinned-targets`, bob, {
        supplierTargetId: 'hosting-availability',
        customerAgreementId: active,
        customerTargetId: 'no-such-target',
      }),
      422,
      'agreement.customer-target-unknown',
    );
    await expectProblem(
      post(`/agreements/${contract}/underpinned-targets`, bob, {
        supplierTargetId: 'hosting-availability',
        customerAgreementId: drafted,
        customerTargetId: 'availability',
      }),
      422,
      'agreement.customer-agreement-not-in-force',
    );
    await expectProblem(
      post(`/agreements/${contract}/underpinned-targets`, bob, {
        supplierTargetId: 'hosting-availability',
        customerAgreementId: contract,
        customerTargetId: 'hosting-availability',
      }),
      422,
      'agreement.customer-agreement-not-an-sla',
    );
    await expectProblem(
      post(`/agreements/${active}/underpinned-targets`, sam, {
        supplierTargetId: 'availability',
        customerAgreementId: active,
        customerTargetId: 'availability',
      }),
      422,
      'agreement.not-a-supplier-agreement',
    );
    await expectProblem(
      post('/improvements', sam, { title: 'x', description: 'y' }).then(async (raised) => {
        expect(raised.status).toBe(201);
        return post(`${raised.headers.location}/closure`, sam, { summary: 'done', evidence: [] });
      }),
      422,
      'improvement.evidence-missing',
    );

    // The auditor reads but never commands.
    await expectProblem(
      post(`/agreements/${active}/reviews`, auditor, { reviewedOn: '2026-07-01', outcome: 'continue', findings: 'x' }),
      403,
    );

    // Only the improvement raised above to reach its closure was written.
    expect(await eventCount()).toBe(before + 1);
  });

  it('lets one of two concurrent amendments on the same version through, and answers the other 409', async () => {
    const id = await activeAgreement('SLA', slaTerms(99.5));
    const { headers } = await get(`/agreements/${id}`).expect(200);
    const amend = (availability: number) =>
      post(`/agreements/${id}/amendments`, sam, {
        side: 'provider',
        terms: slaTerms(availability),
        rationale: `Availability ${availability}`,
        effectiveOn: '2026-07-01',
      }).set('If-Match', headers.etag);
    const answers = await Promise.all([amend(99.7), amend(99.9)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const conflict = answers.find((answer) => answer.status === 409)!;
    expect(conflict.body).toMatchObject({
      code: 'version-conflict',
      currentVersion: Number(JSON.parse(headers.etag)) + 1,
    });
  });
});
