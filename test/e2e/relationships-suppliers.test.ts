import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { contractTerms } from '../../libs/domain/src/agreements/fixtures.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** Polls until `check` passes: reactions run after the command, from the log. */
async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const criteria = [
  { criterionId: 'security', description: 'ISO 27001 certified data centre', weight: 3 },
  { criterionId: 'price', description: 'Cost over three years', weight: 1 },
];

describe('a supplier from selection through contract and review to a dispute closed', () => {
  let service: TestApp;
  let bob: { Authorization: string };
  const eventCount = async () =>
    Number((await service.database.pool.query('SELECT count(*) FROM events')).rows[0].count);
  const post = (path: string, body: object) => request(service.http).post(path).set(bob).send(body);
  const read = async (path: string) => (await request(service.http).get(path).set(bob).expect(200)).body;

  beforeAll(async () => {
    service = await startTestApp();
    bob = await service.as('supplier-manager', 'bob');
  });
  afterAll(() => service.close());

  /** A party registered as an external supplier; answers its id. */
  async function supplierParty(name: string): Promise<string> {
    const registered = await post('/parties', {
      name,
      roles: ['external-supplier'],
      rolesFrom: '2026-01-01',
    }).expect(201);
    return (registered.headers.location as string).split('/').pop()!;
  }

  it('registers the supplier party, its designated owner and how the two sides communicate', async () => {
    const partyId = await supplierParty('Hoster plc');
    const party = `/parties/${partyId}`;
    const owner = (personId: string, from: string) => ({
      responsibility: 'supplier-relationship',
      responsible: { personId, name: `Name of ${personId}`, email: `${personId}@provider.example` },
      from,
    });
    await post(`${party}/designations`, owner('person-bob', '2026-01-01')).expect(200);
    await post(`${party}/designations`, owner('person-dora', '2026-06-01')).expect(200);
    const earlier = await post(`${party}/designations`, owner('person-eve', '2026-05-01')).expect(422);
    expect(earlier.body.code).toBe('party.designation-before-current');

    const participants = [
      { personId: 'person-bob', name: 'Bob', side: 'provider' },
      { personId: 'person-dave', name: 'Dave', side: 'party' },
    ];
    await post(`${party}/communication-arrangements`, {
      purpose: 'Service review',
      channel: 'meeting',
      frequency: 'monthly',
      participants,
    }).expect(200);
    const [arrangement] = (await read(party)).state.arrangements;
    const arrangementUrl = `${party}/communication-arrangements/${arrangement.arrangementId}`;
    await post(`${arrangementUrl}/changes`, {
      channel: 'video-call',
      frequency: 'monthly',
      participants,
      reason: 'Supplier moved offices',
    }).expect(200);
    await post(`${party}/communications`, {
      arrangementId: arrangement.arrangementId,
      heldOn: '2026-07-01',
      channel: 'video-call',
      participants,
      summary: 'Agreed the patching calendar',
    }).expect(200);
    await post(`${arrangementUrl}/ending`, { reason: 'Replaced by the quarterly review' }).expect(200);
    await post(`${party}/roles`, { role: 'interested-party', from: '2026-02-01' }).expect(200);
    await post(`${party}/role-removals`, { role: 'interested-party', until: '2026-03-01', reason: 'x' }).expect(200);

    const state = (await read(party)).state;
    expect(state.designations).toEqual([
      { responsibility: 'supplier-relationship', personId: 'person-bob', from: '2026-01-01', replacedOn: '2026-06-01' },
      { responsibility: 'supplier-relationship', personId: 'person-dora', from: '2026-06-01', replacedOn: null },
    ]);
    expect(state.arrangements).toEqual([expect.objectContaining({ ended: true })]);
    expect(state.communicationIds).toHaveLength(1);
    const { rows } = await service.database.pool.query(
      `SELECT event_type, metadata FROM events WHERE stream_id = $1 ORDER BY stream_version`,
      [`party-${partyId}`],
    );
    expect(rows.slice(0, 3).map((row) => [row.event_type, row.metadata.clauses])).toEqual([
      ['PartyRegistered', ['8.3.2']],
      ['PartyRoleAdded', ['8.3.4.1']],
      ['ResponsiblePersonDesignated', ['8.3.4.1']],
    ]);
  });

  it('evaluates, selects, contracts, reviews and settles a dispute with the supplier', async () => {
    const partyId = await supplierParty('Datacentre GmbH');
    const supplier = `/suppliers/${partyId}`;

    // Selection on weighted criteria.
    const started = await post(supplier, {
      supplierKind: 'external',
      scope: 'Hosting of the payroll platform',
      criteria,
      scale: { min: 0, max: 10 },
    }).expect(201);
    expect(started.body.streamId).toBe(`supplier-${partyId}`);
    await post(`${supplier}/evaluations`, {
      evaluatorId: 'person-bob',
      scores: [
        { criterionId: 'security', score: 9, rationale: 'Certified, audited yearly' },
        { criterionId: 'price', score: 5 },
      ],
    }).expect(200);
    const [evaluationId] = (await read(supplier)).state.evaluationIds;
    const { rows: evaluated } = await service.database.pool.query(
      `SELECT data, metadata FROM events WHERE stream_id = $1 AND event_type = 'SupplierEvaluated'`,
      [`supplier-${partyId}`],
    );
    expect(evaluated[0].data.weightedScore).toBe(8); // (9×3 + 5×1) / 4
    expect(evaluated[0].metadata.clauses).toEqual(['8.3.4.1']);
    await post(`${supplier}/selection`, { evaluationId, reason: 'Best on security' }).expect(200);

    // Interfaces and risks.
    await post(`${supplier}/interfaces`, {
      providerProcess: 'Incident management',
      supplierProcess: 'Hosting operations',
      description: 'P1 incidents are raised by phone and ticket',
    }).expect(200);
    await post(`${supplier}/risks`, {
      description: 'Single data centre',
      likelihood: 2,
      impact: 5,
      ownerId: 'person-bob',
    }).expect(200);
    const selected = (await read(supplier)).state;
    expect(selected.status).toBe('selected');
    const [{ riskId }] = selected.risks;
    const [{ interfaceId }] = selected.interfaces;
    await post(`${supplier}/risks/${riskId}/treatments`, { treatment: 'Second site contracted' }).expect(200);
    await post(`${supplier}/risks/${riskId}/closure`, { reason: 'Failover tested' }).expect(200);
    await post(`${supplier}/interfaces/${interfaceId}/retirement`, { reason: 'Phone line replaced' }).expect(200);
    expect((await read(supplier)).state.risks).toEqual([{ riskId, closed: true }]);

    // Under contract: an underpinning contract with the supplier, agreed and in force.
    const drafted = await post('/agreements', {
      kind: 'UNDERPINNING_CONTRACT',
      title: 'Hosting contract',
      providerPartyId: 'party-provider',
      counterpartyPartyId: partyId,
      counterpartyRole: 'external-supplier',
    }).expect(201);
    const agreement = drafted.headers.location as string;
    const agreementId = agreement.split('/').pop()!;
    await post(`${agreement}/proposals`, { side: 'provider', terms: contractTerms() }).expect(200);
    await post(`${agreement}/acceptances`, { side: 'provider', version: 1 }).expect(200);
    // The supplier's acceptance is recorded by another person than the provider's.
    await request(service.http)
      .post(`${agreement}/acceptances`)
      .set(await service.as('supplier-manager', 'dave'))
      .send({ side: 'counterparty', version: 1 })
      .expect(200);
    await post(`${agreement}/activation`, { effectiveOn: '2026-02-01' }).expect(200);

    // A contract review held; the next one is scheduled an interval on by the reaction.
    const scheduled = await post('/reviews', {
      subject: { kind: 'contract', id: agreementId },
      dueOn: '2026-08-01',
      interval: 'P6M',
    }).expect(201);
    const review = scheduled.headers.location as string;
    await post(`${review}/rescheduling`, { dueOn: '2026-08-15', reason: 'Supplier on holiday' }).expect(200);
    const held = await post(`${review}/outcome`, {
      heldOn: '2026-08-14',
      attendees: [
        { personId: 'person-bob', name: 'Bob' },
        { personId: 'person-dave', name: 'Dave' },
      ],
      performanceTrends: [{ indicator: 'availability', trend: 'stable', note: '99.95 % each month' }],
      workload: 'Tickets well under the agreed limit',
      findings: ['Patch reports arrive late'],
      decisions: ['Monthly patch report by the 5th'],
    }).expect(200);
    expect(held.body.events.map((event: { type: string }) => event.type)).toEqual([
      'ReviewHeld',
      'NextReviewScheduled',
    ]);
    await post(`${review}/actions`, {
      description: 'Send the patch report template',
      ownerId: 'person-dave',
      dueOn: '2026-09-01',
    }).expect(200);
    const [action] = (await read(review)).state.actions;
    await post(`${review}/actions/${action.actionId}/completion`, { outcome: 'Template sent' }).expect(200);
    const reviewed = (await read(review)).state;
    expect(reviewed.status).toBe('held');
    expect(reviewed.actions).toEqual([expect.objectContaining({ actionId: action.actionId, completed: true })]);

    const { rows: next } = await service.database.pool.query(
      `SELECT data, metadata FROM events WHERE stream_id = $1 AND event_type = 'NextReviewScheduled'`,
      [`review-${review.split('/').pop()}`],
    );
    expect(next[0].metadata.clauses).toEqual(['8.3.4.1']);
    const { nextReviewId, dueOn } = next[0].data;
    expect(dueOn).toBe('2027-02-15'); // one interval after the rescheduled date
    const nextReview = await eventually(() => read(`/reviews/${nextReviewId}`));
    expect(nextReview.state).toMatchObject({
      status: 'scheduled',
      plan: { subject: { kind: 'contract', id: agreementId }, dueOn: '2027-02-15', interval: 'P6M' },
    });
    const { rows: nextScheduled } = await service.database.pool.query(
      `SELECT data, metadata FROM events WHERE stream_id = $1`,
      [`review-${nextReviewId}`],
    );
    expect(nextScheduled).toHaveLength(1);
    expect(nextScheduled[0].data.previousReviewId).toBe(review.split('/').pop());
    expect(nextScheduled[0].metadata.causationId).toBe(held.body.events[1].eventId);

    // A dispute about a charge under the contract, managed to closure.
    const raised = await post('/disputes', {
      partyId,
      raisedBy: 'provider',
      subject: { kind: 'charge', agreementId, chargeId: 'invoice-2026-09' },
      claim: 'September was invoiced twice',
      amount: { value: '1250.00', currency: 'EUR' },
    }).expect(201);
    const dispute = raised.headers.location as string;
    const invoice = Buffer.from('Invoice 2026-09, EUR 1250.00, issued twice');
    const sha256 = createHash('sha256').update(invoice).digest('hex');
    await post(`${dispute}/evidence`, {
      description: 'The duplicate invoice',
      reference: 'dms://finance/invoices/2026-09-b.pdf',
      sha256: sha256.toUpperCase(),
      submittedBy: 'provider',
    }).expect(200);
    const again = await post(`${dispute}/evidence`, {
      description: 'The same document again',
      reference: 'dms://finance/copy.pdf',
      sha256,
      submittedBy: 'provider',
    }).expect(422);
    expect(again.body.code).toBe('dispute.evidence-already-attached');
    await post(`${dispute}/escalations`, {
      level: 1,
      escalatedTo: 'person-dora',
      reason: 'No answer in a week',
    }).expect(200);
    await post(`${dispute}/proposals`, { proposedBy: 'party', terms: 'Credit half of the invoice' }).expect(200);
    const firstProposal = (await read(dispute)).state.proposals[0].proposalId;
    await post(`${dispute}/proposals/${firstProposal}/rejection`, {
      rejectedBy: 'provider',
      reason: 'The whole invoice was duplicated',
    }).expect(200);
    await post(`${dispute}/proposals`, {
      proposedBy: 'provider',
      terms: 'Credit the duplicate invoice in full',
      amount: { value: '1250.00', currency: 'EUR' },
    }).expect(200);
    const secondProposal = (await read(dispute)).state.proposals[1].proposalId;
    const own = await post(`${dispute}/proposals/${secondProposal}/acceptance`, { acceptedBy: 'provider' }).expect(422);
    expect(own.body.code).toBe('dispute.own-proposal');
    await post(`${dispute}/proposals/${secondProposal}/acceptance`, { acceptedBy: 'party' }).expect(200);
    await post(`${dispute}/resolution`, { resolution: 'Credit note CN-77 issued' }).expect(200);
    await post(`${dispute}/closure`, {}).expect(200);

    const closed = await read(dispute);
    expect(closed.state).toMatchObject({ status: 'closed', escalationLevel: 1, evidenceDigests: [sha256] });
    expect(closed.version).toBe(8); // nine events, versions 0 to 8
    const { rows: disputeEvents } = await service.database.pool.query(
      `SELECT event_type, metadata FROM events WHERE stream_id = $1 ORDER BY stream_version`,
      [closed.streamId],
    );
    expect(disputeEvents.map((row) => row.event_type)).toEqual([
      'DisputeRaised',
      'DisputeEvidenceAttached',
      'DisputeEscalated',
      'DisputeResolutionProposed',
      'DisputeResolutionRejected',
      'DisputeResolutionProposed',
      'DisputeResolutionAccepted',
      'DisputeResolved',
      'DisputeClosed',
    ]);
    expect(new Set(disputeEvents.map((row) => row.metadata.actor))).toEqual(new Set(['bob']));
    expect(new Set(disputeEvents.flatMap((row) => row.metadata.clauses))).toEqual(new Set(['8.3.4.1']));
  });

  it('refuses bad input with a problem and writes nothing', async () => {
    const customer = await post('/parties', { name: 'Acme', roles: ['customer'], rolesFrom: '2026-01-01' }).expect(201);
    const customerId = (customer.headers.location as string).split('/').pop()!;
    const partyId = await supplierParty('Evaluating Ltd');
    const supplier = `/suppliers/${partyId}`;
    const selection = { supplierKind: 'external', scope: 'Backups', criteria, scale: { min: 0, max: 10 } };
    await post(supplier, selection).expect(201);
    const raised = await post('/disputes', {
      partyId,
      raisedBy: 'party',
      subject: { kind: 'agreement', agreementId: 'contract-1' },
      claim: 'Late payment',
    }).expect(201);
    const dispute = raised.headers.location as string;
    const before = await eventCount();

    const problems = [
      // 404: unknown records, in the URL or referenced by the body
      [await post('/suppliers/no-such-party', selection), 404, 'supplier.party-not-found'],
      [await post('/suppliers/no-such-party/rejection', { reason: 'x' }), 404, 'supplier.not-found'],
      [await post(`${supplier}/selection`, { evaluationId: 'nope', reason: 'x' }), 422, 'supplier.not-evaluated'],
      [await post(`${supplier}/risks/no-such-risk/closure`, { reason: 'x' }), 404, 'supplier.risk-not-found'],
      [
        await post('/disputes', {
          partyId: 'no-such-party',
          raisedBy: 'party',
          subject: { kind: 'invoice' },
          claim: 'x',
        }),
        400,
        'validation',
      ],
      [
        await post('/disputes', {
          partyId: 'no-such-party',
          raisedBy: 'party',
          subject: { kind: 'agreement', agreementId: 'contract-1' },
          claim: 'x',
        }),
        404,
        'dispute.party-not-found',
      ],
      [
        await post('/reviews', {
          subject: { kind: 'supplier', id: 'no-such-party' },
          dueOn: '2027-01-01',
          interval: 'P3M',
        }),
        404,
        'review.party-not-found',
      ],
      // 422: rules of the domain
      [await post(`/suppliers/${customerId}`, selection), 422, 'supplier.party-not-a-supplier'],
      [await post(supplier, selection), 409, 'supplier.already-exists'],
      [
        await post(`${supplier}/evaluations`, { evaluatorId: 'bob', scores: [{ criterionId: 'price', score: 5 }] }),
        422,
        'supplier.criteria-not-scored',
      ],
      [
        await post(`${supplier}/interfaces`, { providerProcess: 'a', supplierProcess: 'b', description: 'c' }),
        422,
        'supplier.not-selected',
      ],
      [await post(`${dispute}/resolution`, { resolution: 'x' }), 422, 'dispute.no-accepted-proposal'],
      [await post(`${dispute}/closure`, {}), 422, 'dispute.not-resolved-or-withdrawn'],
      [await post(`${dispute}/withdrawal`, { withdrawnBy: 'provider', reason: 'x' }), 422, 'dispute.not-raising-side'],
      [await post(`${dispute}/proposals/nope/acceptance`, { acceptedBy: 'party' }), 404, 'dispute.proposal-not-found'],
      // 400: malformed
      [
        await post(`${dispute}/evidence`, { description: 'x', reference: 'y', sha256: 'abc', submittedBy: 'party' }),
        400,
        'validation',
      ],
      [await post(`${dispute}/escalations`, { level: 0, escalatedTo: 'x', reason: 'y' }), 400, 'validation'],
      [await post(`${dispute}/closure`, { reason: 'x' }), 400, 'validation'],
      [
        await post(`${supplier}/risks`, { description: 'x', likelihood: 6, impact: 1, ownerId: 'y' }),
        400,
        'validation',
      ],
      [
        await post('/parties', { name: 'x', roles: ['customer', 'customer'], rolesFrom: '2026-01-01' }),
        400,
        'validation',
      ],
      [await post('/parties/bad%20id/roles', { role: 'customer', from: '2026-01-01' }), 400, 'validation'],
    ] as const;
    for (const [index, [response, status, code]] of problems.entries()) {
      expect([index, response.status, response.body.code]).toEqual([index, status, code]);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect(await eventCount()).toBe(before);
  });
});
