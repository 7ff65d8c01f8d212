// The public face of the satisfaction context; helpers stay inside so names cannot clash across contexts.
export { analyseSurvey, type PreviousSurveyResults } from './analysis.js';
export { surveyClauses } from './clauses.js';
export { surveyCommandBodies, type SurveyCommand } from './commands.js';
export { surveyDecider } from './decider.js';
export { surveyAnalysisSchema, surveyEventSchemas, type SurveyAnalysis, type SurveyEvent } from './events.js';
export { initialSurveyState, type SurveyState, type SurveyStatus } from './state.js';
export { surveyStreamId } from './stream.js';
