import type { IsoClause } from '../shared/index.js';
import type { ReviewEvent, ReviewSubject } from './events.js';

/**
 * A review evidences the clause of what it reviews: customer relationships
 * 8.3.2, agreements (SLAs) 8.3.3, external suppliers and their contracts 8.3.4.1.
 */
export const reviewSubjectClauses: Record<ReviewSubject['kind'], readonly IsoClause[]> = {
  'customer-relationship': ['8.3.2'],
  agreement: ['8.3.3'],
  supplier: ['8.3.4.1'],
  contract: ['8.3.4.1'],
};

/** The clauses a review event evidences, read from the subject every review event carries. */
export const reviewClausesOf = (event: ReviewEvent): readonly IsoClause[] =>
  reviewSubjectClauses[event.data.subject.kind];
