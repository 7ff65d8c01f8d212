import type { IsoClause } from '../shared/index.js';
import type { ImprovementCauseKind, ImprovementEvent } from './events.js';

/** The clause that asks for improvement from each kind of cause. */
export const improvementCauseClauses: Record<ImprovementCauseKind, readonly IsoClause[]> = {
  'target-breached': ['8.3.3'],
  'workload-limit-exceeded': ['8.3.3'],
  complaint: ['8.3.2'],
  survey: ['8.3.2'],
  review: ['8.3.2', '8.3.3'],
  dispute: ['8.3.4.1'],
  manual: ['8.3.3'],
};

/**
 * The clauses an improvement event evidences follow its cause, which only the
 * raising event carries: pass the cause kind from the state for later events.
 */
export function improvementClausesOf(event: ImprovementEvent, causeKind?: ImprovementCauseKind): readonly IsoClause[] {
  const kind = event.type === 'ImprovementOpportunityRaised' ? event.data.cause?.kind : causeKind;
  return improvementCauseClauses[kind ?? 'manual'];
}
