import { describe, expect, it } from '@jest/globals';
import { specFor } from '../../test/decider-spec.js';
import { analyseSurvey } from './analysis.js';
import { surveyDecider } from './decider.js';
import { surveyEventSchemas, type SurveyEvent } from './events.js';

const spec = specFor(surveyDecider);
const surveyId = 's-2026';
const by = 'brm-1';
const at = '2026-05-01T09:00:00Z';

const plan = {
  title: 'Customer satisfaction 2026',
  period: { from: '2026-01-01', to: '2026-03-31' },
  sampleFrame: { customerIds: ['acme', 'globex'], serviceIds: ['mail', 'crm'], populationSize: 10 },
  samplingMethod: {
    kind: 'stratified-random' as const,
    strata: [
      { stratum: 'large', populationSize: 6, sampleSize: 3 },
      { stratum: 'small', populationSize: 4, sampleSize: 2 },
    ],
  },
  questions: [
    { questionId: 'q1', text: 'How satisfied are you with the service?' },
    { questionId: 'q2', text: 'How satisfied are you with the support?' },
  ],
  scale: { min: 1, max: 5 },
};
const planned: SurveyEvent = { type: 'SurveyPlanned', data: { surveyId, ...plan, at, by } };

const invite = (personId: string, customerId: string, serviceId: string, stratum: string) => ({
  respondent: { personId, name: `Person ${personId}`, email: `${personId}@example.com` },
  customerId,
  serviceId,
  stratum,
});
const invitations = [
  invite('p1', 'acme', 'mail', 'large'),
  invite('p2', 'acme', 'crm', 'large'),
  invite('p3', 'acme', 'mail', 'large'),
  invite('p4', 'globex', 'mail', 'small'),
  invite('p5', 'globex', 'crm', 'small'),
];
const drawn: SurveyEvent = { type: 'SurveySampleDrawn', data: { surveyId, invitations, at, by } };

const answers = (respondentId: string, ...scores: [string, number][]) => ({
  respondentId,
  scores: scores.map(([questionId, score]) => ({ questionId, score })),
});
const answered = [
  answers('p1', ['q1', 4], ['q2', 5]),
  answers('p2', ['q1', 2], ['q2', 3]),
  answers('p4', ['q1', 5], ['q2', 4]),
  answers('p5', ['q1', 3]),
];
const responses = answered.map((data): SurveyEvent => ({
  type: 'SurveyResponseRecorded',
  data: { surveyId, ...data, at, by },
}));
const closed: SurveyEvent = { type: 'SurveyClosed', data: { surveyId, at, by } };

const previous = {
  surveyId: 's-2025',
  analysis: {
    overallMean: 3.5,
    responseRate: 0.6,
    perQuestion: [
      { questionId: 'q1', answers: 6, mean: 3.75 },
      { questionId: 'q2', answers: 6, mean: 3.5 },
      { questionId: 'q3', answers: 6, mean: 4 },
    ],
  },
};

/** Worked by hand from the four responses above; see the analysis tests. */
const expectedAnalysis = {
  invited: 5,
  responses: 4,
  responseRate: 0.8,
  overallMean: 3.7143,
  perQuestion: [
    { questionId: 'q1', answers: 4, mean: 3.5 },
    { questionId: 'q2', answers: 3, mean: 4 },
  ],
  perCustomer: [
    { customerId: 'acme', invited: 3, responses: 2, mean: 3.5 },
    { customerId: 'globex', invited: 2, responses: 2, mean: 4 },
  ],
  perService: [
    { serviceId: 'mail', invited: 3, responses: 2, mean: 4.5 },
    { serviceId: 'crm', invited: 2, responses: 2, mean: 2.6667 },
  ],
  trend: {
    previousSurveyId: 's-2025',
    overallMeanChange: 0.2143,
    responseRateChange: 0.2,
    perQuestion: [
      { questionId: 'q1', previousMean: 3.75, mean: 3.5, change: -0.25 },
      { questionId: 'q2', previousMean: 3.5, mean: 4, change: 0.5 },
    ],
  },
};
const analysed: SurveyEvent = { type: 'SurveyAnalysed', data: { surveyId, analysis: expectedAnalysis, at, by } };

