import type { Decider } from '../shared/index.js';
import type { ServiceLevelCommand } from './commands.js';
import { decideServiceLevel } from './decide.js';
import type { ServiceLevelEvent } from './events.js';
import { evolveServiceLevel } from './evolve.js';
import { initialServiceLevelState, type ServiceLevelState } from './state.js';

export const serviceLevelDecider: Decider<ServiceLevelCommand, ServiceLevelEvent, ServiceLevelState> = {
  decide: decideServiceLevel,
  evolve: evolveServiceLevel,
  initialState: initialServiceLevelState,
};
