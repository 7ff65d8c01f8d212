import { describe, expect, it } from '@jest/globals';
import { specFor } from '../../test/decider-spec.js';
import { agreementDecider } from './decider.js';
import {
  ALICE,
  BOB,
  CAROL,
  DAVE,
  activeHistory,
  agreedHistory,
  at,
  availabilityTarget,
  continued,
  contractTerms,
  slaTerms,
} from './fixtures.js';
import { termsInForceOn } from './terms-in-force.js';
import type { AgreementCommand } from './commands.js';

const spec = specFor(agreementDecider);
const id = 'sla-payroll';
const tightened = slaTerms({ targets: [{ ...availabilityTarget, value: 99.8 }, slaTerms().targets[1]] });
const proposeTightening: AgreementCommand = {
  type: 'ProposeAmendment',
  agreementId: id,
  side: 'counterparty',
  terms: tightened,
  rationale: 'Payroll became business critical',
  effectiveOn: '2026-04-01',
  at: at('2026-03-10'),
  by: CAROL,
};
const after = continued;

describe('amendment', () => {
  it('proposes an amendment as the next version, with rationale and effective date', () => {
    spec
      .given(...activeHistory(id))
      .when(proposeTightening)
      .then({
        type: 'AmendmentProposed',
        data: {
          agreementId: id,
          version: 2,
          amends: 1,
          side: 'counterparty',
          terms: tightened,
          rationale: 'Payroll became business critical',
          effectiveOn: '2026-04-01',
          at: at('2026-03-10'),
          by: CAROL,
        },
      });
  });

  it('refuses an amendment of an agreement that is not agreed, or agreed but not active', () => {
    spec
      .given(...agreedHistory(id).slice(0, 2))
      .when(proposeTightening)
      .thenRefuses('rule-violated', 'agreement.not-agreed');
    spec
      .given(...agreedHistory(id))
      .when(proposeTightening)
      .thenRefuses('rule-violated', 'agreement.not-active');
  });

  it('refuses an amendment taking effect before the version it amends', () => {
    spec
      .given(...activeHistory(id))
      .when({ ...proposeTightening, effectiveOn: '2025-12-01' })
      .thenRefuses('rule-violated', 'agreement.amendment-effective-too-early');
  });

  it('refuses an amendment taking effect after the term', () => {
    spec
      .given(...activeHistory(id))
      .when({ ...proposeTightening, effectiveOn: '2027-02-01' })
      .thenRefuses('rule-violated', 'agreement.amendment-effective-after-term');
  });

  it('refuses a second amendment while one is open', () => {
    spec
      .given(...after(activeHistory(id), proposeTightening))
      .when(proposeTightening)
      .thenRefuses('rule-violated', 'agreement.amendment-pending');
  });

  it('takes effect as a new version on its date when both sides accept; earlier versions stay readable', () => {
    const amended = after(
      activeHistory(id),
      proposeTightening,
      { type: 'AcceptAmendment', agreementId: id, side: 'counterparty', version: 2, at: at('2026-03-11'), by: CAROL },
      { type: 'AcceptAmendment', agreementId: id, side: 'provider', version: 2, at: at('2026-03-12'), by: ALICE },
    );
    expect(amended.slice(-2)).toEqual([
      {
        type: 'AmendmentAccepted',
        data: { agreementId: id, version: 2, side: 'provider', reason: undefined, at: at('2026-03-12'), by: ALICE },
      },
      {
        type: 'AgreementAmended',
        data: {
          agreementId: id,
          version: 2,
          previousVersion: 1,
          terms: tightened,
          effectiveOn: '2026-04-01',
          at: at('2026-03-12'),
          by: ALICE,
        },
      },
    ]);
    spec.given(...amended).thenState((state) => {
      expect(termsInForceOn(state, '2026-03-31')?.version).toBe(1);
      expect(termsInForceOn(state, '2026-03-31T23:59:59Z')?.terms.targets[0].value).toBe(99.5);
      expect(termsInForceOn(state, '2026-04-01')?.version).toBe(2);
      expect(termsInForceOn(state, '2026-04-01T00:00:00Z')?.terms.targets[0].value).toBe(99.8);
    });
  });

  it('is not approved by one side alone', () => {
    spec
      .given(...after(activeHistory(id), proposeTightening))
      .when({
        type: 'AcceptAmendment',
        agreementId: id,
        side: 'counterparty',
        version: 2,
        at: at('2026-03-11'),
        by: CAROL,
      })
      .then({
        type: 'AmendmentAccepted',
        data: { agreementId: id, version: 2, side: 'counterparty', reason: undefined, at: at('2026-03-11'), by: CAROL },
      });
  });

  it('is closed by a rejection of either side, which can no longer be accepted', () => {
    const rejected = after(activeHistory(id), proposeTightening, {
      type: 'RejectAmendment',
      agreementId: id,
      side: 'provider',
      version: 2,
      reason: 'Not achievable on current hardware',
      at: at('2026-03-11'),
      by: ALICE,
    });
    expect(rejected.at(-1)).toEqual({
      type: 'AmendmentRejected',
      data: {
        agreementId: id,
        version: 2,
        side: 'provider',
        reason: 'Not achievable on current hardware',
        at: at('2026-03-11'),
        by: ALICE,
      },
    });
    spec
      .given(...rejected)
      .when({
        type: 'AcceptAmendment',
        agreementId: id,
        side: 'counterparty',
        version: 2,
        at: at('2026-03-12'),
        by: CAROL,
      })
      .thenRefuses('rule-violated', 'agreement.version-not-open');
  });
});

