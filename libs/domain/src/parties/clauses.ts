import type { IsoClause } from '../shared/index.js';
import type { PartyEvent, PartyRole, Responsibility } from './events.js';

/** Which clause a role evidences: customers and interested parties 8.3.2, suppliers by kind. */
export const partyRoleClauses: Record<PartyRole, readonly IsoClause[]> = {
  customer: ['8.3.2'],
  user: ['8.3.2'],
  'interested-party': ['8.3.2'],
  'external-supplier': ['8.3.4.1'],
  'internal-supplier': ['8.3.4.2'],
  'customer-as-supplier': ['8.3.4.2'],
};

/** A designated person per customer is 8.3.2; a designated owner per supplier and its contracts is 8.3.4.1. */
export const responsibilityClauses: Record<Responsibility, readonly IsoClause[]> = {
  'customer-relationship': ['8.3.2'],
  performance: ['8.3.2'],
  'supplier-relationship': ['8.3.4.1'],
  contracts: ['8.3.4.1'],
};

/** The clauses a party event evidences; roles and designations depend on their data, the rest is 8.3.2. */
export function partyClausesOf(event: PartyEvent): readonly IsoClause[] {
  switch (event.type) {
    case 'PartyRoleAdded':
    case 'PartyRoleRemoved':
      return partyRoleClauses[event.data.role];
    case 'ResponsiblePersonDesignated':
      return responsibilityClauses[event.data.responsibility];
    default:
      return ['8.3.2'];
  }
}
