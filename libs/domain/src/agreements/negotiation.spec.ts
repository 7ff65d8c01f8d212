import { describe, expect, it } from '@jest/globals';
import { specFor } from '../../test/decider-spec.js';
import { agreementDecider } from './decider.js';
import { ALICE, BOB, CAROL, DAVE, agreedHistory, at, contractTerms, drafted, historyOf, slaTerms } from './fixtures.js';
import { termsInForceOn } from './terms-in-force.js';

const spec = specFor(agreementDecider);
const id = 'sla-payroll';
const draft = historyOf(drafted(id));
const proposedByProvider = historyOf(drafted(id), {
  type: 'ProposeTerms',
  agreementId: id,
  side: 'provider',
  terms: slaTerms(),
  at: at('2025-12-02'),
  by: ALICE,
});
const counterTerms = slaTerms({ workloadLimits: [] });
const counterProposed = [
  ...proposedByProvider,
  {
    type: 'TermsCounterProposed' as const,
    data: {
      agreementId: id,
      version: 2,
      inResponseTo: 1,
      side: 'counterparty' as const,
      terms: counterTerms,
      reason: 'We cannot commit to a workload limit',
      at: at('2025-12-03'),
      by: CAROL,
    },
  },
];

describe('drafting', () => {
  it('drafts an agreement between the provider and a counterparty', () => {
    spec
      .given()
      .when(drafted(id))
      .then({
        type: 'AgreementDrafted',
        data: {
          agreementId: id,
          kind: 'SLA',
          title: `SLA ${id}`,
          providerPartyId: 'party-provider',
          counterpartyPartyId: 'party-acme',
          counterpartyRole: 'customer',
          at: at('2025-12-01'),
          by: ALICE,
        },
      });
  });

  it('refuses to draft an agreement that already exists', () => {
    spec
      .given(...draft)
      .when(drafted(id))
      .thenRefuses('already-exists', 'agreement.already-exists');
  });

  it('refuses any other command on an agreement that does not exist', () => {
    spec
      .given()
      .when({
        type: 'ProposeTerms',
        agreementId: id,
        side: 'provider',
        terms: slaTerms(),
        at: at('2025-12-02'),
        by: ALICE,
      })
      .thenRefuses('not-found', 'agreement.not-found');
  });
});

