import { describe, expect, it } from '@jest/globals';
import { specFor } from '../../test/decider-spec.js';
import { fold } from '../shared/index.js';
import type { AgreementCommand } from './commands.js';
import { agreementDecider } from './decider.js';
import { BOB, CAROL, activeHistory, at, continued, draftedHistory } from './fixtures.js';
import type { TargetLevel } from './terms.js';

const spec = specFor(agreementDecider);
const uc = 'uc-hosting';
const customerAvailability: TargetLevel = { metric: 'availability', comparator: '>=', value: 99.5, unit: '%' };
const link = (changes: Partial<AgreementCommand & { type: 'LinkSupplierTarget' }> = {}): AgreementCommand => ({
  type: 'LinkSupplierTarget',
  agreementId: uc,
  supplierTargetId: 'hosting-availability',
  customerAgreementId: 'sla-payroll',
  customerVersion: 1,
  customerTargetId: 'availability',
  customerTarget: customerAvailability,
  at: at('2026-01-05'),
  by: BOB,
  ...changes,
});

describe('underpinning (supplier targets supporting customer targets)', () => {
  it('links a supplier target to the customer target it supports and records that it is aligned', () => {
    spec
      .given(...activeHistory(uc, 'UNDERPINNING_CONTRACT'))
      .when(link())
      .then(
        {
          type: 'SupplierTargetLinked',
          data: {
            agreementId: uc,
            supplierTargetId: 'hosting-availability',
            customerAgreementId: 'sla-payroll',
            customerTargetId: 'availability',
            at: at('2026-01-05'),
            by: BOB,
          },
        },
        {
          type: 'TargetAlignmentAssessed',
          data: {
            agreementId: uc,
            supplierVersion: 1,
            supplierTargetId: 'hosting-availability',
            supplierTarget: { metric: 'availability', comparator: '>=', value: 99.9, unit: '%' },
            customerAgreementId: 'sla-payroll',
            customerVersion: 1,
            customerTargetId: 'availability',
            customerTarget: customerAvailability,
            outcome: 'aligned',
            explanation: 'Supplier target availability >= 99.9 % underpins availability >= 99.5 %',
            risk: undefined,
            riskTreatment: undefined,
            at: at('2026-01-05'),
            by: BOB,
          },
        },
      );
  });

  it('records a misalignment and its risk when the supplier target is less strict', () => {
    const [, assessed] = agreementDecider.decide(
      link({ customerTarget: { ...customerAvailability, value: 99.95 }, riskTreatment: 'Add a second hosting site' }),
      fold(agreementDecider, activeHistory(uc, 'UNDERPINNING_CONTRACT')),
    );
    expect(assessed.type === 'TargetAlignmentAssessed' && assessed.data).toMatchObject({
      outcome: 'misaligned',
      risk: 'The customer target availability >= 99.95 % can be breached while the supplier meets availability >= 99.9 %',
      riskTreatment: 'Add a second hosting site',
    });
  });

  it('reassesses a linked target, e.g. after the customer target changed', () => {
    const linked = continued(activeHistory(uc, 'UNDERPINNING_CONTRACT'), link());
    const reassessed = continued(linked, {
      type: 'AssessTargetAlignment',
      agreementId: uc,
      supplierTargetId: 'hosting-availability',
      customerAgreementId: 'sla-payroll',
      customerVersion: 2,
      customerTargetId: 'availability',
      customerTarget: { ...customerAvailability, value: 99.95 },
      at: at('2026-04-01'),
      by: BOB,
    });
    expect(reassessed.at(-1)).toMatchObject({
      type: 'TargetAlignmentAssessed',
      data: { outcome: 'misaligned', customerVersion: 2 },
    });
    spec.given(...reassessed).thenState((state) => {
      expect(state.status !== 'none' && state.underpinning[0].lastAssessment?.outcome).toBe('misaligned');
    });
  });

  it('refuses to reassess a target that is not linked', () => {
    spec
      .given(...activeHistory(uc, 'UNDERPINNING_CONTRACT'))
      .when({ ...link(), type: 'AssessTargetAlignment' } as AgreementCommand)
      .thenRefuses('rule-violated', 'agreement.target-not-linked');
  });

  it('refuses linking the same targets twice', () => {
    spec
      .given(...continued(activeHistory(uc, 'UNDERPINNING_CONTRACT'), link()))
      .when(link())
      .thenRefuses('rule-violated', 'agreement.target-already-linked');
  });

  it('refuses a target the agreement does not have', () => {
    spec
      .given(...activeHistory(uc, 'UNDERPINNING_CONTRACT'))
      .when(link({ supplierTargetId: 'nope' }))
      .thenRefuses('rule-violated', 'agreement.target-unknown');
  });

  it('refuses a link from an SLA: only OLAs and contracts underpin', () => {
    spec
      .given(...activeHistory('sla-payroll'))
      .when(link({ agreementId: 'sla-payroll' }))
      .thenRefuses('rule-violated', 'agreement.not-a-supplier-agreement');
  });

  it('refuses a link before the supplier agreement is agreed', () => {
    spec
      .given(...draftedHistory(uc, 'OLA'))
      .when(link())
      .thenRefuses('rule-violated', 'agreement.not-agreed');
  });
});

describe('service level requirements', () => {
  const linkSlr: AgreementCommand = {
    type: 'LinkServiceLevelRequirements',
    agreementId: 'sla-payroll',
    slrAgreementId: 'slr-payroll',
    at: at('2025-12-01'),
    by: CAROL,
  };

  it('records that an SLA answers an SLR', () => {
    spec
      .given(...draftedHistory('sla-payroll'))
      .when(linkSlr)
      .then({
        type: 'ServiceLevelRequirementsLinked',
        data: { agreementId: 'sla-payroll', slrAgreementId: 'slr-payroll', at: at('2025-12-01'), by: CAROL },
      });
  });

  it('refuses the same link twice, or from an agreement that is not an SLA', () => {
    spec
      .given(...continued(draftedHistory('sla-payroll'), linkSlr))
      .when(linkSlr)
      .thenRefuses('rule-violated', 'agreement.requirements-already-linked');
    spec
      .given(...draftedHistory('sla-payroll', 'OLA'))
      .when(linkSlr)
      .thenRefuses('rule-violated', 'agreement.not-an-sla');
  });
});
