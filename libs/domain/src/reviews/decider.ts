import type { Decider } from '../shared/index.js';
import type { ReviewCommand } from './commands.js';
import { decideReview } from './decide.js';
import type { ReviewEvent } from './events.js';
import { evolveReview } from './evolve.js';
import { initialReviewState, type ReviewState } from './state.js';

export const reviewDecider: Decider<ReviewCommand, ReviewEvent, ReviewState> = {
  decide: decideReview,
  evolve: evolveReview,
  initialState: initialReviewState,
};
