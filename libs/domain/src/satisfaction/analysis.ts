import type { QuestionScore, SurveyAnalysis, SurveyInvitation } from './events.js';

/** What the analysis needs of the previous survey: its own analysis, as recorded. */
export interface PreviousSurveyResults {
  readonly surveyId: string;
  readonly analysis: Pick<SurveyAnalysis, 'overallMean' | 'responseRate' | 'perQuestion'>;
}

export interface AnalysisInput {
  readonly questionIds: readonly string[];
  readonly invitations: readonly Pick<SurveyInvitation, 'customerId' | 'serviceId' | 'respondent'>[];
  readonly responses: readonly { readonly respondentId: string; readonly scores: readonly QuestionScore[] }[];
  readonly previous?: PreviousSurveyResults;
}

/** Four decimals keep results readable and identical on every replay. */
const round = (value: number) => Math.round(value * 10_000) / 10_000;
const meanOf = (values: readonly number[]) =>
  values.length === 0 ? null : round(values.reduce((sum, value) => sum + value, 0) / values.length);

/**
 * Means per question, per customer and per service, the response rate, and
 * the change against the previous survey. A customer's or service's mean is
 * the mean of every score its respondents gave, so each answer weighs the same.
 */
export function analyseSurvey({ questionIds, invitations, responses, previous }: AnalysisInput): SurveyAnalysis {
  const invitationOf = new Map(invitations.map((invitation) => [invitation.respondent.personId, invitation]));
  const answered = responses.map((response) => ({ ...response, invitation: invitationOf.get(response.respondentId) }));
  const allScores = answered.flatMap((response) => response.scores.map((score) => score.score));

  const group = (key: 'customerId' | 'serviceId') =>
    [...new Set(invitations.map((invitation) => invitation[key]))].map((value) => {
      const mine = answered.filter((response) => response.invitation?.[key] === value);
      return {
        value,
        invited: invitations.filter((invitation) => invitation[key] === value).length,
        responses: mine.length,
        mean: meanOf(mine.flatMap((response) => response.scores.map((score) => score.score))),
      };
    });

  const perQuestion = questionIds.map((questionId) => {
    const scores = responses.flatMap((response) =>
      response.scores.filter((score) => score.questionId === questionId).map((score) => score.score),
    );
    return { questionId, answers: scores.length, mean: meanOf(scores) };
  });
  const responseRate = invitations.length === 0 ? 0 : round(responses.length / invitations.length);
  const overallMean = meanOf(allScores);

  return {
    invited: invitations.length,
    responses: responses.length,
    responseRate,
    overallMean,
    perQuestion,
    perCustomer: group('customerId').map(({ value, ...result }) => ({ customerId: value, ...result })),
    perService: group('serviceId').map(({ value, ...result }) => ({ serviceId: value, ...result })),
    trend: previous ? trendAgainst(previous, { overallMean, responseRate, perQuestion }) : null,
  };
}

function trendAgainst(
  previous: PreviousSurveyResults,
  current: Pick<SurveyAnalysis, 'overallMean' | 'responseRate' | 'perQuestion'>,
): SurveyAnalysis['trend'] {
  const before = previous.analysis;
  const perQuestion = current.perQuestion.flatMap(({ questionId, mean }) => {
    const previousMean = before.perQuestion.find((question) => question.questionId === questionId)?.mean;
    if (mean === null || previousMean === null || previousMean === undefined) return [];
    return [{ questionId, previousMean, mean, change: round(mean - previousMean) }];
  });
  return {
    previousSurveyId: previous.surveyId,
    overallMeanChange:
      current.overallMean === null || before.overallMean === null
        ? null
        : round(current.overallMean - before.overallMean),
    responseRateChange: round(current.responseRate - before.responseRate),
    perQuestion,
  };
}
