import { describe, expect, it } from '@jest/globals';
import { specFor } from '../../test/decider-spec.js';
import { supplierClausesOf } from './clauses.js';
import { supplierDecider } from './decider.js';
import { supplierEventSchemas, type SupplierEvent } from './events.js';

const spec = specFor(supplierDecider);
const supplierId = 'hoster';
const supplierKind = 'external' as const;
const by = 'supplier-manager-1';
const at = '2026-02-01T09:00:00Z';

const criteria = [
  { criterionId: 'security', description: 'ISO/IEC 27001 certified data centres', weight: 3 },
  { criterionId: 'price', description: 'Price against budget', weight: 1 },
];
const started: SupplierEvent = {
  type: 'SupplierSelectionStarted',
  data: {
    supplierId,
    supplierKind,
    scope: 'Hosting of the mail service',
    criteria,
    scale: { min: 0, max: 10 },
    at,
    by,
  },
};
const scores = [
  { criterionId: 'security', score: 8, rationale: 'Certified, audit report 2025' },
  { criterionId: 'price', score: 4 },
];
const evaluated: SupplierEvent = {
  type: 'SupplierEvaluated',
  // (8 × 3 + 4 × 1) / (3 + 1) = 28 / 4 = 7
  data: { supplierId, supplierKind, evaluationId: 'ev-1', evaluatorId: 'p-eva', scores, weightedScore: 7, at, by },
};
const selected: SupplierEvent = {
  type: 'SupplierSelected',
  data: { supplierId, supplierKind, evaluationId: 'ev-1', reason: 'Best security score', at, by },
};
const rejected: SupplierEvent = {
  type: 'SupplierRejected',
  data: { supplierId, supplierKind, reason: 'Too expensive', at, by },
};
const riskIdentified: SupplierEvent = {
  type: 'SupplierRiskIdentified',
  data: {
    supplierId,
    supplierKind,
    riskId: 'risk-1',
    description: 'Single data centre',
    likelihood: 2,
    impact: 5,
    ownerId: 'p-owner',
    at,
    by,
  },
};

