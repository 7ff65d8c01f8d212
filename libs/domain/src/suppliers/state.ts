import type { SelectionCriterion, SupplierKind } from './events.js';

/** Under evaluation until selected or rejected; a selected supplier gets interfaces. */
export type SupplierStatus = 'none' | 'evaluating' | 'selected' | 'rejected';

export interface SupplierState {
  readonly status: SupplierStatus;
  readonly supplierKind: SupplierKind | null;
  readonly criteria: readonly SelectionCriterion[];
  readonly scale: { readonly min: number; readonly max: number } | null;
  readonly evaluationIds: readonly string[];
  readonly interfaces: readonly { readonly interfaceId: string; readonly retired: boolean }[];
  readonly risks: readonly { readonly riskId: string; readonly closed: boolean }[];
}

export const initialSupplierState: SupplierState = {
  status: 'none',
  supplierKind: null,
  criteria: [],
  scale: null,
  evaluationIds: [],
  interfaces: [],
  risks: [],
};
