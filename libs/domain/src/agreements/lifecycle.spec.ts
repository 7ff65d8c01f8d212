import { describe, expect, it } from '@jest/globals';
import { specFor } from '../../test/decider-spec.js';
import { agreementClausesOf } from './clauses.js';
import { agreementDecider } from './decider.js';
import { ALICE, CAROL, activeHistory, agreedHistory, at, continued, slaTerms } from './fixtures.js';
import { termsInForceOn } from './terms-in-force.js';

const spec = specFor(agreementDecider);
const id = 'sla-payroll';

describe('activation', () => {
  it('activates an agreed version on its effective date and schedules the first review', () => {
    spec
      .given(...agreedHistory(id))
      .when({ type: 'ActivateAgreement', agreementId: id, effectiveOn: '2026-01-01', at: at('2025-12-20'), by: ALICE })
      .then({
        type: 'AgreementActivated',
        data: {
          agreementId: id,
          version: 1,
          effectiveOn: '2026-01-01',
          nextReviewDue: '2026-07-01',
          at: at('2025-12-20'),
          by: ALICE,
        },
      });
  });

  it('activates nothing before it is agreed', () => {
    spec
      .given(...agreedHistory(id).slice(0, 3))
      .when({ type: 'ActivateAgreement', agreementId: id, effectiveOn: '2026-01-01', at: at('2025-12-20'), by: ALICE })
      .thenRefuses('rule-violated', 'agreement.not-agreed');
  });

  it('refuses an activation before the term starts or after it ends', () => {
    spec
      .given(...agreedHistory(id))
      .when({ type: 'ActivateAgreement', agreementId: id, effectiveOn: '2025-12-31', at: at('2025-12-20'), by: ALICE })
      .thenRefuses('rule-violated', 'agreement.activation-before-effective-from');
    spec
      .given(...agreedHistory(id))
      .when({ type: 'ActivateAgreement', agreementId: id, effectiveOn: '2027-01-01', at: at('2025-12-20'), by: ALICE })
      .thenRefuses('rule-violated', 'agreement.activation-after-effective-to');
  });

  it('refuses activating twice', () => {
    spec
      .given(...activeHistory(id))
      .when({ type: 'ActivateAgreement', agreementId: id, effectiveOn: '2026-02-01', at: at('2026-01-20'), by: ALICE })
      .thenRefuses('rule-violated', 'agreement.already-active');
  });

  it('puts no version in force before activation, before the start or after the end of the term', () => {
    spec.given(...agreedHistory(id)).thenState((state) => expect(termsInForceOn(state, '2026-02-01')).toBeUndefined());
    spec.given(...activeHistory(id)).thenState((state) => {
      expect(termsInForceOn(state, '2025-12-31')).toBeUndefined();
      expect(termsInForceOn(state, '2026-12-31T23:59:59Z')?.version).toBe(1);
      expect(termsInForceOn(state, '2027-01-01')).toBeUndefined();
    });
  });
});

describe('review', () => {
  it('records the outcome and computes the next review from the interval', () => {
    spec
      .given(...activeHistory(id))
      .when({
        type: 'ReviewAgreement',
        agreementId: id,
        reviewedOn: '2026-06-30',
        outcome: 'continue',
        findings: 'All targets met for six months',
        at: at('2026-06-30'),
        by: CAROL,
      })
      .then({
        type: 'AgreementReviewed',
        data: {
          agreementId: id,
          version: 1,
          reviewedOn: '2026-06-30',
          outcome: 'continue',
          findings: 'All targets met for six months',
          nextReviewDue: '2026-12-30',
          at: at('2026-06-30'),
          by: CAROL,
        },
      });
  });

  it('refuses a review of an agreement that is not active', () => {
    spec
      .given(...agreedHistory(id))
      .when({
        type: 'ReviewAgreement',
        agreementId: id,
        reviewedOn: '2026-06-30',
        outcome: 'continue',
        findings: 'x',
        at: at('2026-06-30'),
        by: CAROL,
      })
      .thenRefuses('rule-violated', 'agreement.not-active');
  });
});

