import { z } from 'zod';
import { isoDateSchema, isoDurationSchema } from '../shared/calendar.js';

/** The agreement kinds of clause 8.3: who the counterparty is decides the clause evidenced. */
export const AGREEMENT_KINDS = ['SLA', 'OLA', 'UNDERPINNING_CONTRACT', 'MOU', 'SLR'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];
export const agreementKindSchema = z
  .enum(AGREEMENT_KINDS)
  .describe(
    'SLA: provider and customer; OLA: provider and an internal supplier or a customer acting as a supplier; UNDERPINNING_CONTRACT: provider and an external supplier; MOU: memorandum of understanding; SLR: a customer’s service level requirements',
  );

/** The two sides of every agreement. */
export const AGREEMENT_SIDES = ['provider', 'counterparty'] as const;
export type AgreementSide = (typeof AGREEMENT_SIDES)[number];
export const sideSchema = z.enum(AGREEMENT_SIDES).describe('Which side of the agreement acts');
export const otherAgreementSide = (side: AgreementSide): AgreementSide =>
  side === 'provider' ? 'counterparty' : 'provider';

export const COUNTERPARTY_ROLES = [
  'customer',
  'internal-supplier',
  'customer-as-supplier',
  'external-supplier',
  'other',
] as const;
export const counterpartyRoleSchema = z.enum(COUNTERPARTY_ROLES);

export const METRICS = ['availability', 'response-time', 'resolution-time', 'throughput', 'custom'] as const;
export type Metric = (typeof METRICS)[number];
export const COMPARATORS = ['>=', '<=', '>', '<'] as const;
export type Comparator = (typeof COMPARATORS)[number];

/** What a target promises: the part of a target that measurements are judged against. */
export const targetLevelSchema = z.strictObject({
  metric: z.enum(METRICS),
  comparator: z.enum(COMPARATORS).describe('How a measured value must relate to `value` for the target to be met'),
  value: z.number().describe('The target value, e.g. 99.5 (availability %), 4 (hours)'),
  unit: z
    .string()
    .min(1)
    .describe('Unit of `value`: % for availability; ms, s, min, h or d for times; free text otherwise'),
});
export type TargetLevel = z.infer<typeof targetLevelSchema>;

export const serviceLevelTargetSchema = targetLevelSchema.extend({
  targetId: z.string().min(1),
  name: z.string().min(1),
  serviceId: z.string().min(1).optional().describe('The covered service the target is about, when not all of them'),
  measurementPeriod: isoDurationSchema.describe('Period over which the target is measured, e.g. P1M'),
  method: z.string().min(1).describe('How the value is measured and calculated'),
  excludesApprovedDowntime: z
    .boolean()
    .optional()
    .describe('Availability only: approved excluded downtime is removed from the measured period before judging'),
});
export type ServiceLevelTarget = z.infer<typeof serviceLevelTargetSchema>;

export const workloadLimitSchema = z.strictObject({
  limitId: z.string().min(1),
  name: z.string().min(1),
  unit: z.string().min(1).describe('What is counted, e.g. tickets, requests, users'),
  limit: z.number().describe('The most the provider commits to handle per period'),
  period: isoDurationSchema,
});
export type WorkloadLimit = z.infer<typeof workloadLimitSchema>;

export const serviceExceptionsSchema = z.strictObject({
  plannedMaintenanceWindows: z.array(
    z.strictObject({
      windowId: z.string().min(1),
      description: z.string().min(1),
      schedule: z.string().min(1).describe('When the window recurs, e.g. "Sundays 02:00-04:00 UTC"'),
      maxMinutesPerPeriod: z.number().optional(),
    }),
  ),
  excludedCauses: z.array(
    z.strictObject({
      causeId: z.string().min(1),
      description: z
        .string()
        .min(1)
        .describe('A cause of unavailability that does not count, e.g. customer-side network'),
    }),
  ),
});
export type ServiceExceptions = z.infer<typeof serviceExceptionsSchema>;

/** Tiered service credits for one target. */
export const serviceCreditSchema = z.strictObject({
  targetId: z.string().min(1),
  tiers: z
    .array(
      z.strictObject({
        level: z
          .number()
          .describe(
            'The tier applies when the measured value is worse than this level (below it for >= and > targets, above it for <= and < targets)',
          ),
        creditPercent: z.number().describe('Share of the periodic charge credited, in percent'),
      }),
    )
    .min(1),
});
export type ServiceCredit = z.infer<typeof serviceCreditSchema>;

export const partyCommitmentsSchema = z.strictObject({
  owner: z.string().min(1).describe('Person id of the designated owner of the agreement on this side'),
  obligations: z.array(z.string().min(1)),
  authorities: z.array(z.string().min(1)),
  responsibilities: z.array(z.string().min(1)),
});
export type PartyCommitments = z.infer<typeof partyCommitmentsSchema>;

/** The full, versioned content of an agreement. */
export const agreementTermsSchema = z.strictObject({
  services: z.array(z.string().min(1)).describe('Ids of the services covered'),
  targets: z.array(serviceLevelTargetSchema),
  exceptions: serviceExceptionsSchema,
  workloadLimits: z.array(workloadLimitSchema),
  serviceCredits: z.array(serviceCreditSchema),
  provider: partyCommitmentsSchema,
  counterparty: partyCommitmentsSchema,
  contract: z
    .object({
      scope: z.string().describe('Clause 8.3.4.1 a) the scope of the contract'),
      requirements: z.array(z.string().min(1)).describe('Clause 8.3.4.1 b) the requirements on the supplier'),
    })
    .optional()
    .describe('For contracts and OLAs'),
  reviewInterval: isoDurationSchema.describe('How often the agreement is reviewed, e.g. P6M'),
  term: z.strictObject({
    effectiveFrom: isoDateSchema.describe('First day the agreement may be in force'),
    effectiveTo: isoDateSchema.optional().describe('Last day the agreement is in force; open-ended when absent'),
    renewal: z.enum(['none', 'manual', 'automatic']),
    renewalPeriod: isoDurationSchema.optional(),
    noticePeriod: isoDurationSchema.describe('Notice a side must give to terminate or not renew'),
  }),
  escalation: z.strictObject({
    route: z
      .array(
        z.strictObject({ level: z.number().int(), contact: z.string().min(1), within: isoDurationSchema.optional() }),
      )
      .describe('Escalation steps in order'),
    disputeResolution: z.string().min(1).describe('How disputes between the parties are resolved'),
  }),
});
export type AgreementTerms = z.infer<typeof agreementTermsSchema>;
