// The public face of the disputes context; helpers stay inside so names cannot clash across contexts.
export { disputeClauses } from './clauses.js';
export { disputeCommandBodies, type DisputeCommand } from './commands.js';
export { disputeDecider } from './decider.js';
export { disputeEventSchemas, disputeSides, type DisputeEvent, type DisputeSide } from './events.js';
export { initialDisputeState, type DisputeProposal, type DisputeState, type DisputeStatus } from './state.js';
export { disputeStreamId } from './stream.js';
