import type { Decider } from '../shared/index.js';
import type { ImprovementCommand } from './commands.js';
import { decideImprovement } from './decide.js';
import type { ImprovementEvent } from './events.js';
import { evolveImprovement } from './evolve.js';
import { initialImprovementState, type ImprovementState } from './state.js';

export const improvementDecider: Decider<ImprovementCommand, ImprovementEvent, ImprovementState> = {
  decide: decideImprovement,
  evolve: evolveImprovement,
  initialState: initialImprovementState,
};
