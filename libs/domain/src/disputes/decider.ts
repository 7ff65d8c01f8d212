import type { Decider } from '../shared/index.js';
import type { DisputeCommand } from './commands.js';
import { decideDispute } from './decide.js';
import type { DisputeEvent } from './events.js';
import { evolveDispute } from './evolve.js';
import { initialDisputeState, type DisputeState } from './state.js';

export const disputeDecider: Decider<DisputeCommand, DisputeEvent, DisputeState> = {
  decide: decideDispute,
  evolve: evolveDispute,
  initialState: initialDisputeState,
};
