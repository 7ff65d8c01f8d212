import { alreadyExists, ensure, notFound } from '../shared/index.js';
import { analyseSurvey } from './analysis.js';
import type { SurveyCommand } from './commands.js';
import type { SurveyEvent } from './events.js';
import { ensureSampleMatchesPlan, ensureSoundPlan } from './sampling.js';
import type { SurveyState } from './state.js';

export function decideSurvey(command: SurveyCommand, state: SurveyState): SurveyEvent[] {
  const { surveyId, at, by } = command;
  if (command.type === 'PlanSurvey') {
    if (state.status !== 'none') throw alreadyExists('survey.already-exists', `Survey ${surveyId} exists`);
    ensureSoundPlan(command);
    const { title, period, sampleFrame, samplingMethod, questions, scale } = command;
    const data = { surveyId, title, period, sampleFrame, samplingMethod, questions, scale };
    return [{ type: 'SurveyPlanned', data: { ...data, at, by } }];
  }
  if (state.status === 'none') throw notFound('survey.not-found', `Survey ${surveyId} does not exist`);

  switch (command.type) {
    case 'DrawSurveySample':
      ensure(state.status === 'planned', 'survey.sample-already-drawn', 'The sample of this survey is already drawn');
      ensureSampleMatchesPlan(command, state);
      return [{ type: 'SurveySampleDrawn', data: { surveyId, invitations: command.invitations, at, by } }];
    case 'RecordSurveyResponse': {
      const { respondentId, scores, comments } = command;
      ensureOpen(state);
      ensureValidResponse(command, state);
      const data = { surveyId, respondentId, scores, ...(comments && { comments }) };
      return [{ type: 'SurveyResponseRecorded', data: { ...data, at, by } }];
    }
    case 'CloseSurvey':
      ensureOpen(state);
      return [{ type: 'SurveyClosed', data: { surveyId, at, by } }];
    case 'AnalyseSurvey': {
      ensure(state.status !== 'analysed', 'survey.already-analysed', 'The survey is already analysed');
      ensure(state.status === 'closed', 'survey.not-closed', 'A survey is analysed once it is closed to responses');
      const { previousSurveyId, previous } = command;
      ensure(
        previousSurveyId !== surveyId,
        'survey.compared-with-itself',
        'A survey cannot be its own previous survey',
      );
      ensure(
        previous?.surveyId === previousSurveyId,
        'survey.previous-results-missing',
        `The results of the previous survey ${previousSurveyId} are not analysed`,
      );
      const { questionIds, invitations, responses } = state;
      const analysis = analyseSurvey({ questionIds, invitations, responses, ...(previous && { previous }) });
      return [{ type: 'SurveyAnalysed', data: { surveyId, analysis, at, by } }];
    }
    case 'ReportSurveyResults': {
      ensureAnalysed(state);
      const { recipients, summary } = command;
      return [{ type: 'SurveyResultsReported', data: { surveyId, recipients, summary, at, by } }];
    }
    case 'RaiseSurveyImprovement': {
      ensureAnalysed(state);
      const { improvementId, description } = command;
      ensure(
        !state.improvementIds.includes(improvementId),
        'survey.improvement-already-raised',
        `Improvement ${improvementId} was already raised from this survey`,
      );
      return [{ type: 'SurveyImprovementRaised', data: { surveyId, improvementId, description, at, by } }];
    }
    default: {
      const unhandled: never = command;
      throw new Error(`Unhandled survey command ${JSON.stringify(unhandled)}`);
    }
  }
}

function ensureOpen(state: SurveyState) {
  ensure(
    state.status === 'open',
    'survey.not-open',
    'The survey takes responses only between drawing the sample and closing',
  );
}

function ensureAnalysed(state: SurveyState) {
  ensure(state.status === 'analysed', 'survey.not-analysed', 'The survey has not been analysed yet');
}

type ResponseCommand = Extract<SurveyCommand, { type: 'RecordSurveyResponse' }>;

/** One response per invited respondent, on the planned questions and scale. */
function ensureValidResponse({ respondentId, scores }: ResponseCommand, state: SurveyState) {
  ensure(
    state.invitations.some((invitation) => invitation.respondent.personId === respondentId),
    'survey.not-in-sample',
    `${respondentId} was not invited to this survey`,
  );
  ensure(
    !state.responses.some((response) => response.respondentId === respondentId),
    'survey.already-responded',
    `${respondentId} has already responded`,
  );
  const questionIds = scores.map((score) => score.questionId);
  ensure(
    questionIds.every((questionId) => state.questionIds.includes(questionId)),
    'survey.unknown-question',
    'Scores are given only for the planned questions',
  );
  ensure(new Set(questionIds).size === questionIds.length, 'survey.duplicate-score', 'Each question is scored once');
  const scale = state.scale ?? { min: -Infinity, max: Infinity };
  ensure(
    scores.every((score) => score.score >= scale.min && score.score <= scale.max),
    'survey.score-out-of-scale',
    `Scores lie between ${scale.min} and ${scale.max}`,
  );
}
