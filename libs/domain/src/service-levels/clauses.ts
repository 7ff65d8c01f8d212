import type { IsoClause } from '../shared/index.js';
import type { AgreementKind } from '../agreements/index.js';
import type { ServiceLevelEvent } from './events.js';

/**
 * Monitoring and reporting against targets and workload limits is 8.3.3; for an
 * OLA or a contract it is also the supplier performance monitoring of 8.3.4.2 or 8.3.4.1.
 * The kind is recorded when the period opens; pass it from the state for later events.
 */
export function serviceLevelClausesOf(_event: ServiceLevelEvent, agreementKind: AgreementKind): readonly IsoClause[] {
  switch (agreementKind) {
    case 'OLA':
      return ['8.3.3', '8.3.4.2'];
    case 'UNDERPINNING_CONTRACT':
      return ['8.3.3', '8.3.4.1'];
    default:
      return ['8.3.3'];
  }
}