describe('renewal, expiry and termination', () => {
  it('renews the term to a later end', () => {
    spec
      .given(...activeHistory(id))
      .when({
        type: 'RenewAgreement',
        agreementId: id,
        effectiveTo: '2027-12-31',
        reason: 'Review outcome: renew',
        at: at('2026-09-01'),
        by: ALICE,
      })
      .then({
        type: 'AgreementRenewed',
        data: {
          agreementId: id,
          previousEffectiveTo: '2026-12-31',
          effectiveTo: '2027-12-31',
          reason: 'Review outcome: renew',
          at: at('2026-09-01'),
          by: ALICE,
        },
      });
  });

  it('refuses a renewal that does not extend the term', () => {
    spec
      .given(...activeHistory(id))
      .when({
        type: 'RenewAgreement',
        agreementId: id,
        effectiveTo: '2026-06-30',
        reason: 'x',
        at: at('2026-05-01'),
        by: ALICE,
      })
      .thenRefuses('rule-violated', 'agreement.renewal-not-later');
  });

  it('expires only after the last day of the term', () => {
    spec
      .given(...activeHistory(id))
      .when({ type: 'ExpireAgreement', agreementId: id, at: at('2026-12-31', '23:00:00'), by: 'system' })
      .thenRefuses('rule-violated', 'agreement.not-yet-expired');
    spec
      .given(...activeHistory(id))
      .when({ type: 'ExpireAgreement', agreementId: id, at: at('2027-01-01', '00:05:00'), by: 'system' })
      .then({
        type: 'AgreementExpired',
        data: { agreementId: id, effectiveTo: '2026-12-31', at: at('2027-01-01', '00:05:00'), by: 'system' },
      });
  });

  it('terminates with a reason and keeps the version in force until the last day', () => {
    const history = continued(activeHistory(id), {
      type: 'TerminateAgreement',
      agreementId: id,
      lastDayInForce: '2026-06-30',
      reason: 'Customer moved payroll in-house',
      at: at('2026-03-01'),
      by: CAROL,
    });
    expect(history.at(-1)).toEqual({
      type: 'AgreementTerminated',
      data: {
        agreementId: id,
        lastDayInForce: '2026-06-30',
        reason: 'Customer moved payroll in-house',
        at: at('2026-03-01'),
        by: CAROL,
      },
    });
    spec.given(...history).thenState((state) => {
      expect(termsInForceOn(state, '2026-06-30')?.version).toBe(1);
      expect(termsInForceOn(state, '2026-07-01')).toBeUndefined();
    });
  });

  it('refuses a termination ending before the activation', () => {
    spec
      .given(...activeHistory(id))
      .when({
        type: 'TerminateAgreement',
        agreementId: id,
        lastDayInForce: '2025-12-31',
        reason: 'x',
        at: at('2026-03-01'),
        by: CAROL,
      })
      .thenRefuses('rule-violated', 'agreement.termination-before-activation');
  });

  it('refuses any change to a terminated or expired agreement', () => {
    const terminated = [
      ...activeHistory(id),
      {
        type: 'AgreementTerminated' as const,
        data: { agreementId: id, lastDayInForce: '2026-06-30', reason: 'x', at: at('2026-03-01'), by: CAROL },
      },
    ];
    spec
      .given(...terminated)
      .when({
        type: 'ReviewAgreement',
        agreementId: id,
        reviewedOn: '2026-04-01',
        outcome: 'continue',
        findings: 'x',
        at: at('2026-04-01'),
        by: CAROL,
      })
      .thenRefuses('rule-violated', 'agreement.closed');
    const expired = [
      ...activeHistory(id),
      {
        type: 'AgreementExpired' as const,
        data: { agreementId: id, effectiveTo: '2026-12-31', at: at('2027-01-01'), by: 'system' },
      },
    ];
    spec
      .given(...expired)
      .when({
        type: 'ProposeAmendment',
        agreementId: id,
        side: 'provider',
        terms: slaTerms(),
        rationale: 'x',
        effectiveOn: '2027-02-01',
        at: at('2027-01-02'),
        by: ALICE,
      })
      .thenRefuses('rule-violated', 'agreement.closed');
  });
});

describe('clauses evidenced', () => {
  it('follow the kind of agreement', () => {
    const [drafted] = activeHistory(id);
    expect(agreementClausesOf(drafted, 'SLA')).toEqual(['8.3.3']);
    const [ucDrafted] = activeHistory('uc', 'UNDERPINNING_CONTRACT');
    expect(agreementClausesOf(ucDrafted, 'SLA')).toEqual(['8.3.4.1']);
    expect(agreementClausesOf(activeHistory('ola', 'OLA').at(-1)!, 'OLA')).toEqual(['8.3.4.2']);
  });
});
