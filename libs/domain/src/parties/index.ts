// The public face of the parties context; helpers stay inside so names cannot clash across contexts.
export { partyClausesOf, partyRoleClauses, responsibilityClauses } from './clauses.js';
export { partyCommandBodies, type PartyCommand } from './commands.js';
export { partyDecider } from './decider.js';
export {
  communicationChannels,
  partyEventSchemas,
  partyRoles,
  responsibilities,
  type PartyEvent,
  type PartyRole,
  type Responsibility,
} from './events.js';
export { initialPartyState, type Designation, type PartyState, type RoleTenure } from './state.js';
export { partyStreamId } from './stream.js';
