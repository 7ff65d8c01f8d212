import type { IsoClause } from '../shared/index.js';
import type { ComplaintEvent } from './events.js';

/** Service complaints are part of business relationship management. */
export const complaintClauses: Record<ComplaintEvent['type'], readonly IsoClause[]> = {
  ComplaintRecorded: ['8.3.2'],
  ComplaintAssigned: ['8.3.2'],
  ComplaintInvestigated: ['8.3.2'],
  ComplaintActionTaken: ['8.3.2'],
  ComplaintEscalated: ['8.3.2'],
  ComplaintResolved: ['8.3.2'],
  ComplaintClosed: ['8.3.2'],
  ComplaintReopened: ['8.3.2'],
  ComplaintImprovementRaised: ['8.3.2'],
};
