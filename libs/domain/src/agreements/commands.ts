import { z } from 'zod';
import { isoDateSchema } from '../shared/calendar.js';
import { IMPACT_LEVELS, REVIEW_OUTCOMES } from './events.js';
import {
  agreementKindSchema,
  agreementTermsSchema,
  counterpartyRoleSchema,
  sideSchema,
  type TargetLevel,
} from './terms.js';

const version = z.number().int().positive();

/** HTTP request bodies of the agreement commands; unknown fields are refused. */
export const agreementCommandBodies = {
  DraftAgreement: z
    .object({
      kind: agreementKindSchema,
      title: z.string().min(1),
      providerPartyId: z.string().min(1),
      counterpartyPartyId: z.string().min(1),
      counterpartyRole: counterpartyRoleSchema,
    })
    .strict(),
  ProposeTerms: z.object({ side: sideSchema, terms: agreementTermsSchema, reason: z.string().optional() }).strict(),
  CounterProposeTerms: z
    .object({ side: sideSchema, inResponseTo: version, terms: agreementTermsSchema, reason: z.string().min(1) })
    .strict(),
  WithdrawProposal: z.object({ side: sideSchema, version, reason: z.string().min(1) }).strict(),
  AcceptTerms: z.object({ side: sideSchema, version, reason: z.string().optional() }).strict(),
  ActivateAgreement: z.object({ effectiveOn: isoDateSchema }).strict(),
  ProposeAmendment: z
    .object({ side: sideSchema, terms: agreementTermsSchema, rationale: z.string().min(1), effectiveOn: isoDateSchema })
    .strict(),
  AssessAmendmentImpact: z
    .object({ version, impact: z.enum(IMPACT_LEVELS), summary: z.string().min(1), risks: z.array(z.string().min(1)) })
    .strict(),
  AcceptAmendment: z.object({ side: sideSchema, version, reason: z.string().optional() }).strict(),
  RejectAmendment: z.object({ side: sideSchema, version, reason: z.string().min(1) }).strict(),
  ReviewAgreement: z
    .object({ reviewedOn: isoDateSchema, outcome: z.enum(REVIEW_OUTCOMES), findings: z.string().min(1) })
    .strict(),
  RenewAgreement: z.object({ effectiveTo: isoDateSchema, reason: z.string().min(1) }).strict(),
  ExpireAgreement: z.object({}).strict(),
  TerminateAgreement: z.object({ lastDayInForce: isoDateSchema, reason: z.string().min(1) }).strict(),
  LinkServiceLevelRequirements: z.object({ slrAgreementId: z.string().min(1) }).strict(),
  LinkSupplierTarget: z
    .object({
      supplierTargetId: z.string().min(1),
      customerAgreementId: z.string().min(1),
      customerTargetId: z.string().min(1),
      riskTreatment: z.string().min(1).optional(),
    })
    .strict(),
  AssessTargetAlignment: z
    .object({
      supplierTargetId: z.string().min(1),
      customerAgreementId: z.string().min(1),
      customerTargetId: z.string().min(1),
      riskTreatment: z.string().min(1).optional(),
    })
    .strict(),
};

/** Read by the handler from the customer SLA's stream (`termsInForceOn`), so the decision stays pure. */
export interface CustomerTargetInForce {
  customerVersion?: number;
  customerTarget: TargetLevel;
}
/** What the handler adds to a command body: data read from another stream. */
interface HandlerSupplied {
  LinkSupplierTarget: CustomerTargetInForce;
  AssessTargetAlignment: CustomerTargetInForce;
}
type Supplied<K> = K extends keyof HandlerSupplied ? HandlerSupplied[K] : unknown;

type Bodies = typeof agreementCommandBodies;
/** zod infers an empty object as Record<string, never>; a command without payload adds nothing. */
type Payload<T> = string extends keyof T ? unknown : T;
/** `at` is the handler's clock, `by` the authenticated actor, `agreementId` from the URL or generated on drafting. */
export type AgreementCommand = {
  [K in keyof Bodies]: { type: K; agreementId: string; at: string; by: string } & Supplied<K> &
    Payload<z.infer<Bodies[K]>>;
}[keyof Bodies];
export type AgreementCommandType = AgreementCommand['type'];
export type AgreementCommandOf<K extends AgreementCommandType> = Extract<AgreementCommand, { type: K }>;
