import { z } from 'zod';
import { isoDateSchema, isoInstantSchema } from '../shared/calendar.js';

const improvementId = z.string().min(1);
const at = isoInstantSchema.describe('When the step was taken');
const by = z.string().min(1).describe('Person id of the actor');

export const IMPROVEMENT_CAUSE_KINDS = [
  'target-breached',
  'workload-limit-exceeded',
  'complaint',
  'survey',
  'review',
  'dispute',
  'manual',
] as const;
export type ImprovementCauseKind = (typeof IMPROVEMENT_CAUSE_KINDS)[number];

export const improvementCauseSchema = z.strictObject({
  kind: z.enum(IMPROVEMENT_CAUSE_KINDS),
  streamId: z.string().min(1).describe('Stream of the record that gave rise to the opportunity'),
  eventId: z.string().min(1).optional().describe('The event that gave rise to it, when one did'),
});
export type ImprovementCause = z.infer<typeof improvementCauseSchema>;

export const improvementEvidenceSchema = z.strictObject({
  description: z.string().min(1),
  reference: z.string().min(1).optional().describe('Where the evidence is kept: a document, a stream id, a URL'),
});

export const improvementEventSchemas = {
  ImprovementOpportunityRaised: z.object({
    improvementId,
    title: z.string(),
    description: z.string(),
    cause: improvementCauseSchema.optional().describe('Absent when raised by hand without a recorded cause'),
    agreementId: z.string().optional().describe('The agreement concerned, if any'),
    at,
    by,
  }),
  ImprovementOwnerAssigned: z.object({ improvementId, ownerId: z.string().describe('Person id of the owner'), at, by }),
  ImprovementActionAdded: z.object({
    improvementId,
    actionId: z.string(),
    description: z.string(),
    dueOn: isoDateSchema.optional(),
    assigneeId: z.string().optional(),
    at,
    by,
  }),
  ImprovementActionCompleted: z.object({ improvementId, actionId: z.string(), outcome: z.string(), at, by }),
  ImprovementOpportunityClosed: z.object({
    improvementId,
    summary: z.string(),
    evidence: z.array(improvementEvidenceSchema),
    at,
    by,
  }),
  ImprovementOpportunityRejected: z.object({ improvementId, reason: z.string(), at, by }),
};

type Schemas = typeof improvementEventSchemas;
export type ImprovementEvent = { [K in keyof Schemas]: { type: K; data: z.infer<Schemas[K]> } }[keyof Schemas];
export type ImprovementEventType = ImprovementEvent['type'];