describe('customer satisfaction surveys (8.3.2)', () => {
  describe('planning', () => {
    it('plans a survey with its period, sample frame, sampling method, questions and scale', () => {
      spec
        .given()
        .when({ type: 'PlanSurvey', surveyId, ...plan, at, by })
        .then(planned);
    });

    it('refuses to plan the same survey twice', () => {
      spec
        .given(planned)
        .when({ type: 'PlanSurvey', surveyId, ...plan, at, by })
        .thenRefuses('already-exists', 'survey.already-exists');
    });

    it('does not know a survey that was never planned', () => {
      spec.given().when({ type: 'CloseSurvey', surveyId, at, by }).thenRefuses('not-found', 'survey.not-found');
    });

    it('refuses strata that do not add up to the population', () => {
      const strata = [{ stratum: 'large', populationSize: 6, sampleSize: 3 }];
      spec
        .given()
        .when({ type: 'PlanSurvey', surveyId, ...plan, samplingMethod: { kind: 'stratified-random', strata }, at, by })
        .thenRefuses('rule-violated', 'survey.strata-do-not-cover-population');
    });

    it('refuses a random sample larger than the population', () => {
      spec
        .given()
        .when({
          type: 'PlanSurvey',
          surveyId,
          ...plan,
          samplingMethod: { kind: 'simple-random', sampleSize: 11 },
          at,
          by,
        })
        .thenRefuses('rule-violated', 'survey.sample-larger-than-population');
    });

    it('refuses a scale whose lowest score is not below its highest', () => {
      spec
        .given()
        .when({ type: 'PlanSurvey', surveyId, ...plan, scale: { min: 5, max: 5 }, at, by })
        .thenRefuses('rule-violated', 'survey.invalid-scale');
    });

    it('refuses a period that ends before it starts', () => {
      spec
        .given()
        .when({ type: 'PlanSurvey', surveyId, ...plan, period: { from: '2026-03-31', to: '2026-01-01' }, at, by })
        .thenRefuses('rule-violated', 'survey.period-ends-before-start');
    });
  });

  describe('sampling', () => {
    it('draws the sample, which opens the survey to responses', () => {
      spec.given(planned).when({ type: 'DrawSurveySample', surveyId, invitations, at, by }).then(drawn);
    });

    it('refuses to draw the sample twice', () => {
      spec
        .given(planned, drawn)
        .when({ type: 'DrawSurveySample', surveyId, invitations, at, by })
        .thenRefuses('rule-violated', 'survey.sample-already-drawn');
    });

    it('refuses respondents outside the sample frame', () => {
      const outside = [...invitations.slice(0, 4), invite('p5', 'initech', 'crm', 'small')];
      spec
        .given(planned)
        .when({ type: 'DrawSurveySample', surveyId, invitations: outside, at, by })
        .thenRefuses('rule-violated', 'survey.outside-sample-frame');
    });

    it('refuses the same respondent twice', () => {
      const twice = [...invitations.slice(0, 4), invite('p4', 'globex', 'crm', 'small')];
      spec
        .given(planned)
        .when({ type: 'DrawSurveySample', surveyId, invitations: twice, at, by })
        .thenRefuses('rule-violated', 'survey.duplicate-respondent');
    });

    it('refuses a sample that does not match the planned size of a stratum', () => {
      const skewed = [...invitations.slice(0, 4), invite('p5', 'globex', 'crm', 'large')];
      spec
        .given(planned)
        .when({ type: 'DrawSurveySample', surveyId, invitations: skewed, at, by })
        .thenRefuses('rule-violated', 'survey.sample-size-mismatch');
    });

    it('refuses a census that leaves people out', () => {
      const census: SurveyEvent = {
        type: 'SurveyPlanned',
        data: { surveyId, ...plan, samplingMethod: { kind: 'census' }, at, by },
      };
      spec
        .given(census)
        .when({ type: 'DrawSurveySample', surveyId, invitations, at, by })
        .thenRefuses('rule-violated', 'survey.sample-size-mismatch');
    });
  });

  describe('responses', () => {
    it('records a response with scores per question and comments', () => {
      spec
        .given(planned, drawn)
        .when({
          type: 'RecordSurveyResponse',
          surveyId,
          respondentId: 'p1',
          scores: [{ questionId: 'q1', score: 4 }],
          comments: 'Fast support',
          at,
          by,
        })
        .then({
          type: 'SurveyResponseRecorded',
          data: {
            surveyId,
            respondentId: 'p1',
            scores: [{ questionId: 'q1', score: 4 }],
            comments: 'Fast support',
            at,
            by,
          },
        });
    });

    const answer = (respondentId: string, questionId: string, score: number) => ({
      type: 'RecordSurveyResponse' as const,
      surveyId,
      respondentId,
      scores: [{ questionId, score }],
      at,
      by,
    });

    it('refuses a response before the sample is drawn', () => {
      spec
        .given(planned)
        .when(answer('p1', 'q1', 4))
        .thenRefuses('rule-violated', 'survey.not-open');
    });

    it('refuses a response once the survey is closed', () => {
      spec
        .given(planned, drawn, closed)
        .when(answer('p1', 'q1', 4))
        .thenRefuses('rule-violated', 'survey.not-open');
    });

    it('refuses a second response from the same respondent', () => {
      spec
        .given(planned, drawn, responses[0]!)
        .when(answer('p1', 'q1', 4))
        .thenRefuses('rule-violated', 'survey.already-responded');
    });

    it('refuses a response from someone who was not invited', () => {
      spec
        .given(planned, drawn)
        .when(answer('p9', 'q1', 4))
        .thenRefuses('rule-violated', 'survey.not-in-sample');
    });

    it('refuses a score outside the scale', () => {
      spec
        .given(planned, drawn)
        .when(answer('p1', 'q1', 6))
        .thenRefuses('rule-violated', 'survey.score-out-of-scale');
    });

    it('refuses a score for a question that was not asked', () => {
      spec
        .given(planned, drawn)
        .when(answer('p1', 'q9', 3))
        .thenRefuses('rule-violated', 'survey.unknown-question');
    });

    it('refuses two scores for one question', () => {
      spec
        .given(planned, drawn)
        .when({
          ...answer('p1', 'q1', 3),
          scores: [
            { questionId: 'q1', score: 3 },
            { questionId: 'q1', score: 4 },
          ],
        })
        .thenRefuses('rule-violated', 'survey.duplicate-score');
    });

    it('closes the survey to responses', () => {
      spec.given(planned, drawn).when({ type: 'CloseSurvey', surveyId, at, by }).then(closed);
    });
  });

  describe('analysis', () => {
    it('computes means per question, customer and service, response rate and trend', () => {
      // q1: (4+2+5+3)/4 = 3.5; q2: (5+3+4)/3 = 4; overall 26/7 = 3.7143; response rate 4/5 = 0.8
      // acme (p1, p2): 14/4 = 3.5; globex (p4, p5): 12/3 = 4; mail (p1, p4): 18/4 = 4.5; crm (p2, p5): 8/3 = 2.6667
      // trend: 3.7143 - 3.5 = 0.2143; 0.8 - 0.6 = 0.2; q1 3.5 - 3.75 = -0.25; q2 4 - 3.5 = 0.5 (q3 no longer asked)
      const result = analyseSurvey({
        questionIds: ['q1', 'q2'],
        invitations,
        responses: answered,
        previous,
      });
      expect(result).toEqual(expectedAnalysis);
    });

    it('reports no means and no trend when nobody answered', () => {
      expect(analyseSurvey({ questionIds: ['q1'], invitations: invitations.slice(0, 2), responses: [] })).toEqual({
        invited: 2,
        responses: 0,
        responseRate: 0,
        overallMean: null,
        perQuestion: [{ questionId: 'q1', answers: 0, mean: null }],
        perCustomer: [{ customerId: 'acme', invited: 2, responses: 0, mean: null }],
        perService: [
          { serviceId: 'mail', invited: 1, responses: 0, mean: null },
          { serviceId: 'crm', invited: 1, responses: 0, mean: null },
        ],
        trend: null,
      });
    });

    it('records the analysis of a closed survey against the previous survey', () => {
      spec
        .given(planned, drawn, ...responses, closed)
        .when({ type: 'AnalyseSurvey', surveyId, previousSurveyId: 's-2025', previous, at, by })
        .then(analysed);
    });

    it('refuses to analyse a survey that is still open', () => {
      spec
        .given(planned, drawn, ...responses)
        .when({ type: 'AnalyseSurvey', surveyId, at, by })
        .thenRefuses('rule-violated', 'survey.not-closed');
    });

    it('refuses to analyse a survey twice', () => {
      spec
        .given(planned, drawn, ...responses, closed, analysed)
        .when({ type: 'AnalyseSurvey', surveyId, at, by })
        .thenRefuses('rule-violated', 'survey.already-analysed');
    });

    it('refuses a trend when the previous results were not supplied', () => {
      spec
        .given(planned, drawn, ...responses, closed)
        .when({ type: 'AnalyseSurvey', surveyId, previousSurveyId: 's-2025', at, by })
        .thenRefuses('rule-violated', 'survey.previous-results-missing');
    });
  });

  describe('reporting and improvement', () => {
    const recipients = [{ personId: 'p-cio', name: 'Dana CIO' }];

    it('reports the results to named recipients', () => {
      spec
        .given(planned, drawn, ...responses, closed, analysed)
        .when({
          type: 'ReportSurveyResults',
          surveyId,
          recipients,
          summary: 'Support rated lower than last year',
          at,
          by,
        })
        .then({
          type: 'SurveyResultsReported',
          data: { surveyId, recipients, summary: 'Support rated lower than last year', at, by },
        });
    });

    it('refuses to report results that were not analysed', () => {
      spec
        .given(planned, drawn, ...responses, closed)
        .when({ type: 'ReportSurveyResults', surveyId, recipients, summary: 's', at, by })
        .thenRefuses('rule-violated', 'survey.not-analysed');
    });

    it('raises an improvement opportunity from the analysis', () => {
      spec
        .given(planned, drawn, ...responses, closed, analysed)
        .when({
          type: 'RaiseSurveyImprovement',
          surveyId,
          improvementId: 'imp-7',
          description: 'Improve CRM support',
          at,
          by,
        })
        .then({
          type: 'SurveyImprovementRaised',
          data: { surveyId, improvementId: 'imp-7', description: 'Improve CRM support', at, by },
        });
    });

    it('refuses an improvement opportunity before the analysis', () => {
      spec
        .given(planned, drawn)
        .when({ type: 'RaiseSurveyImprovement', surveyId, improvementId: 'imp-7', description: 'd', at, by })
        .thenRefuses('rule-violated', 'survey.not-analysed');
    });
  });

  it('records events that match their published schemas', () => {
    for (const event of [planned, drawn, ...responses, closed, analysed] as SurveyEvent[]) {
      expect(surveyEventSchemas[event.type].safeParse(event.data).error).toBeUndefined();
    }
  });
});
