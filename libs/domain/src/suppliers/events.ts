import { z } from 'zod';

const id = z.string().min(1);
const text = z.string().min(1);
const at = z.iso.datetime({ offset: true }).describe('When the step was recorded (ISO 8601 instant)');
const by = id.describe('Person id of the actor who recorded the step');
const rating = z.int().min(1).max(5);

/** External suppliers fall under 8.3.4.1; internal suppliers and customers acting as a supplier under 8.3.4.2. */
export const supplierKinds = ['external', 'internal', 'customer-as-supplier'] as const;

/** Every supplier event carries the kind, so each event shows the clause it evidences. */
const supplierKind = z.enum(supplierKinds).describe('Which kind of supplier the party is');

export const selectionCriterionSchema = z.object({
  criterionId: id,
  description: text.describe('What is assessed, e.g. "ISO/IEC 27001 certified" or "price"'),
  weight: z.number().positive().describe('Relative weight of the criterion in the weighted score'),
});

export const criterionScoreSchema = z.object({ criterionId: id, score: z.number(), rationale: text.optional() });

export const supplierEventSchemas = {
  SupplierSelectionStarted: z.object({
    supplierId: id.describe('Party id of the supplier'),
    supplierKind,
    scope: text.describe('What the supplier is to provide'),
    criteria: z.array(selectionCriterionSchema).min(1).describe('The stated selection criteria'),
    scale: z.object({ min: z.number(), max: z.number() }).describe('The scale every criterion is scored on'),
    at,
    by,
  }),
  SupplierEvaluated: z.object({
    supplierId: id,
    supplierKind,
    evaluationId: id,
    evaluatorId: id.describe('Person id of the evaluator'),
    scores: z.array(criterionScoreSchema).min(1),
    weightedScore: z.number().describe('Sum of score times weight over the sum of weights, four decimals'),
    at,
    by,
  }),
  SupplierSelected: z.object({
    supplierId: id,
    supplierKind,
    evaluationId: id.describe('The evaluation the selection rests on'),
    reason: text,
    at,
    by,
  }),
  SupplierRejected: z.object({ supplierId: id, supplierKind, reason: text, at, by }),
  SupplierInterfaceDefined: z.object({
    supplierId: id,
    supplierKind,
    interfaceId: id,
    providerProcess: text.describe("The service provider's process, e.g. incident management"),
    supplierProcess: text.describe("The supplier's process it interfaces with"),
    description: text.describe('What passes between them, how and when'),
    at,
    by,
  }),
  SupplierInterfaceRetired: z.object({ supplierId: id, supplierKind, interfaceId: id, reason: text, at, by }),
  SupplierRiskIdentified: z.object({
    supplierId: id,
    supplierKind,
    riskId: id,
    description: text,
    likelihood: rating.describe('1 (rare) to 5 (almost certain)'),
    impact: rating.describe('1 (negligible) to 5 (severe)'),
    ownerId: id.describe('Person id of the risk owner'),
    at,
    by,
  }),
  SupplierRiskTreated: z.object({ supplierId: id, supplierKind, riskId: id, treatment: text, at, by }),
  SupplierRiskClosed: z.object({ supplierId: id, supplierKind, riskId: id, reason: text, at, by }),
};

type Schemas = typeof supplierEventSchemas;
export type SupplierEvent = { [K in keyof Schemas]: { type: K; data: z.infer<Schemas[K]> } }[keyof Schemas];
export type SupplierKind = (typeof supplierKinds)[number];
export type SelectionCriterion = z.infer<typeof selectionCriterionSchema>;