describe('negotiation', () => {
  it('records a proposal as version 1 of the terms, with who, which side, when and why', () => {
    spec
      .given(...draft)
      .when({
        type: 'ProposeTerms',
        agreementId: id,
        side: 'provider',
        terms: slaTerms(),
        reason: 'Our standard payroll offer',
        at: at('2025-12-02'),
        by: ALICE,
      })
      .then({
        type: 'TermsProposed',
        data: {
          agreementId: id,
          version: 1,
          side: 'provider',
          terms: slaTerms(),
          reason: 'Our standard payroll offer',
          at: at('2025-12-02'),
          by: ALICE,
        },
      });
  });

  it('records a counter-proposal of the other side as a new version that supersedes the proposal', () => {
    spec
      .given(...proposedByProvider)
      .when({
        type: 'CounterProposeTerms',
        agreementId: id,
        side: 'counterparty',
        inResponseTo: 1,
        terms: counterTerms,
        reason: 'We cannot commit to a workload limit',
        at: at('2025-12-03'),
        by: CAROL,
      })
      .then(counterProposed[counterProposed.length - 1]);
    spec.given(...counterProposed).thenState((state) => {
      expect(state.status === 'negotiating' && state.versions[1].status).toBe('superseded');
      expect(state.status === 'negotiating' && state.openProposal).toBe(2);
    });
  });

  it('lives a full SLA life: draft, proposal, counter-proposal, acceptance by both sides, activation', () => {
    const life = historyOf(
      drafted(id),
      { type: 'ProposeTerms', agreementId: id, side: 'provider', terms: slaTerms(), at: at('2025-12-02'), by: ALICE },
      {
        type: 'CounterProposeTerms',
        agreementId: id,
        side: 'counterparty',
        inResponseTo: 1,
        terms: counterTerms,
        reason: 'We cannot commit to a workload limit',
        at: at('2025-12-03'),
        by: CAROL,
      },
      { type: 'AcceptTerms', agreementId: id, side: 'counterparty', version: 2, at: at('2025-12-04'), by: CAROL },
      { type: 'AcceptTerms', agreementId: id, side: 'provider', version: 2, at: at('2025-12-05'), by: ALICE },
      { type: 'ActivateAgreement', agreementId: id, effectiveOn: '2026-01-01', at: at('2025-12-20'), by: ALICE },
    );
    expect(life.map((event) => event.type)).toEqual([
      'AgreementDrafted',
      'TermsProposed',
      'TermsCounterProposed',
      'TermsAccepted',
      'TermsAccepted',
      'AgreementAgreed',
      'AgreementActivated',
    ]);
    expect(life[5].data).toEqual({ agreementId: id, version: 2, terms: counterTerms, at: at('2025-12-05'), by: ALICE });
    expect(life[6].data).toEqual({
      agreementId: id,
      version: 2,
      effectiveOn: '2026-01-01',
      nextReviewDue: '2026-07-01',
      at: at('2025-12-20'),
      by: ALICE,
    });
    spec.given(...life).thenState((state) => {
      expect(state.status).toBe('active');
      expect(termsInForceOn(state, '2026-02-01')?.version).toBe(2);
    });
  });

  it('agrees a version only when both sides accepted that same version', () => {
    const providerAcceptedV1ThenCountered = historyOf(
      drafted(id),
      { type: 'ProposeTerms', agreementId: id, side: 'provider', terms: slaTerms(), at: at('2025-12-02'), by: ALICE },
      { type: 'AcceptTerms', agreementId: id, side: 'provider', version: 1, at: at('2025-12-02'), by: ALICE },
      {
        type: 'CounterProposeTerms',
        agreementId: id,
        side: 'counterparty',
        inResponseTo: 1,
        terms: counterTerms,
        reason: 'No workload limit',
        at: at('2025-12-03'),
        by: CAROL,
      },
    );
    // The counterparty accepting its own version 2 does not agree it: the provider accepted version 1 only.
    spec
      .given(...providerAcceptedV1ThenCountered)
      .when({ type: 'AcceptTerms', agreementId: id, side: 'counterparty', version: 2, at: at('2025-12-04'), by: CAROL })
      .then({
        type: 'TermsAccepted',
        data: { agreementId: id, version: 2, side: 'counterparty', reason: undefined, at: at('2025-12-04'), by: CAROL },
      });
  });

  it('refuses the acceptance of a superseded version', () => {
    spec
      .given(...counterProposed)
      .when({ type: 'AcceptTerms', agreementId: id, side: 'counterparty', version: 1, at: at('2025-12-04'), by: CAROL })
      .thenRefuses('rule-violated', 'agreement.version-superseded');
  });

  it('refuses the acceptance of a version that was never proposed', () => {
    spec
      .given(...proposedByProvider)
      .when({ type: 'AcceptTerms', agreementId: id, side: 'counterparty', version: 7, at: at('2025-12-04'), by: CAROL })
      .thenRefuses('rule-violated', 'agreement.version-unknown');
  });

  it('refuses a proposer recording its own proposal as the other side’s acceptance', () => {
    spec
      .given(...proposedByProvider)
      .when({ type: 'AcceptTerms', agreementId: id, side: 'counterparty', version: 1, at: at('2025-12-03'), by: ALICE })
      .thenRefuses('rule-violated', 'agreement.acceptance-by-proposer');
  });

  it('refuses one person accepting for both sides', () => {
    const acceptedByBob = historyOf(drafted(id), {
      type: 'ProposeTerms',
      agreementId: id,
      side: 'provider',
      terms: slaTerms(),
      at: at('2025-12-02'),
      by: ALICE,
    });
    acceptedByBob.push({
      type: 'TermsAccepted',
      data: { agreementId: id, version: 1, side: 'provider', at: at('2025-12-03'), by: BOB },
    });
    spec
      .given(...acceptedByBob)
      .when({ type: 'AcceptTerms', agreementId: id, side: 'counterparty', version: 1, at: at('2025-12-03'), by: BOB })
      .thenRefuses('rule-violated', 'agreement.same-person-both-sides');
  });

  it('refuses a side accepting the same version twice', () => {
    const accepted = historyOf(
      drafted(id),
      { type: 'ProposeTerms', agreementId: id, side: 'provider', terms: slaTerms(), at: at('2025-12-02'), by: ALICE },
      { type: 'AcceptTerms', agreementId: id, side: 'provider', version: 1, at: at('2025-12-02'), by: ALICE },
    );
    spec
      .given(...accepted)
      .when({ type: 'AcceptTerms', agreementId: id, side: 'provider', version: 1, at: at('2025-12-03'), by: BOB })
      .thenRefuses('rule-violated', 'agreement.already-accepted');
  });

  it('refuses a side counter-proposing its own proposal', () => {
    spec
      .given(...proposedByProvider)
      .when({
        type: 'CounterProposeTerms',
        agreementId: id,
        side: 'provider',
        inResponseTo: 1,
        terms: counterTerms,
        reason: 'Second thoughts',
        at: at('2025-12-03'),
        by: ALICE,
      })
      .thenRefuses('rule-violated', 'agreement.counter-own-proposal');
  });

  it('refuses a new proposal while one awaits an answer', () => {
    spec
      .given(...proposedByProvider)
      .when({
        type: 'ProposeTerms',
        agreementId: id,
        side: 'counterparty',
        terms: counterTerms,
        at: at('2025-12-03'),
        by: CAROL,
      })
      .thenRefuses('rule-violated', 'agreement.proposal-pending');
  });

  it('lets the proposing side withdraw its proposal, with a reason', () => {
    spec
      .given(...proposedByProvider)
      .when({
        type: 'WithdrawProposal',
        agreementId: id,
        side: 'provider',
        version: 1,
        reason: 'Pricing error',
        at: at('2025-12-03'),
        by: ALICE,
      })
      .then({
        type: 'ProposalWithdrawn',
        data: {
          agreementId: id,
          version: 1,
          side: 'provider',
          reason: 'Pricing error',
          at: at('2025-12-03'),
          by: ALICE,
        },
      });
  });

  it('refuses the other side withdrawing a proposal it did not make', () => {
    spec
      .given(...proposedByProvider)
      .when({
        type: 'WithdrawProposal',
        agreementId: id,
        side: 'counterparty',
        version: 1,
        reason: 'No',
        at: at('2025-12-03'),
        by: CAROL,
      })
      .thenRefuses('rule-violated', 'agreement.withdraw-other-side');
  });

  it('refuses the acceptance of a withdrawn proposal', () => {
    const withdrawn = historyOf(
      drafted(id),
      { type: 'ProposeTerms', agreementId: id, side: 'provider', terms: slaTerms(), at: at('2025-12-02'), by: ALICE },
      {
        type: 'WithdrawProposal',
        agreementId: id,
        side: 'provider',
        version: 1,
        reason: 'Pricing error',
        at: at('2025-12-03'),
        by: ALICE,
      },
    );
    spec
      .given(...withdrawn)
      .when({ type: 'AcceptTerms', agreementId: id, side: 'counterparty', version: 1, at: at('2025-12-04'), by: CAROL })
      .thenRefuses('rule-violated', 'agreement.version-withdrawn');
  });

  it('refuses to renegotiate an agreed agreement: changes are amendments', () => {
    spec
      .given(...agreedHistory(id))
      .when({
        type: 'ProposeTerms',
        agreementId: id,
        side: 'provider',
        terms: slaTerms(),
        at: at('2025-12-10'),
        by: ALICE,
      })
      .thenRefuses('rule-violated', 'agreement.already-agreed');
  });
});

