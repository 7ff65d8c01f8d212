import { z } from 'zod';
import {
  agreementKindSchema,
  serviceCreditSchema,
  serviceExceptionsSchema,
  serviceLevelTargetSchema,
  targetLevelSchema,
  workloadLimitSchema,
} from '../agreements/index.js';
import { isoInstantSchema } from '../shared/calendar.js';

const agreementId = z.string().min(1);
const periodId = z.string().min(1).describe('The reporting period, e.g. 2026-03');
const at = isoInstantSchema.describe('When the step was taken');
const by = z.string().min(1).describe('Person id of the actor');
const agreementVersion = z.number().int().positive().describe('Agreement version in force during the period');

export const EXCEPTION_BASES = ['planned-maintenance', 'excluded-cause'] as const;
export const exceptionBasisSchema = z.strictObject({
  kind: z.enum(EXCEPTION_BASES),
  referenceId: z.string().min(1).describe('windowId or causeId in the agreement’s exceptions'),
});

const judged = {
  agreementId,
  periodId,
  agreementVersion,
  targetId: z.string(),
  target: targetLevelSchema.describe('The target of the version in force during the period'),
  measurementId: z.string().describe('The measurement judged (its latest correction applies)'),
  measuredValue: z.number().describe('Measured value, after corrections'),
  excludedMinutes: z.number().describe('Approved excluded downtime applied to this target'),
  judgedValue: z
    .number()
    .describe('Value compared with the target: adjusted for approved exceptions where the method says so'),
  at,
  by,
};
const workload = {
  agreementId,
  periodId,
  agreementVersion,
  limitId: z.string(),
  limit: z.number(),
  unit: z.string(),
  actual: z.number(),
  at,
  by,
};

export const serviceLevelEventSchemas = {
  ServiceLevelPeriodOpened: z.object({
    agreementId,
    periodId,
    start: isoInstantSchema,
    end: isoInstantSchema.describe('End of the period (exclusive)'),
    agreementKind: agreementKindSchema,
    agreementVersion,
    targets: z.array(serviceLevelTargetSchema),
    workloadLimits: z.array(workloadLimitSchema),
    serviceCredits: z.array(serviceCreditSchema),
    exceptions: serviceExceptionsSchema,
    at,
    by,
  }),
  MeasurementRecorded: z.object({
    agreementId,
    periodId,
    measurementId: z.string(),
    targetId: z.string(),
    value: z.number(),
    source: z.string().describe('Where the value comes from, e.g. a monitoring tool or report'),
    measuredAt: isoInstantSchema,
    at,
    by,
  }),
  MeasurementCorrected: z.object({
    agreementId,
    periodId,
    correctionId: z.string(),
    measurementId: z.string().describe('The measurement corrected; it stays on record'),
    targetId: z.string(),
    value: z.number().describe('The corrected value, which supersedes the measured one'),
    reason: z.string(),
    at,
    by,
  }),
  WorkloadRecorded: z.object({
    agreementId,
    periodId,
    workloadRecordId: z.string(),
    limitId: z.string(),
    actual: z.number().describe('Actual workload in the period so far, in the unit of the limit'),
    source: z.string(),
    measuredAt: isoInstantSchema,
    at,
    by,
  }),
  ExceptionClaimed: z.object({
    agreementId,
    periodId,
    claimId: z.string(),
    targetId: z.string().optional().describe('The target the downtime is excluded from; all targets when absent'),
    excludedMinutes: z.number(),
    basis: exceptionBasisSchema,
    reason: z.string(),
    accountablePersonId: z.string().describe('Person accountable for the exception'),
    at,
    by,
  }),
  ExceptionApproved: z.object({ agreementId, periodId, claimId: z.string(), reason: z.string().optional(), at, by }),
  ExceptionRejected: z.object({ agreementId, periodId, claimId: z.string(), reason: z.string(), at, by }),
  ServiceLevelTargetMet: z.object(judged),
  ServiceLevelTargetBreached: z.object({
    ...judged,
    serviceCreditPercent: z.number().describe('Share of the charge credited for the tier reached; 0 when no tier'),
    serviceCreditLevel: z.number().optional().describe('Level of the credit tier reached'),
  }),
  ServiceLevelTargetNotMeasured: z.object({
    agreementId,
    periodId,
    agreementVersion,
    targetId: z.string(),
    target: targetLevelSchema,
    at,
    by,
  }),
  WorkloadWithinLimit: z.object(workload),
  WorkloadLimitExceeded: z.object(workload),
  WorkloadNotRecorded: z.object({
    agreementId,
    periodId,
    agreementVersion,
    limitId: z.string(),
    limit: z.number(),
    unit: z.string(),
    at,
    by,
  }),
  ServiceLevelPeriodClosed: z.object({
    agreementId,
    periodId,
    agreementVersion,
    targetsMet: z.number().int(),
    targetsBreached: z.number().int(),
    targetsNotMeasured: z.number().int(),
    workloadLimitsExceeded: z.number().int(),
    at,
    by,
  }),
};

type Schemas = typeof serviceLevelEventSchemas;
export type ServiceLevelEvent = { [K in keyof Schemas]: { type: K; data: z.infer<Schemas[K]> } }[keyof Schemas];
export type ServiceLevelEventType = ServiceLevelEvent['type'];
export type ServiceLevelEventOf<K extends ServiceLevelEventType> = Extract<ServiceLevelEvent, { type: K }>;
