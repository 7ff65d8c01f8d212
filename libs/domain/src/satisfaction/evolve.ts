import type { SurveyEvent } from './events.js';
import type { SurveyState } from './state.js';

export function evolveSurvey(state: SurveyState, event: SurveyEvent): SurveyState {
  switch (event.type) {
    case 'SurveyPlanned': {
      const { sampleFrame, samplingMethod, questions, scale } = event.data;
      const questionIds = questions.map((question) => question.questionId);
      return { ...state, status: 'planned', sampleFrame, samplingMethod, questionIds, scale };
    }
    case 'SurveySampleDrawn':
      return { ...state, status: 'open', invitations: event.data.invitations };
    case 'SurveyResponseRecorded': {
      const { respondentId, scores } = event.data;
      return { ...state, responses: [...state.responses, { respondentId, scores }] };
    }
    case 'SurveyClosed':
      return { ...state, status: 'closed' };
    case 'SurveyAnalysed':
      return { ...state, status: 'analysed' };
    case 'SurveyResultsReported':
      return state;
    case 'SurveyImprovementRaised':
      return { ...state, improvementIds: [...state.improvementIds, event.data.improvementId] };
    default: {
      const unhandled: never = event;
      throw new Error(`Unhandled survey event ${JSON.stringify(unhandled)}`);
    }
  }
}
