import { z } from 'zod';
import { isoDurationSchema, isoInstantSchema } from '../shared/calendar.js';

const id = z.string().min(1);
const at = isoInstantSchema.describe('When the step was recorded (ISO 8601 instant)');
const by = id.describe('Person id of the actor who recorded the step');

export const complaintChannels = ['email', 'phone', 'portal', 'letter', 'in-person', 'meeting', 'other'] as const;

/** Personal data of the person who complained, grouped so it can be encrypted per person. */
export const complainantSchema = z
  .object({
    personId: id,
    name: z.string().min(1).optional(),
    email: z.email().optional(),
    phone: z.string().min(1).optional(),
  })
  .describe('The person who complained (personal data, encrypted per person)');

export const complaintClosureSchema = z.discriminatedUnion('basis', [
  z.object({
    basis: z.literal('customer-confirmed'),
    confirmedBy: id.describe('Person id of the customer contact who confirmed the resolution'),
  }),
  z.object({
    basis: z.literal('no-answer'),
    waitedFor: isoDurationSchema.describe('The stated time without an answer from the customer after the resolution'),
    resolvedAt: isoInstantSchema.describe('When the resolution the customer did not answer was recorded'),
  }),
]);

export const complaintEventSchemas = {
  ComplaintRecorded: z.object({
    complaintId: id,
    customerId: id.describe('Party id of the customer the complaint comes from'),
    serviceId: id.describe('The service complained about'),
    description: z.string().min(1),
    channel: z.enum(complaintChannels).describe('How the complaint reached the service provider'),
    receivedAt: isoInstantSchema.describe('When the complaint was received'),
    complainant: complainantSchema.optional(),
    at,
    by,
  }),
  ComplaintAssigned: z.object({
    complaintId: id,
    assigneeId: id.describe('Person id of the person now managing the complaint'),
    at,
    by,
  }),
  ComplaintInvestigated: z.object({ complaintId: id, findings: z.string().min(1), at, by }),
  ComplaintActionTaken: z.object({ complaintId: id, action: z.string().min(1), at, by }),
  ComplaintEscalated: z.object({
    complaintId: id,
    route: z.string().min(1).describe('The escalation route used outside the normal channel, e.g. "service owner"'),
    escalatedTo: id.describe('Person id of the person the complaint was escalated to'),
    reason: z.string().min(1),
    at,
    by,
  }),
  ComplaintResolved: z.object({ complaintId: id, resolution: z.string().min(1), at, by }),
  ComplaintClosed: z.object({
    complaintId: id,
    closure: complaintClosureSchema.describe('Why the complaint could be closed'),
    at,
    by,
  }),
  ComplaintReopened: z.object({ complaintId: id, reason: z.string().min(1), at, by }),
  ComplaintImprovementRaised: z.object({
    complaintId: id,
    improvementId: id.describe('Id of the improvement stream created for the opportunity'),
    description: z.string().min(1),
    at,
    by,
  }),
};

type Schemas = typeof complaintEventSchemas;
export type ComplaintEvent = { [K in keyof Schemas]: { type: K; data: z.infer<Schemas[K]> } }[keyof Schemas];
export type ComplaintChannel = (typeof complaintChannels)[number];
