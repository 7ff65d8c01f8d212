import { alreadyExists, ensure, notFound } from '../shared/index.js';
import type { SupplierCommand } from './commands.js';
import type { SupplierEvent } from './events.js';
import { ensureScoresAllCriteria, weightedScore } from './evaluation.js';
import type { SupplierState } from './state.js';

export function decideSupplier(command: SupplierCommand, state: SupplierState): SupplierEvent[] {
  const { supplierId, at, by } = command;
  if (command.type === 'StartSupplierSelection') {
    if (state.status !== 'none') throw alreadyExists('supplier.already-exists', `Supplier ${supplierId} is managed`);
    const { supplierKind, scope, criteria, scale } = command;
    const criterionIds = criteria.map((criterion) => criterion.criterionId);
    ensure(new Set(criterionIds).size === criterionIds.length, 'supplier.duplicate-criterion', 'Each criterion once');
    ensure(scale.min < scale.max, 'supplier.invalid-scale', 'The lowest score must be below the highest');
    return [{ type: 'SupplierSelectionStarted', data: { supplierId, supplierKind, scope, criteria, scale, at, by } }];
  }
  if (state.status === 'none' || !state.supplierKind) {
    throw notFound('supplier.not-found', `Supplier ${supplierId} is not managed`);
  }
  const base = { supplierId, supplierKind: state.supplierKind };

  switch (command.type) {
    case 'EvaluateSupplier': {
      ensureUndecided(state);
      const { evaluationId, evaluatorId, scores } = command;
      ensure(!state.evaluationIds.includes(evaluationId), 'supplier.evaluation-exists', `${evaluationId} exists`);
      ensureScoresAllCriteria(scores, state);
      const data = { ...base, evaluationId, evaluatorId, scores, weightedScore: weightedScore(scores, state.criteria) };
      return [{ type: 'SupplierEvaluated', data: { ...data, at, by } }];
    }
    case 'SelectSupplier': {
      ensureUndecided(state);
      const { evaluationId, reason } = command;
      ensure(state.evaluationIds.length > 0, 'supplier.not-evaluated', 'A supplier is selected on an evaluation');
      if (!state.evaluationIds.includes(evaluationId)) {
        throw notFound('supplier.evaluation-not-found', `Evaluation ${evaluationId} does not exist`);
      }
      return [{ type: 'SupplierSelected', data: { ...base, evaluationId, reason, at, by } }];
    }
    case 'RejectSupplier':
      ensureUndecided(state);
      return [{ type: 'SupplierRejected', data: { ...base, reason: command.reason, at, by } }];
    case 'DefineSupplierInterface': {
      ensure(state.status === 'selected', 'supplier.not-selected', 'Interfaces are defined with a selected supplier');
      const { interfaceId, providerProcess, supplierProcess, description } = command;
      ensure(
        !state.interfaces.some((defined) => defined.interfaceId === interfaceId),
        'supplier.interface-exists',
        `Interface ${interfaceId} exists`,
      );
      const data = { ...base, interfaceId, providerProcess, supplierProcess, description };
      return [{ type: 'SupplierInterfaceDefined', data: { ...data, at, by } }];
    }
    case 'RetireSupplierInterface': {
      const { interfaceId, reason } = command;
      const defined = state.interfaces.find((candidate) => candidate.interfaceId === interfaceId);
      if (!defined) throw notFound('supplier.interface-not-found', `Interface ${interfaceId} does not exist`);
      ensure(!defined.retired, 'supplier.interface-retired', `Interface ${interfaceId} is already retired`);
      return [{ type: 'SupplierInterfaceRetired', data: { ...base, interfaceId, reason, at, by } }];
    }
    case 'IdentifySupplierRisk': {
      ensure(state.status !== 'rejected', 'supplier.rejected', 'The supplier was rejected');
      const { riskId, description, likelihood, impact, ownerId } = command;
      ensure(!state.risks.some((risk) => risk.riskId === riskId), 'supplier.risk-exists', `Risk ${riskId} exists`);
      const data = { ...base, riskId, description, likelihood, impact, ownerId };
      return [{ type: 'SupplierRiskIdentified', data: { ...data, at, by } }];
    }
    case 'TreatSupplierRisk':
      ensureOpenRisk(state, command.riskId);
      return [
        {
          type: 'SupplierRiskTreated',
          data: { ...base, riskId: command.riskId, treatment: command.treatment, at, by },
        },
      ];
    case 'CloseSupplierRisk':
      ensureOpenRisk(state, command.riskId);
      return [
        { type: 'SupplierRiskClosed', data: { ...base, riskId: command.riskId, reason: command.reason, at, by } },
      ];
    default: {
      const unhandled: never = command;
      throw new Error(`Unhandled supplier command ${JSON.stringify(unhandled)}`);
    }
  }
}

function ensureUndecided(state: SupplierState) {
  ensure(state.status === 'evaluating', 'supplier.already-decided', `The supplier was already ${state.status}`);
}

function ensureOpenRisk(state: SupplierState, riskId: string) {
  const risk = state.risks.find((candidate) => candidate.riskId === riskId);
  if (!risk) throw notFound('supplier.risk-not-found', `Risk ${riskId} does not exist`);
  ensure(!risk.closed, 'supplier.risk-closed', `Risk ${riskId} is closed`);
}