describe('amendment of a contract or OLA (8.3.4.1, 8.3.4.2)', () => {
  const uc = 'uc-hosting';
  const proposeChange: AgreementCommand = {
    type: 'ProposeAmendment',
    agreementId: uc,
    side: 'provider',
    terms: contractTerms({ workloadLimits: [] }),
    rationale: 'Drop the incident limit',
    effectiveOn: '2026-05-01',
    at: at('2026-04-01'),
    by: BOB,
  };
  const proposed = after(activeHistory(uc, 'UNDERPINNING_CONTRACT'), proposeChange);
  const assess: AgreementCommand = {
    type: 'AssessAmendmentImpact',
    agreementId: uc,
    version: 2,
    impact: 'medium',
    summary: 'More incidents reach the supplier without extra charge',
    risks: ['Supplier response times may slip'],
    at: at('2026-04-02'),
    by: BOB,
  };

  it('cannot be approved without an impact assessment', () => {
    spec
      .given(...proposed)
      .when({
        type: 'AcceptAmendment',
        agreementId: uc,
        side: 'counterparty',
        version: 2,
        at: at('2026-04-03'),
        by: DAVE,
      })
      .thenRefuses('rule-violated', 'agreement.impact-assessment-missing');
  });

  it('records the impact assessment, after which both sides can approve it', () => {
    spec
      .given(...proposed)
      .when(assess)
      .then({
        type: 'AmendmentImpactAssessed',
        data: {
          agreementId: uc,
          version: 2,
          impact: 'medium',
          summary: 'More incidents reach the supplier without extra charge',
          risks: ['Supplier response times may slip'],
          at: at('2026-04-02'),
          by: BOB,
        },
      });
    const approved = after(
      proposed,
      assess,
      { type: 'AcceptAmendment', agreementId: uc, side: 'counterparty', version: 2, at: at('2026-04-03'), by: DAVE },
      { type: 'AcceptAmendment', agreementId: uc, side: 'provider', version: 2, at: at('2026-04-04'), by: BOB },
    );
    expect(approved.at(-1)?.type).toBe('AgreementAmended');
  });

  it('cannot drop one of the four contract elements', () => {
    const withoutRequirements = after(
      activeHistory(uc, 'UNDERPINNING_CONTRACT'),
      {
        ...proposeChange,
        terms: contractTerms({ contract: { scope: 'Hosting', requirements: [] } }),
      } as AgreementCommand,
      { ...assess },
      { type: 'AcceptAmendment', agreementId: uc, side: 'counterparty', version: 2, at: at('2026-04-03'), by: DAVE },
    );
    spec
      .given(...withoutRequirements)
      .when({ type: 'AcceptAmendment', agreementId: uc, side: 'provider', version: 2, at: at('2026-04-04'), by: BOB })
      .thenRefuses('rule-violated', 'agreement.contract-incomplete');
  });
});
