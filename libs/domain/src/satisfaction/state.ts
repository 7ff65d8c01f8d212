import type { QuestionScore, SamplingMethod, SurveyInvitation } from './events.js';

/** Planned, then open once the sample is drawn, closed to responses, analysed. */
export type SurveyStatus = 'none' | 'planned' | 'open' | 'closed' | 'analysed';

export interface SurveyState {
  readonly status: SurveyStatus;
  readonly sampleFrame: {
    readonly customerIds: readonly string[];
    readonly serviceIds: readonly string[];
    readonly populationSize: number;
  } | null;
  readonly samplingMethod: SamplingMethod | null;
  readonly questionIds: readonly string[];
  readonly scale: { readonly min: number; readonly max: number } | null;
  readonly invitations: readonly SurveyInvitation[];
  readonly responses: readonly { readonly respondentId: string; readonly scores: readonly QuestionScore[] }[];
  readonly improvementIds: readonly string[];
}

export const initialSurveyState: SurveyState = {
  status: 'none',
  sampleFrame: null,
  samplingMethod: null,
  questionIds: [],
  scale: null,
  invitations: [],
  responses: [],
  improvementIds: [],
};
