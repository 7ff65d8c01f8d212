import type { IsoClause } from '../shared/index.js';
import type { DisputeEvent } from './events.js';

/** Disputes are recorded and managed to closure under the external supplier clause. */
export const disputeClauses: Record<DisputeEvent['type'], readonly IsoClause[]> = {
  DisputeRaised: ['8.3.4.1'],
  DisputeEvidenceAttached: ['8.3.4.1'],
  DisputeEscalated: ['8.3.4.1'],
  DisputeResolutionProposed: ['8.3.4.1'],
  DisputeResolutionAccepted: ['8.3.4.1'],
  DisputeResolutionRejected: ['8.3.4.1'],
  DisputeResolved: ['8.3.4.1'],
  DisputeWithdrawn: ['8.3.4.1'],
  DisputeClosed: ['8.3.4.1'],
};
