import { z } from 'zod';

const id = z.string().min(1);
const text = z.string().min(1);
const at = z.iso.datetime({ offset: true }).describe('When the step was recorded (ISO 8601 instant)');
const by = id.describe('Person id of the actor who recorded the step');

/** The two sides of a dispute: the service provider and the other party (supplier or customer). */
export const disputeSides = ['provider', 'party'] as const;
export const disputeSideSchema = z.enum(disputeSides);

export const moneySchema = z
  .object({
    value: z
      .string()
      .regex(/^\d+(\.\d{1,4})?$/, 'expected a decimal amount such as 1250.00')
      .describe('Decimal amount as a string, so no precision is lost'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code')
      .describe('ISO 4217 currency code'),
  })
  .describe('An amount of money');

/** What is disputed: an agreement itself, one of its measurements, or one of its charges. */
export const disputeSubjectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agreement'), agreementId: id }),
  z.object({ kind: z.literal('measurement'), agreementId: id, measurementId: id }),
  z.object({ kind: z.literal('charge'), agreementId: id, chargeId: id }),
]);

export const sha256Schema = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'expected a SHA-256 digest of 64 hexadecimal characters')
  .describe('SHA-256 digest of the evidence document, 64 hexadecimal characters');

export const disputeEventSchemas = {
  DisputeRaised: z.object({
    disputeId: id,
    partyId: id.describe('The party the dispute is with'),
    raisedBy: disputeSideSchema.describe('Which side raised the dispute'),
    subject: disputeSubjectSchema,
    claim: text.describe('What the raising side claims'),
    amount: moneySchema.optional().describe('The amount claimed, when the claim is about money'),
    at,
    by,
  }),
  DisputeEvidenceAttached: z.object({
    disputeId: id,
    evidenceId: id,
    description: text,
    reference: text.describe('Where the evidence document is kept (URI or document reference)'),
    sha256: sha256Schema.describe('SHA-256 digest of the evidence document, lower-case hexadecimal'),
    submittedBy: disputeSideSchema,
    at,
    by,
  }),
  DisputeEscalated: z.object({
    disputeId: id,
    level: z.int().min(1).describe("Level on the agreement's escalation route, 1 being the first"),
    escalatedTo: id.describe('Person id of the person the dispute was escalated to'),
    reason: text,
    at,
    by,
  }),
  DisputeResolutionProposed: z.object({
    disputeId: id,
    proposalId: id,
    proposedBy: disputeSideSchema,
    terms: text,
    amount: moneySchema.optional().describe('The amount offered or asked in the proposal'),
    at,
    by,
  }),
  DisputeResolutionAccepted: z.object({ disputeId: id, proposalId: id, acceptedBy: disputeSideSchema, at, by }),
  DisputeResolutionRejected: z.object({
    disputeId: id,
    proposalId: id,
    rejectedBy: disputeSideSchema,
    reason: text,
    at,
    by,
  }),
  DisputeResolved: z.object({
    disputeId: id,
    proposalId: id.describe('The accepted proposal the resolution rests on'),
    resolution: text,
    at,
    by,
  }),
  DisputeWithdrawn: z.object({ disputeId: id, withdrawnBy: disputeSideSchema, reason: text, at, by }),
  DisputeClosed: z.object({ disputeId: id, at, by }),
};

type Schemas = typeof disputeEventSchemas;
export type DisputeEvent = { [K in keyof Schemas]: { type: K; data: z.infer<Schemas[K]> } }[keyof Schemas];
export type DisputeSide = (typeof disputeSides)[number];
export type Money = z.infer<typeof moneySchema>;
