import { z } from 'zod';

const id = z.string().min(1);
const text = z.string().min(1);
const date = z.iso.date();
const count = z.int().min(0);
const at = z.iso.datetime({ offset: true }).describe('When the step was recorded (ISO 8601 instant)');
const by = id.describe('Person id of the actor who recorded the step');

/** Who the survey could reach; a reviewer compares the sample drawn against it. */
export const sampleFrameSchema = z.object({
  customerIds: z.array(id).min(1).describe('Party ids of the customers in scope'),
  serviceIds: z.array(id).min(1).describe('Ids of the services in scope'),
  populationSize: z.int().min(1).describe('Number of people who could be asked (the population)'),
});

export const stratumSchema = z.object({
  stratum: id.describe('Name of the stratum, e.g. "large customers"'),
  populationSize: z.int().min(1),
  sampleSize: z.int().min(1),
});

/** How respondents are chosen from the frame: everyone, at random, or at random per stratum. */
export const samplingMethodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('census') }),
  z.object({ kind: z.literal('simple-random'), sampleSize: z.int().min(1) }),
  z.object({ kind: z.literal('stratified-random'), strata: z.array(stratumSchema).min(1) }),
]);

export const questionSchema = z.object({ questionId: id, text });

export const scaleSchema = z
  .object({ min: z.number(), max: z.number() })
  .describe('The scale every question is scored on, e.g. 1 (very dissatisfied) to 5 (very satisfied)');

/** A respondent's contact details: personal data, grouped to be encrypted per person. */
export const respondentSchema = z
  .object({ personId: id, name: text.optional(), email: z.email().optional() })
  .describe('The person invited (personal data, encrypted per person)');

export const invitationSchema = z.object({
  respondent: respondentSchema,
  customerId: id.describe('The customer the respondent speaks for'),
  serviceId: id.describe('The service the respondent is asked about'),
  stratum: id.optional().describe('The stratum the respondent was drawn from, for stratified sampling'),
});

export const questionScoreSchema = z.object({ questionId: id, score: z.number() });

const groupResult = {
  invited: count,
  responses: count,
  mean: z.number().nullable().describe('Mean of all scores given; null when nobody answered'),
};

export const surveyAnalysisSchema = z.object({
  invited: count,
  responses: count,
  responseRate: z.number().describe('Responses divided by people invited, 0 to 1'),
  overallMean: z.number().nullable().describe('Mean of all scores given; null without responses'),
  perQuestion: z.array(z.object({ questionId: id, answers: count, mean: z.number().nullable() })),
  perCustomer: z.array(z.object({ customerId: id, ...groupResult })),
  perService: z.array(z.object({ serviceId: id, ...groupResult })),
  trend: z
    .object({
      previousSurveyId: id,
      overallMeanChange: z.number().nullable().describe('This overall mean minus the previous one'),
      responseRateChange: z.number().describe('This response rate minus the previous one'),
      perQuestion: z.array(
        z.object({ questionId: id, previousMean: z.number(), mean: z.number(), change: z.number() }),
      ),
    })
    .nullable()
    .describe('Change against the previous survey; null when there is none'),
});

export const surveyEventSchemas = {
  SurveyPlanned: z.object({
    surveyId: id,
    title: text,
    period: z.object({ from: date, to: date }).describe('The period the survey measures'),
    sampleFrame: sampleFrameSchema,
    samplingMethod: samplingMethodSchema,
    questions: z.array(questionSchema).min(1),
    scale: scaleSchema,
    at,
    by,
  }),
  SurveySampleDrawn: z.object({ surveyId: id, invitations: z.array(invitationSchema).min(1), at, by }),
  SurveyResponseRecorded: z.object({
    surveyId: id,
    respondentId: id.describe('Person id of the respondent'),
    scores: z.array(questionScoreSchema).min(1),
    comments: text.optional(),
    at,
    by,
  }),
  SurveyClosed: z.object({ surveyId: id, at, by }),
  SurveyAnalysed: z.object({ surveyId: id, analysis: surveyAnalysisSchema, at, by }),
  SurveyResultsReported: z.object({
    surveyId: id,
    recipients: z
      .array(z.object({ personId: id, name: text }).describe('A recipient (personal data, encrypted per person)'))
      .min(1),
    summary: text,
    at,
    by,
  }),
  SurveyImprovementRaised: z.object({
    surveyId: id,
    improvementId: id.describe('Id of the improvement stream created for the opportunity'),
    description: text,
    at,
    by,
  }),
};

type Schemas = typeof surveyEventSchemas;
export type SurveyEvent = { [K in keyof Schemas]: { type: K; data: z.infer<Schemas[K]> } }[keyof Schemas];
export type SurveyAnalysis = z.infer<typeof surveyAnalysisSchema>;
export type SamplingMethod = z.infer<typeof samplingMethodSchema>;
export type SurveyInvitation = z.infer<typeof invitationSchema>;
export type QuestionScore = z.infer<typeof questionScoreSchema>;
