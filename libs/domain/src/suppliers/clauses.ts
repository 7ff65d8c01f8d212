import type { IsoClause } from '../shared/index.js';
import type { SupplierEvent, SupplierKind } from './events.js';

export const supplierKindClauses: Record<SupplierKind, readonly IsoClause[]> = {
  external: ['8.3.4.1'],
  internal: ['8.3.4.2'],
  'customer-as-supplier': ['8.3.4.2'],
};

/** The clauses a supplier event evidences, read from the supplier kind every supplier event carries. */
export const supplierClausesOf = (event: SupplierEvent): readonly IsoClause[] =>
  supplierKindClauses[event.data.supplierKind];
