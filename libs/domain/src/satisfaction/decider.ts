import type { Decider } from '../shared/index.js';
import type { SurveyCommand } from './commands.js';
import { decideSurvey } from './decide.js';
import type { SurveyEvent } from './events.js';
import { evolveSurvey } from './evolve.js';
import { initialSurveyState, type SurveyState } from './state.js';

export const surveyDecider: Decider<SurveyCommand, SurveyEvent, SurveyState> = {
  decide: decideSurvey,
  evolve: evolveSurvey,
  initialState: initialSurveyState,
};
