import { ensure } from '../shared/index.js';
import type { SurveyCommand } from './commands.js';
import type { SurveyState } from './state.js';

type PlanCommand = Extract<SurveyCommand, { type: 'PlanSurvey' }>;
type DrawCommand = Extract<SurveyCommand, { type: 'DrawSurveySample' }>;

/** A plan a reviewer can judge: a sensible period and scale, and a sample that fits the population. */
export function ensureSoundPlan({ period, sampleFrame, samplingMethod, questions, scale }: PlanCommand) {
  ensure(period.from <= period.to, 'survey.period-ends-before-start', 'The survey period ends before it starts');
  ensure(scale.min < scale.max, 'survey.invalid-scale', 'The lowest score must be below the highest');
  const questionIds = questions.map((question) => question.questionId);
  ensure(new Set(questionIds).size === questionIds.length, 'survey.duplicate-question', 'Each question once');
  const { populationSize } = sampleFrame;
  if (samplingMethod.kind === 'simple-random') {
    ensure(
      samplingMethod.sampleSize <= populationSize,
      'survey.sample-larger-than-population',
      `A sample of ${samplingMethod.sampleSize} cannot be drawn from ${populationSize} people`,
    );
  }
  if (samplingMethod.kind === 'stratified-random') {
    const { strata } = samplingMethod;
    const covered = strata.reduce((sum, stratum) => sum + stratum.populationSize, 0);
    ensure(
      covered === populationSize,
      'survey.strata-do-not-cover-population',
      `The strata hold ${covered} people; the population is ${populationSize}`,
    );
    ensure(
      strata.every((stratum) => stratum.sampleSize <= stratum.populationSize),
      'survey.sample-larger-than-population',
      'A stratum sample cannot be larger than the stratum',
    );
    const names = strata.map((stratum) => stratum.stratum);
    ensure(new Set(names).size === names.length, 'survey.duplicate-stratum', 'Each stratum once');
  }
}

/** The sample drawn must come from the frame and match the planned sampling method. */
export function ensureSampleMatchesPlan({ invitations }: DrawCommand, state: SurveyState) {
  const frame = state.sampleFrame;
  const method = state.samplingMethod;
  if (!frame || !method) return;
  ensure(
    invitations.every(
      (invitation) =>
        frame.customerIds.includes(invitation.customerId) && frame.serviceIds.includes(invitation.serviceId),
    ),
    'survey.outside-sample-frame',
    'Every respondent must belong to a customer and service in the sample frame',
  );
  const personIds = invitations.map((invitation) => invitation.respondent.personId);
  ensure(new Set(personIds).size === personIds.length, 'survey.duplicate-respondent', 'Each respondent once');
  const mismatch = (expected: number, actual: number, what: string) =>
    ensure(
      expected === actual,
      'survey.sample-size-mismatch',
      `The plan asks for ${expected} respondents${what}; ${actual} were drawn`,
    );
  switch (method.kind) {
    case 'census':
      return mismatch(frame.populationSize, invitations.length, ' (everyone)');
    case 'simple-random':
      return mismatch(method.sampleSize, invitations.length, '');
    case 'stratified-random':
      ensure(
        invitations.every((invitation) => method.strata.some((stratum) => stratum.stratum === invitation.stratum)),
        'survey.unknown-stratum',
        'Every respondent must name a planned stratum',
      );
      for (const { stratum, sampleSize } of method.strata) {
        const drawn = invitations.filter((invitation) => invitation.stratum === stratum).length;
        mismatch(sampleSize, drawn, ` in stratum ${stratum}`);
      }
      return;
    default: {
      const unhandled: never = method;
      throw new Error(`Unhandled sampling method ${JSON.stringify(unhandled)}`);
    }
  }
}
