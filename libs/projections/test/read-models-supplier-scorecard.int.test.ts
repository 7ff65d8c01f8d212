import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  supplierScorecardFigures,
  supplierScorecardProjection as projection,
} from '../src/read-models/supplier-scorecard/index.js';
import { projectionHarness, type ProjectionHarness } from './read-models-harness.js';

const at = '2026-01-10T09:00:00.000Z';
const by = 'bob';
const supplierKind = 'external';
const level = { metric: 'availability', comparator: '>=', value: 99.9, unit: '%' };
const target = (targetId: string) => ({
  ...level,
  targetId,
  name: targetId,
  measurementPeriod: 'P1M',
  method: 'probes',
});

describe('the supplier scorecard read model', () => {
  let harness: ProjectionHarness;
  const figures = async (supplierId: string, periods = 6) =>
    (
      await supplierScorecardFigures(
        (sql, params) => harness.pool.query(sql, params).then((result) => result.rows),
        [supplierId],
        periods,
      )
    ).get(supplierId)!;

  /** A period of the agreement with two targets, judged met/breached as given. */
  async function period(agreementId: string, periodId: string, outcomes: ('met' | 'breached' | 'not-measured')[]) {
    const stream = `service-level-${agreementId}:${periodId}`;
    const start = `${periodId}-01T00:00:00.000Z`;
    await harness.append(stream, 'ServiceLevelPeriodOpened', {
      agreementId,
      periodId,
      start,
      end: start,
      agreementKind: 'UNDERPINNING_CONTRACT',
      agreementVersion: 1,
      targets: outcomes.map((_, i) => target(`t${i}`)),
      workloadLimits: [],
      serviceCredits: [],
      exceptions: { plannedMaintenanceWindows: [], excludedCauses: [] },
      at,
      by,
    });
    for (const [i, outcome] of outcomes.entries()) {
      const judged = { agreementId, periodId, agreementVersion: 1, targetId: `t${i}`, target: level, at, by };
      const measured = { measurementId: 'm', measuredValue: 99, excludedMinutes: 0, judgedValue: 99 };
      if (outcome === 'met') await harness.append(stream, 'ServiceLevelTargetMet', { ...judged, ...measured });
      if (outcome === 'breached')
        await harness.append(stream, 'ServiceLevelTargetBreached', { ...judged, ...measured, serviceCreditPercent: 0 });
      if (outcome === 'not-measured') await harness.append(stream, 'ServiceLevelTargetNotMeasured', judged);
    }
  }

  beforeAll(async () => {
    harness = await projectionHarness('rm_suppliers');
    const supplier = 'supplier-hoster';
    await harness.append('party-hoster', 'PartyRoleAdded', {
      partyId: supplier,
      role: 'external-supplier',
      from: '2026-01-01',
      at,
      by,
    });
    await harness.append(`supplier-${supplier}`, 'SupplierSelectionStarted', {
      supplierId: supplier,
      supplierKind,
      scope: 'Hosting',
      criteria: [{ criterionId: 'price', description: 'price', weight: 1 }],
      scale: { min: 1, max: 5 },
      at,
      by,
    });
    for (const [evaluationId, weightedScore] of [
      ['e-1', 3.5],
      ['e-2', 4.25],
    ] as const) {
      await harness.append(`supplier-${supplier}`, 'SupplierEvaluated', {
        supplierId: supplier,
        supplierKind,
        evaluationId,
        evaluatorId: 'eve',
        scores: [{ criterionId: 'price', score: weightedScore }],
        weightedScore,
        at,
        by,
      });
    }
    await harness.append(`supplier-${supplier}`, 'SupplierSelected', {
      supplierId: supplier,
      supplierKind,
      evaluationId: 'e-2',
      reason: 'best',
      at,
      by,
    });
    for (const riskId of ['r-1', 'r-2']) {
      await harness.append(`supplier-${supplier}`, 'SupplierRiskIdentified', {
        supplierId: supplier,
        supplierKind,
        riskId,
        description: 'single data centre',
        likelihood: riskId === 'r-1' ? 2 : 4,
        impact: 5,
        ownerId: 'olga',
        at,
        by,
      });
    }
    await harness.append(`supplier-${supplier}`, 'SupplierRiskClosed', {
      supplierId: supplier,
      supplierKind,
      riskId: 'r-2',
      reason: 'second site',
      at,
      by,
    });

    // The contract with the supplier, and a customer SLA whose periods are not the supplier's.
    await harness.append('agreement-uc-1', 'AgreementDrafted', {
      agreementId: 'uc-1',
      kind: 'UNDERPINNING_CONTRACT',
      title: 'Hosting contract',
      providerPartyId: 'provider',
      counterpartyPartyId: supplier,
      counterpartyRole: 'external-supplier',
      at,
      by,
    });
    await harness.append('agreement-sla-1', 'AgreementDrafted', {
      agreementId: 'sla-1',
      kind: 'SLA',
      title: 'Payroll SLA',
      providerPartyId: 'provider',
      counterpartyPartyId: 'acme',
      counterpartyRole: 'customer',
      at,
      by,
    });
    await harness.append('agreement-uc-1', 'TermsProposed', {
      agreementId: 'uc-1',
      version: 1,
      side: 'provider',
      terms: {},
      at,
      by,
    });
    await harness.append('agreement-uc-1', 'AgreementAgreed', { agreementId: 'uc-1', version: 1, terms: {}, at, by });
    await harness.append('agreement-uc-1', 'AgreementActivated', {
      agreementId: 'uc-1',
      version: 1,
      effectiveOn: '2026-01-01',
      nextReviewDue: '2026-07-01',
      at,
      by,
    });
    for (const supplierTargetId of ['t0', 't1']) {
      await harness.append('agreement-uc-1', 'SupplierTargetLinked', {
        agreementId: 'uc-1',
        supplierTargetId,
        customerAgreementId: 'sla-1',
        customerTargetId: 'availability',
        at,
        by,
      });
    }
    await harness.append('agreement-uc-1', 'TargetAlignmentAssessed', {
      agreementId: 'uc-1',
      supplierVersion: 1,
      supplierTargetId: 't0',
      supplierTarget: level,
      customerAgreementId: 'sla-1',
      customerVersion: 2,
      customerTargetId: 'availability',
      customerTarget: { ...level, value: 99.95 },
      outcome: 'misaligned',
      explanation: 'weaker than the SLA',
      risk: 'SLA breach',
      at,
      by,
    });

    await period('uc-1', '2026-01', ['met', 'breached']);
    await period('uc-1', '2026-02', ['met', 'met']);
    await period('uc-1', '2026-03', ['breached', 'not-measured']);
    await period('sla-1', '2026-03', ['breached', 'breached']);

    await harness.append('dispute-d-1', 'DisputeRaised', {
      disputeId: 'd-1',
      partyId: supplier,
      raisedBy: 'provider',
      subject: { kind: 'measurement', agreementId: 'uc-1', measurementId: 'm' },
      claim: 'wrong value',
      at,
      by,
    });
    await harness.append('dispute-d-2', 'DisputeRaised', {
      disputeId: 'd-2',
      partyId: supplier,
      raisedBy: 'party',
      subject: { kind: 'agreement', agreementId: 'uc-1' },
      claim: 'scope',
      at,
      by,
    });
    await harness.append('dispute-d-2', 'DisputeWithdrawn', {
      disputeId: 'd-2',
      withdrawnBy: 'party',
      reason: 'agreed',
      at,
      by,
    });

    const subject = { kind: 'supplier', id: supplier };
    await harness.append('review-rv-1', 'ReviewScheduled', {
      reviewId: 'rv-1',
      subject,
      dueOn: '2026-02-01',
      interval: 'P3M',
      at,
      by,
    });
    await harness.append('review-rv-1', 'ReviewHeld', {
      reviewId: 'rv-1',
      subject,
      heldOn: '2026-02-03',
      attendees: [{ personId: 'bob', name: 'Bob' }],
      performanceTrends: [],
      workload: 'as agreed',
      findings: [],
      decisions: [],
      at,
      by,
    });
    await harness.append('review-rv-2', 'ReviewScheduled', {
      reviewId: 'rv-2',
      subject,
      dueOn: '2026-05-03',
      interval: 'P3M',
      previousReviewId: 'rv-1',
      at,
      by,
    });
    await harness.project(projection);
  });
  afterAll(() => harness.close());

  it('keeps the supplier with its latest evaluation and its contract, not the customer SLA', async () => {
    expect(await harness.rows('SELECT * FROM supplier_scorecards')).toEqual([
      expect.objectContaining({
        supplier_id: 'supplier-hoster',
        supplier_kind: 'external',
        selection_status: 'selected',
        latest_evaluation_id: 'e-2',
        latest_evaluation_score: 4.25,
      }),
    ]);
    expect(
      await harness.rows(
        'SELECT agreement_id, status, version_in_force, next_review_due::text FROM supplier_contracts',
      ),
    ).toEqual([{ agreement_id: 'uc-1', status: 'active', version_in_force: 1, next_review_due: '2026-07-01' }]);
    expect(await harness.rows(`SELECT * FROM supplier_target_results WHERE agreement_id = 'sla-1'`)).toEqual([]);
  });

  it('computes compliance over the last periods, breaches, disputes, risks, alignment and reviews', async () => {
    expect(await figures('supplier-hoster')).toEqual({
      contracts: { total: 1, active: 1 },
      compliance: { periods: 3, judged: 5, met: 3, breached: 2, notMeasured: 1, rate: 0.6 },
      breachesTotal: 2,
      disputes: { open: 1, awaitingClosure: 1 },
      risks: { open: 1, highestOpenRating: 10 },
      alignment: { aligned: 0, misaligned: 1, notComparable: 0, notAssessed: 1 },
      reviews: { lastHeldOn: '2026-02-03', nextDueOn: '2026-05-03' },
    });
    const lastTwo = await figures('supplier-hoster', 2);
    expect(lastTwo.compliance).toEqual({ periods: 2, judged: 3, met: 2, breached: 1, notMeasured: 1, rate: 0.6667 });
    expect(lastTwo.breachesTotal).toBe(2);
  });

  it('gives the same rows when rebuilt from the log', async () => {
    expect(await harness.rebuildDiffers(projection)).toEqual([]);
  });
});
