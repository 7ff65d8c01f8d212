import { z } from 'zod';
import { isoDateDurationSchema, isoDateSchema, isoInstantSchema } from '../shared/calendar.js';

const id = z.string().min(1);
const text = z.string().min(1);
const at = isoInstantSchema.describe('When the step was recorded (ISO 8601 instant)');
const by = id.describe('Person id of the actor who recorded the step');

export const reviewSubjectKinds = ['customer-relationship', 'agreement', 'supplier', 'contract'] as const;

/** What is reviewed. Every review event carries it, so each event shows the clause it evidences. */
export const reviewSubjectSchema = z.object({
  kind: z.enum(reviewSubjectKinds),
  id: id.describe('Id of the reviewed party (customer relationship, supplier), agreement or contract'),
});

/** Attendees are named, so their personal data is grouped per person. */
export const reviewAttendeeSchema = z
  .object({ personId: id, name: text })
  .describe('A person who attended the review (personal data, encrypted per person)');

export const performanceTrendSchema = z.object({
  indicator: text.describe('What was looked at, e.g. "availability" or "incidents per month"'),
  trend: z.enum(['improving', 'stable', 'deteriorating']),
  note: text.optional(),
});

export const reviewEventSchemas = {
  ReviewScheduled: z.object({
    reviewId: id,
    subject: reviewSubjectSchema,
    dueOn: isoDateSchema.describe('The date the review is due'),
    interval: isoDateDurationSchema.describe(
      'The planned interval between reviews of this subject (ISO 8601 duration)',
    ),
    previousReviewId: id.optional().describe('The review this one follows, when scheduled from it'),
    at,
    by,
  }),
  ReviewRescheduled: z.object({
    reviewId: id,
    subject: reviewSubjectSchema,
    dueOn: isoDateSchema.describe('The new due date'),
    previousDueOn: isoDateSchema,
    reason: text,
    at,
    by,
  }),
  ReviewCancelled: z.object({ reviewId: id, subject: reviewSubjectSchema, reason: text, at, by }),
  ReviewHeld: z.object({
    reviewId: id,
    subject: reviewSubjectSchema,
    heldOn: isoDateSchema,
    attendees: z.array(reviewAttendeeSchema).min(1),
    performanceTrends: z.array(performanceTrendSchema).describe('Performance trends considered'),
    workload: text.describe('The workload considered: actual against expected or agreed limits'),
    findings: z.array(text),
    decisions: z.array(text),
    at,
    by,
  }),
  NextReviewScheduled: z.object({
    reviewId: id,
    subject: reviewSubjectSchema,
    nextReviewId: id.describe('Id of the review stream to create for the next review'),
    dueOn: isoDateSchema.describe('When the next review is due, one interval on'),
    interval: isoDateDurationSchema,
    at,
    by,
  }),
  ReviewActionAgreed: z.object({
    reviewId: id,
    subject: reviewSubjectSchema,
    actionId: id,
    description: text,
    ownerId: id.describe('Person id of the owner of the action'),
    dueOn: isoDateSchema,
    at,
    by,
  }),
  ReviewActionCompleted: z.object({
    reviewId: id,
    subject: reviewSubjectSchema,
    actionId: id,
    outcome: text,
    at,
    by,
  }),
};

type Schemas = typeof reviewEventSchemas;
export type ReviewEvent = { [K in keyof Schemas]: { type: K; data: z.infer<Schemas[K]> } }[keyof Schemas];
export type ReviewSubject = z.infer<typeof reviewSubjectSchema>;