describe('rules on proposed terms', () => {
  const propose = (terms: ReturnType<typeof slaTerms>) =>
    spec
      .given(...draft)
      .when({ type: 'ProposeTerms', agreementId: id, side: 'provider', terms, at: at('2025-12-02'), by: ALICE });

  it('refuses a term that ends before it starts', () => {
    propose(
      slaTerms({
        term: { effectiveFrom: '2026-12-31', effectiveTo: '2026-01-01', renewal: 'none', noticePeriod: 'P1M' },
      }),
    ).thenRefuses('rule-violated', 'agreement.term-dates-unordered');
  });

  it('refuses an availability target outside 0..100', () => {
    propose(slaTerms({ targets: [{ ...slaTerms().targets[0], value: 100.5 }] })).thenRefuses(
      'rule-violated',
      'agreement.target-value-invalid',
    );
  });

  it('refuses a negative response time', () => {
    propose(slaTerms({ targets: [{ ...slaTerms().targets[1], value: -1 }], serviceCredits: [] })).thenRefuses(
      'rule-violated',
      'agreement.target-value-invalid',
    );
  });

  it('refuses two targets with the same id', () => {
    const [availability] = slaTerms().targets;
    propose(slaTerms({ targets: [availability, availability] })).thenRefuses(
      'rule-violated',
      'agreement.target-duplicate',
    );
  });

  it('refuses an SLA that covers no service', () => {
    propose(slaTerms({ services: [] })).thenRefuses('rule-violated', 'agreement.sla-without-service');
  });

  it('refuses an SLA without a service level target', () => {
    propose(slaTerms({ targets: [], serviceCredits: [] })).thenRefuses('rule-violated', 'agreement.sla-without-target');
  });

  it('refuses service credits above 100 percent of the charge or for an unknown target', () => {
    propose(
      slaTerms({ serviceCredits: [{ targetId: 'availability', tiers: [{ level: 99, creditPercent: 150 }] }] }),
    ).thenRefuses('rule-violated', 'agreement.service-credit-invalid');
    propose(slaTerms({ serviceCredits: [{ targetId: 'nope', tiers: [{ level: 99, creditPercent: 5 }] }] })).thenRefuses(
      'rule-violated',
      'agreement.service-credit-unknown-target',
    );
  });

  it('refuses a negative workload limit', () => {
    propose(
      slaTerms({ workloadLimits: [{ limitId: 'x', name: 'x', unit: 'tickets', limit: -5, period: 'P1M' }] }),
    ).thenRefuses('rule-violated', 'agreement.workload-limit-invalid');
  });
});

describe('contracts (8.3.4.1)', () => {
  const uc = 'uc-hosting';
  const proposedWithoutScope = historyOf(
    drafted(uc, 'UNDERPINNING_CONTRACT'),
    {
      type: 'ProposeTerms',
      agreementId: uc,
      side: 'provider',
      terms: contractTerms({ contract: { scope: '', requirements: ['ISO 27001'] } }),
      at: at('2025-12-02'),
      by: BOB,
    },
    { type: 'AcceptTerms', agreementId: uc, side: 'provider', version: 1, at: at('2025-12-02'), by: BOB },
  );

  it('cannot be agreed without scope, requirements, targets or obligations, authorities and responsibilities', () => {
    spec
      .given(...proposedWithoutScope)
      .when({ type: 'AcceptTerms', agreementId: uc, side: 'counterparty', version: 1, at: at('2025-12-03'), by: DAVE })
      .thenRefuses('rule-violated', 'agreement.contract-incomplete');
  });

  it('is agreed when all four elements are present and both sides accepted', () => {
    spec.given(...agreedHistory(uc, 'UNDERPINNING_CONTRACT')).thenState((state) => {
      expect(state.status).toBe('agreed');
    });
  });
});
