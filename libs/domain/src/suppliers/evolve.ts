import type { SupplierEvent } from './events.js';
import type { SupplierState } from './state.js';

export function evolveSupplier(state: SupplierState, event: SupplierEvent): SupplierState {
  switch (event.type) {
    case 'SupplierSelectionStarted': {
      const { supplierKind, criteria, scale } = event.data;
      return { ...state, status: 'evaluating', supplierKind, criteria, scale };
    }
    case 'SupplierEvaluated':
      return { ...state, evaluationIds: [...state.evaluationIds, event.data.evaluationId] };
    case 'SupplierSelected':
      return { ...state, status: 'selected' };
    case 'SupplierRejected':
      return { ...state, status: 'rejected' };
    case 'SupplierInterfaceDefined':
      return { ...state, interfaces: [...state.interfaces, { interfaceId: event.data.interfaceId, retired: false }] };
    case 'SupplierInterfaceRetired':
      return {
        ...state,
        interfaces: state.interfaces.map((defined) =>
          defined.interfaceId === event.data.interfaceId ? { ...defined, retired: true } : defined,
        ),
      };
    case 'SupplierRiskIdentified':
      return { ...state, risks: [...state.risks, { riskId: event.data.riskId, closed: false }] };
    case 'SupplierRiskTreated':
      return state;
    case 'SupplierRiskClosed':
      return {
        ...state,
        risks: state.risks.map((risk) => (risk.riskId === event.data.riskId ? { ...risk, closed: true } : risk)),
      };
    default: {
      const unhandled: never = event;
      throw new Error(`Unhandled supplier event ${JSON.stringify(unhandled)}`);
    }
  }
}
