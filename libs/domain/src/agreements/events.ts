import { z } from 'zod';
import { isoDateSchema, isoInstantSchema } from '../shared/calendar.js';
import {
  agreementKindSchema,
  agreementTermsSchema,
  counterpartyRoleSchema,
  sideSchema,
  targetLevelSchema,
} from './terms.js';

const agreementId = z.string().min(1);
const at = isoInstantSchema.describe('When the step was taken');
const by = z.string().min(1).describe('Person id of the actor');
const version = z.number().int().positive().describe('Version of the terms');

export const REVIEW_OUTCOMES = ['continue', 'amend', 'renew', 'terminate'] as const;
export const ALIGNMENT_OUTCOMES = ['aligned', 'misaligned', 'not-comparable'] as const;
export const IMPACT_LEVELS = ['low', 'medium', 'high'] as const;

/** Every fact an agreement stream records; the single source for the published JSON Schemas. */
export const agreementEventSchemas = {
  AgreementDrafted: z.object({
    agreementId,
    kind: agreementKindSchema,
    title: z.string(),
    providerPartyId: z.string().describe('Party id of the service provider'),
    counterpartyPartyId: z.string().describe('Party id of the customer or supplier'),
    counterpartyRole: counterpartyRoleSchema,
    at,
    by,
  }),
  TermsProposed: z.object({
    agreementId,
    version,
    side: sideSchema,
    terms: agreementTermsSchema,
    reason: z.string().optional(),
    at,
    by,
  }),
  TermsCounterProposed: z.object({
    agreementId,
    version,
    inResponseTo: version.describe('The version this counter-proposal supersedes'),
    side: sideSchema,
    terms: agreementTermsSchema,
    reason: z.string(),
    at,
    by,
  }),
  ProposalWithdrawn: z.object({ agreementId, version, side: sideSchema, reason: z.string(), at, by }),
  TermsAccepted: z.object({ agreementId, version, side: sideSchema, reason: z.string().optional(), at, by }),
  AgreementAgreed: z.object({
    agreementId,
    version: version.describe('The version both sides accepted'),
    terms: agreementTermsSchema,
    at,
    by,
  }),
  AgreementActivated: z.object({
    agreementId,
    version,
    effectiveOn: isoDateSchema.describe('First day the agreed version is in force'),
    nextReviewDue: isoDateSchema,
    at,
    by,
  }),
  AmendmentProposed: z.object({
    agreementId,
    version: version.describe('The version the amendment would become'),
    amends: version.describe('The agreed version being amended'),
    side: sideSchema,
    terms: agreementTermsSchema,
    rationale: z.string(),
    effectiveOn: isoDateSchema.describe('First day the amended version would be in force'),
    at,
    by,
  }),
  AmendmentImpactAssessed: z.object({
    agreementId,
    version,
    impact: z.enum(IMPACT_LEVELS),
    summary: z.string(),
    risks: z.array(z.string()),
    at,
    by,
  }),
  AmendmentAccepted: z.object({ agreementId, version, side: sideSchema, reason: z.string().optional(), at, by }),
  AmendmentRejected: z.object({ agreementId, version, side: sideSchema, reason: z.string(), at, by }),
  AgreementAmended: z.object({
    agreementId,
    version: version.describe('The new agreed version'),
    previousVersion: version,
    terms: agreementTermsSchema,
    effectiveOn: isoDateSchema,
    at,
    by,
  }),
  AgreementReviewed: z.object({
    agreementId,
    version: version.describe('The version in force when reviewed'),
    reviewedOn: isoDateSchema,
    outcome: z.enum(REVIEW_OUTCOMES),
    findings: z.string(),
    nextReviewDue: isoDateSchema.describe('reviewedOn plus the review interval of the version in force'),
    at,
    by,
  }),
  AgreementRenewed: z.object({
    agreementId,
    previousEffectiveTo: isoDateSchema,
    effectiveTo: isoDateSchema.describe('New last day in force'),
    reason: z.string(),
    at,
    by,
  }),
  AgreementExpired: z.object({ agreementId, effectiveTo: isoDateSchema, at, by }),
  AgreementTerminated: z.object({
    agreementId,
    lastDayInForce: isoDateSchema,
    reason: z.string(),
    at,
    by,
  }),
  ServiceLevelRequirementsLinked: z.object({
    agreementId,
    slrAgreementId: z.string().describe('The SLR agreement whose requirements this SLA answers'),
    at,
    by,
  }),
  SupplierTargetLinked: z.object({
    agreementId,
    supplierTargetId: z.string().describe('Target of this OLA or contract'),
    customerAgreementId: z.string().describe('The customer SLA supported'),
    customerTargetId: z.string(),
    at,
    by,
  }),
  TargetAlignmentAssessed: z.object({
    agreementId,
    supplierVersion: version.describe('Version of this agreement assessed'),
    supplierTargetId: z.string(),
    supplierTarget: targetLevelSchema,
    customerAgreementId: z.string(),
    customerVersion: version.optional(),
    customerTargetId: z.string(),
    customerTarget: targetLevelSchema,
    outcome: z
      .enum(ALIGNMENT_OUTCOMES)
      .describe('aligned: the supplier target is at least as strict as the customer target'),
    explanation: z.string(),
    risk: z.string().optional().describe('The risk to the customer target when not aligned'),
    riskTreatment: z.string().optional(),
    at,
    by,
  }),
};

type Schemas = typeof agreementEventSchemas;
export type AgreementEvent = { [K in keyof Schemas]: { type: K; data: z.infer<Schemas[K]> } }[keyof Schemas];
export type AgreementEventType = AgreementEvent['type'];
export type AgreementEventOf<K extends AgreementEventType> = Extract<AgreementEvent, { type: K }>;
