import { z } from 'zod';
import {
  agreementKindSchema,
  serviceCreditSchema,
  serviceExceptionsSchema,
  serviceLevelTargetSchema,
  workloadLimitSchema,
} from '../agreements/index.js';
import { isoInstantSchema } from '../shared/calendar.js';
import { exceptionBasisSchema } from './events.js';

/** What opening a period takes from the agreement stream: the version in force at the period's start. */
export const serviceLevelPeriodTermsSchema = z.object({
  agreementKind: agreementKindSchema,
  agreementVersion: z.number().int().positive(),
  targets: z.array(serviceLevelTargetSchema),
  workloadLimits: z.array(workloadLimitSchema),
  serviceCredits: z.array(serviceCreditSchema),
  exceptions: serviceExceptionsSchema,
});
export type ServiceLevelPeriodTerms = z.infer<typeof serviceLevelPeriodTermsSchema>;

/** HTTP request bodies of the service level commands; unknown fields are refused. */
export const serviceLevelCommandBodies = {
  /** The agreement's terms for the period are added by the handler (see `periodTermsInForce`). */
  OpenServiceLevelPeriod: z.object({ start: isoInstantSchema, end: isoInstantSchema }).strict(),
  RecordMeasurement: z
    .object({ targetId: z.string().min(1), value: z.number(), source: z.string().min(1), measuredAt: isoInstantSchema })
    .strict(),
  CorrectMeasurement: z
    .object({ measurementId: z.string().min(1), value: z.number(), reason: z.string().min(1) })
    .strict(),
  RecordWorkload: z
    .object({ limitId: z.string().min(1), actual: z.number(), source: z.string().min(1), measuredAt: isoInstantSchema })
    .strict(),
  ClaimException: z
    .object({
      targetId: z.string().min(1).optional(),
      excludedMinutes: z.number(),
      basis: exceptionBasisSchema,
      reason: z.string().min(1),
      accountablePersonId: z.string().min(1),
    })
    .strict(),
  ApproveException: z.object({ claimId: z.string().min(1), reason: z.string().optional() }).strict(),
  RejectException: z.object({ claimId: z.string().min(1), reason: z.string().min(1) }).strict(),
  CloseServiceLevelPeriod: z.object({}).strict(),
};

type Bodies = typeof serviceLevelCommandBodies;
/** zod infers an empty object as Record<string, never>; a command without payload adds nothing. */
type Payload<T> = string extends keyof T ? unknown : T;
/** What the handler adds to a command: generated ids, or data read from another stream. */
interface GeneratedIds {
  OpenServiceLevelPeriod: ServiceLevelPeriodTerms;
  RecordMeasurement: { measurementId: string };
  CorrectMeasurement: { correctionId: string };
  RecordWorkload: { workloadRecordId: string };
  ClaimException: { claimId: string };
}
type Generated<K> = K extends keyof GeneratedIds ? GeneratedIds[K] : unknown;

/** `agreementId` and `periodId` from the URL, `at` the handler's clock, `by` the authenticated actor. */
export type ServiceLevelCommand = {
  [K in keyof Bodies]: { type: K; agreementId: string; periodId: string; at: string; by: string } & Generated<K> &
    Payload<z.infer<Bodies[K]>>;
}[keyof Bodies];
export type ServiceLevelCommandOf<K extends ServiceLevelCommand['type']> = Extract<ServiceLevelCommand, { type: K }>;
