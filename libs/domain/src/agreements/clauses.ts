import type { IsoClause } from '../shared/index.js';
import type { AgreementEvent } from './events.js';
import type { AgreementKind } from './terms.js';

/** The clause an agreement of each kind is evidence for. */
export const agreementKindClauses: Record<AgreementKind, readonly IsoClause[]> = {
  SLA: ['8.3.3'],
  SLR: ['8.3.3'],
  OLA: ['8.3.4.2'],
  UNDERPINNING_CONTRACT: ['8.3.4.1'],
  MOU: ['8.3.2'],
};

/**
 * The clauses an agreement event evidences. It depends on the agreement's kind,
 * which only `AgreementDrafted` carries, so the caller passes the kind from the state.
 * Linking a supplier target to a customer SLA also evidences service level management.
 */
export function agreementClausesOf(event: AgreementEvent, kind: AgreementKind): readonly IsoClause[] {
  const ofKind = agreementKindClauses[event.type === 'AgreementDrafted' ? event.data.kind : kind];
  switch (event.type) {
    case 'SupplierTargetLinked':
    case 'TargetAlignmentAssessed':
      return [...new Set<IsoClause>([...ofKind, '8.3.3'])];
    case 'ServiceLevelRequirementsLinked':
      return ['8.3.3'];
    default:
      return ofKind;
  }
}
