import type { Decider } from '../shared/index.js';
import type { ComplaintCommand } from './commands.js';
import { decideComplaint } from './decide.js';
import type { ComplaintEvent } from './events.js';
import { evolveComplaint } from './evolve.js';
import { initialComplaintState, type ComplaintState } from './state.js';

export const complaintDecider: Decider<ComplaintCommand, ComplaintEvent, ComplaintState> = {
  decide: decideComplaint,
  evolve: evolveComplaint,
  initialState: initialComplaintState,
};
