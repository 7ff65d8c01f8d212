// The public face of the complaints context; helpers stay inside so names cannot clash across contexts.
export { complaintClauses } from './clauses.js';
export { complaintCommandBodies, type ComplaintCommand } from './commands.js';
export { complaintDecider } from './decider.js';
export { complaintChannels, complaintEventSchemas, type ComplaintChannel, type ComplaintEvent } from './events.js';
export { initialComplaintState, type ComplaintState, type ComplaintStatus } from './state.js';
export { complaintStreamId } from './stream.js';
