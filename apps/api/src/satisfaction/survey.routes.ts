import { notFound } from '@lib/domain';
import {
  surveyClauses,
  surveyCommandBodies as bodies,
  surveyDecider,
  surveyStreamId,
  type SurveyAnalysis,
  type SurveyCommand,
  type SurveyEvent,
  type SurveyState,
} from '@lib/domain/satisfaction/index.js';
import type { AggregateStore } from '../commands/aggregate-store.js';
import type { AggregateRoutes } from '../http/aggregate-routes.js';

const managers = ['relationship-manager'] as const;

/**
 * Analysing against a previous survey needs that survey's results as they
 * were recorded: they are read from its `SurveyAnalysed` event. A previous
 * survey that does not exist is unknown (404); one not analysed yet is left
 * out, and the decider refuses the command (422).
 */
async function withPreviousResults(command: SurveyCommand, aggregates: AggregateStore): Promise<SurveyCommand> {
  if (command.type !== 'AnalyseSurvey' || command.previousSurveyId === undefined) return command;
  const { previousSurveyId } = command;
  if (previousSurveyId === command.surveyId) return command;
  const { version, events } = await aggregates.load({ decider: surveyDecider }, surveyStreamId(previousSurveyId));
  if (version === -1) throw notFound('survey.previous-not-found', `Survey ${previousSurveyId} does not exist`);
  const analysed = events.findLast((event) => event.type === 'SurveyAnalysed');
  if (!analysed) return command;
  const analysis = (analysed.data as { analysis: SurveyAnalysis }).analysis;
  const { overallMean, responseRate, perQuestion } = analysis;
  return { ...command, previous: { surveyId: previousSurveyId, analysis: { overallMean, responseRate, perQuestion } } };
}

/**
 * Customer satisfaction surveys (clause 8.3.2): planned on a sample frame and
 * a sampling method, sampled, answered, closed, analysed (against the
 * previous survey for the trend), reported, and turned into improvements.
 */
export const surveyRoutes: AggregateRoutes<SurveyCommand, SurveyEvent, SurveyState> = {
  name: 'surveys',
  base: 'surveys',
  idParam: 'surveyId',
  aggregate: { decider: surveyDecider, clausesOf: (event) => surveyClauses[event.type] },
  streamId: ({ surveyId }) => surveyStreamId(surveyId!),
  commands: [
    {
      command: 'PlanSurvey',
      path: '',
      body: bodies.PlanSurvey,
      roles: managers,
      summary: 'Plan a satisfaction survey: period, sample frame, sampling method, questions and scale',
    },
    {
      command: 'DrawSurveySample',
      path: ':surveyId/sample',
      body: bodies.DrawSurveySample,
      roles: managers,
      summary: 'Record the respondents drawn from the sample frame as the plan asks; the survey opens to responses',
    },
    {
      command: 'RecordSurveyResponse',
      path: ':surveyId/responses',
      body: bodies.RecordSurveyResponse,
      roles: managers,
      summary: "Record a respondent's scores and comments",
    },
    {
      command: 'CloseSurvey',
      path: ':surveyId/closure',
      body: bodies.CloseSurvey,
      roles: managers,
      summary: 'Close the survey to responses',
    },
    {
      command: 'AnalyseSurvey',
      path: ':surveyId/analysis',
      body: bodies.AnalyseSurvey,
      roles: managers,
      summary:
        'Analyse the responses: means per question, customer and service, response rate, trend on a previous survey',
      prepare: withPreviousResults,
    },
    {
      command: 'ReportSurveyResults',
      path: ':surveyId/report',
      body: bodies.ReportSurveyResults,
      roles: managers,
      summary: 'Record that the analysed results were reported, to whom, with a summary',
    },
    {
      command: 'RaiseSurveyImprovement',
      path: ':surveyId/improvements',
      body: bodies.RaiseSurveyImprovement,
      roles: managers,
      summary: 'Raise an improvement opportunity from the results; it is opened as its own improvement record',
      newIds: ['improvementId'],
    },
  ],
};
