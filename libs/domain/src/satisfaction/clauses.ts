import type { IsoClause } from '../shared/index.js';
import type { SurveyEvent } from './events.js';

/** Customer satisfaction is measured, analysed and reported under business relationship management. */
export const surveyClauses: Record<SurveyEvent['type'], readonly IsoClause[]> = {
  SurveyPlanned: ['8.3.2'],
  SurveySampleDrawn: ['8.3.2'],
  SurveyResponseRecorded: ['8.3.2'],
  SurveyClosed: ['8.3.2'],
  SurveyAnalysed: ['8.3.2'],
  SurveyResultsReported: ['8.3.2'],
  SurveyImprovementRaised: ['8.3.2'],
};
