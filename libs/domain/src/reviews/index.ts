// The public face of the reviews context; helpers stay inside so names cannot clash across contexts.
export { reviewClausesOf, reviewSubjectClauses } from './clauses.js';
export { reviewCommandBodies, type ReviewCommand } from './commands.js';
export { reviewDecider } from './decider.js';
export { reviewEventSchemas, reviewSubjectKinds, type ReviewEvent, type ReviewSubject } from './events.js';
export { initialReviewState, type ReviewAction, type ReviewState, type ReviewStatus } from './state.js';
export { reviewStreamId } from './stream.js';
