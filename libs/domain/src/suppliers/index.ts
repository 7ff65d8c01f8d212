// The public face of the suppliers context; helpers stay inside so names cannot clash across contexts.
export { supplierClausesOf, supplierKindClauses } from './clauses.js';
export { supplierCommandBodies, type SupplierCommand } from './commands.js';
export { supplierDecider } from './decider.js';
export { supplierEventSchemas, supplierKinds, type SupplierEvent, type SupplierKind } from './events.js';
export { initialSupplierState, type SupplierState, type SupplierStatus } from './state.js';
export { supplierStreamId } from './stream.js';
