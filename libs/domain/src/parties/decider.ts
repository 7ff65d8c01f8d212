import type { Decider } from '../shared/index.js';
import type { PartyCommand } from './commands.js';
import { decideParty } from './decide.js';
import type { PartyEvent } from './events.js';
import { evolveParty } from './evolve.js';
import { initialPartyState, type PartyState } from './state.js';

export const partyDecider: Decider<PartyCommand, PartyEvent, PartyState> = {
  decide: decideParty,
  evolve: evolveParty,
  initialState: initialPartyState,
};