describe('supplier management (8.3.4.1, 8.3.4.2)', () => {
  describe('selection', () => {
    it('starts the selection of a supplier against stated criteria', () => {
      const { supplierId: _, at: __, by: ___, ...body } = started.data;
      spec
        .given()
        .when({ type: 'StartSupplierSelection', supplierId, at, by, ...body })
        .then(started);
    });

    it('refuses to start managing a supplier twice', () => {
      const { supplierId: _, at: __, by: ___, ...body } = started.data;
      spec
        .given(started)
        .when({ type: 'StartSupplierSelection', supplierId, at, by, ...body })
        .thenRefuses('already-exists', 'supplier.already-exists');
    });

    it('does not know a supplier that is not managed', () => {
      spec
        .given()
        .when({ type: 'RejectSupplier', supplierId, reason: 'r', at, by })
        .thenRefuses('not-found', 'supplier.not-found');
    });

    it('refuses the same criterion twice', () => {
      spec
        .given()
        .when({
          type: 'StartSupplierSelection',
          supplierId,
          supplierKind,
          scope: 's',
          criteria: [criteria[0]!, criteria[0]!],
          scale: { min: 0, max: 10 },
          at,
          by,
        })
        .thenRefuses('rule-violated', 'supplier.duplicate-criterion');
    });

    it('records an evaluation with scores, the weighted score and the evaluator', () => {
      spec
        .given(started)
        .when({ type: 'EvaluateSupplier', supplierId, evaluationId: 'ev-1', evaluatorId: 'p-eva', scores, at, by })
        .then(evaluated);
    });

    it('weighs each score by its criterion', () => {
      // (7 × 3 + 9 × 1) / 4 = 30 / 4 = 7.5
      const other = [
        { criterionId: 'price', score: 9 },
        { criterionId: 'security', score: 7 },
      ];
      spec
        .given(started)
        .when({
          type: 'EvaluateSupplier',
          supplierId,
          evaluationId: 'ev-2',
          evaluatorId: 'p-eva',
          scores: other,
          at,
          by,
        })
        .then({
          type: 'SupplierEvaluated',
          data: {
            supplierId,
            supplierKind,
            evaluationId: 'ev-2',
            evaluatorId: 'p-eva',
            scores: other,
            weightedScore: 7.5,
            at,
            by,
          },
        });
    });

    it('refuses an evaluation that leaves a criterion unscored', () => {
      spec
        .given(started)
        .when({
          type: 'EvaluateSupplier',
          supplierId,
          evaluationId: 'ev-1',
          evaluatorId: 'p',
          scores: [scores[0]!],
          at,
          by,
        })
        .thenRefuses('rule-violated', 'supplier.criteria-not-scored');
    });

    it('refuses a score for a criterion that was not stated', () => {
      spec
        .given(started)
        .when({
          type: 'EvaluateSupplier',
          supplierId,
          evaluationId: 'ev-1',
          evaluatorId: 'p',
          scores: [...scores, { criterionId: 'colour', score: 5 }],
          at,
          by,
        })
        .thenRefuses('rule-violated', 'supplier.unknown-criterion');
    });

    it('refuses a score outside the scale', () => {
      spec
        .given(started)
        .when({
          type: 'EvaluateSupplier',
          supplierId,
          evaluationId: 'ev-1',
          evaluatorId: 'p',
          scores: [{ criterionId: 'security', score: 11 }, scores[1]!],
          at,
          by,
        })
        .thenRefuses('rule-violated', 'supplier.score-out-of-scale');
    });

    it('selects an evaluated supplier, with the reason', () => {
      spec
        .given(started, evaluated)
        .when({ type: 'SelectSupplier', supplierId, evaluationId: 'ev-1', reason: 'Best security score', at, by })
        .then(selected);
    });

    it('refuses to select a supplier that was not evaluated', () => {
      spec
        .given(started)
        .when({ type: 'SelectSupplier', supplierId, evaluationId: 'ev-1', reason: 'r', at, by })
        .thenRefuses('rule-violated', 'supplier.not-evaluated');
    });

    it('rejects a supplier, with the reason', () => {
      spec
        .given(started, evaluated)
        .when({ type: 'RejectSupplier', supplierId, reason: 'Too expensive', at, by })
        .then(rejected);
    });

    it('refuses to select a rejected supplier', () => {
      spec
        .given(started, evaluated, rejected)
        .when({ type: 'SelectSupplier', supplierId, evaluationId: 'ev-1', reason: 'r', at, by })
        .thenRefuses('rule-violated', 'supplier.already-decided');
    });
  });

  describe('interfaces', () => {
    const command = {
      type: 'DefineSupplierInterface' as const,
      supplierId,
      interfaceId: 'if-1',
      providerProcess: 'Incident management',
      supplierProcess: 'Hoster service desk',
      description: 'P1 incidents by phone within 15 minutes, ticket reference exchanged',
      at,
      by,
    };

    it('defines an interface between our process and the supplier process', () => {
      const { type: _, ...data } = command;
      spec
        .given(started, evaluated, selected)
        .when(command)
        .then({ type: 'SupplierInterfaceDefined', data: { ...data, supplierKind } });
    });

    it('refuses an interface with a supplier that was not selected', () => {
      spec.given(started).when(command).thenRefuses('rule-violated', 'supplier.not-selected');
    });

    it('retires an interface, with the reason', () => {
      const { type: _, ...data } = command;
      spec
        .given(started, evaluated, selected, { type: 'SupplierInterfaceDefined', data: { ...data, supplierKind } })
        .when({
          type: 'RetireSupplierInterface',
          supplierId,
          interfaceId: 'if-1',
          reason: 'Portal replaces phone',
          at,
          by,
        })
        .then({
          type: 'SupplierInterfaceRetired',
          data: { supplierId, supplierKind, interfaceId: 'if-1', reason: 'Portal replaces phone', at, by },
        });
    });

    it('does not know an interface that was never defined', () => {
      spec
        .given(started, evaluated, selected)
        .when({ type: 'RetireSupplierInterface', supplierId, interfaceId: 'if-9', reason: 'r', at, by })
        .thenRefuses('not-found', 'supplier.interface-not-found');
    });
  });

  describe('risks', () => {
    it('identifies a risk with likelihood, impact and owner', () => {
      spec
        .given(started, evaluated, selected)
        .when({
          type: 'IdentifySupplierRisk',
          supplierId,
          riskId: 'risk-1',
          description: 'Single data centre',
          likelihood: 2,
          impact: 5,
          ownerId: 'p-owner',
          at,
          by,
        })
        .then(riskIdentified);
    });

    it('refuses a risk on a rejected supplier', () => {
      spec
        .given(started, rejected)
        .when({
          type: 'IdentifySupplierRisk',
          supplierId,
          riskId: 'r',
          description: 'd',
          likelihood: 1,
          impact: 1,
          ownerId: 'p',
          at,
          by,
        })
        .thenRefuses('rule-violated', 'supplier.rejected');
    });

    it('records the treatment of a risk', () => {
      spec
        .given(started, riskIdentified)
        .when({
          type: 'TreatSupplierRisk',
          supplierId,
          riskId: 'risk-1',
          treatment: 'Second site in the contract',
          at,
          by,
        })
        .then({
          type: 'SupplierRiskTreated',
          data: { supplierId, supplierKind, riskId: 'risk-1', treatment: 'Second site in the contract', at, by },
        });
    });

    it('closes a risk, with the reason', () => {
      spec
        .given(started, riskIdentified)
        .when({ type: 'CloseSupplierRisk', supplierId, riskId: 'risk-1', reason: 'Second site live', at, by })
        .then({
          type: 'SupplierRiskClosed',
          data: { supplierId, supplierKind, riskId: 'risk-1', reason: 'Second site live', at, by },
        });
    });

    it('refuses to treat a closed risk', () => {
      spec
        .given(started, riskIdentified, {
          type: 'SupplierRiskClosed',
          data: { supplierId, supplierKind, riskId: 'risk-1', reason: 'r', at, by },
        })
        .when({ type: 'TreatSupplierRisk', supplierId, riskId: 'risk-1', treatment: 't', at, by })
        .thenRefuses('rule-violated', 'supplier.risk-closed');
    });

    it('does not know a risk that was never identified', () => {
      spec
        .given(started)
        .when({ type: 'CloseSupplierRisk', supplierId, riskId: 'risk-9', reason: 'r', at, by })
        .thenRefuses('not-found', 'supplier.risk-not-found');
    });
  });

  describe('clauses', () => {
    it('evidences 8.3.4.1 for external and 8.3.4.2 for internal suppliers', () => {
      expect(supplierClausesOf(started)).toEqual(['8.3.4.1']);
      expect(
        supplierClausesOf({ ...rejected, data: { ...rejected.data, supplierKind: 'internal' } } as SupplierEvent),
      ).toEqual(['8.3.4.2']);
    });
  });

  it('records events that match their published schemas', () => {
    for (const event of [started, evaluated, selected, rejected, riskIdentified] as SupplierEvent[]) {
      expect(supplierEventSchemas[event.type].safeParse(event.data).error).toBeUndefined();
    }
  });
});
