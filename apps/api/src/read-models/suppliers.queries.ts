import { Inject, NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  SupplierAlignmentRow,
  SupplierContractRow,
  SupplierRiskRow,
  SupplierScorecardRow,
  supplierScorecardFigures,
  type SupplierScorecardFigures,
} from '@lib/projections/read-models/supplier-scorecard/index.js';
import { In, Not } from 'typeorm';
import { z } from 'zod';
import { ReadModels } from '../projections/read-models.js';
import { cursorSchema, decodeCursor, limitSchema, page, type Page } from './pagination.js';

const periodsSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(60)
  .default(6)
  .describe('How many of the latest judged periods the compliance rate covers (default 6)');

export const scorecardsQuerySchema = z
  .object({
    supplierKind: z.enum(['external', 'internal', 'customer-as-supplier']).optional(),
    selectionStatus: z.enum(['evaluating', 'selected', 'rejected']).optional(),
    periods: periodsSchema,
    cursor: cursorSchema,
    limit: limitSchema,
  })
  .strict();
export type ScorecardsFilters = z.infer<typeof scorecardsQuerySchema>;

export const scorecardQuerySchema = z.object({ periods: periodsSchema }).strict();

export class SupplierScorecardsQuery {
  constructor(readonly filters: ScorecardsFilters) {}
}

export class SupplierScorecardQuery {
  constructor(
    readonly supplierId: string,
    readonly periods: number,
  ) {}
}

const scorecardItem = (row: SupplierScorecardRow, figures: SupplierScorecardFigures) => ({
  supplierId: row.supplierId,
  supplierKind: row.supplierKind,
  selectionStatus: row.selectionStatus,
  scope: row.scope,
  evaluation:
    row.latestEvaluationId === null
      ? null
      : {
          evaluationId: row.latestEvaluationId,
          weightedScore: row.latestEvaluationScore,
          scale: { min: row.scaleMin, max: row.scaleMax },
          evaluatedAt: row.evaluatedAt,
        },
  ...figures,
});
export type ScorecardItem = ReturnType<typeof scorecardItem>;

const contractItem = (row: SupplierContractRow) => ({
  agreementId: row.agreementId,
  kind: row.kind,
  title: row.title,
  counterpartyRole: row.counterpartyRole,
  status: row.status,
  versionInForce: row.versionInForce,
  effectiveOn: row.effectiveOn,
  lastReviewedOn: row.lastReviewedOn,
  nextReviewDue: row.nextReviewDue,
});

const alignmentItem = (row: SupplierAlignmentRow) => ({
  agreementId: row.agreementId,
  supplierTargetId: row.supplierTargetId,
  customerAgreementId: row.customerAgreementId,
  customerTargetId: row.customerTargetId,
  outcome: row.outcome,
  supplierVersion: row.supplierVersion,
  customerVersion: row.customerVersion,
  assessedAt: row.assessedAt,
});

const riskItem = (row: SupplierRiskRow) => ({
  riskId: row.riskId,
  status: row.status,
  likelihood: row.likelihood,
  impact: row.impact,
  rating: row.likelihood * row.impact,
  ownerId: row.ownerId,
  identifiedAt: row.identifiedAt,
});

/** Every supplier's scorecard, by supplier id. */
@QueryHandler(SupplierScorecardsQuery)
export class SupplierScorecardsQueryHandler implements IQueryHandler<SupplierScorecardsQuery, Page<ScorecardItem>> {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  async execute({ filters }: SupplierScorecardsQuery): Promise<Page<ScorecardItem>> {
    const after = decodeCursor(filters.cursor, z.tuple([z.string()]));
    const query = this.readModels.dataSource.getRepository(SupplierScorecardRow).createQueryBuilder('s');
    if (filters.supplierKind) query.andWhere('s.supplierKind = :kind', { kind: filters.supplierKind });
    if (filters.selectionStatus) query.andWhere('s.selectionStatus = :status', { status: filters.selectionStatus });
    if (after) query.andWhere('s.supplierId > :after', { after: after[0] });
    const rows = await query
      .orderBy('s.supplierId', 'ASC')
      .limit(filters.limit + 1)
      .getMany();
    const shown = rows.slice(0, filters.limit);
    const figures = await supplierScorecardFigures(
      (sql, params) => this.readModels.dataSource.query(sql, params),
      shown.map((row) => row.supplierId),
      filters.periods,
    );
    return page(
      rows,
      filters.limit,
      (row) => [row.supplierId],
      (row) => scorecardItem(row, figures.get(row.supplierId)!),
    );
  }
}

/** One supplier's scorecard, with its contracts, target alignments and open risks. */
@QueryHandler(SupplierScorecardQuery)
export class SupplierScorecardQueryHandler implements IQueryHandler<SupplierScorecardQuery> {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  async execute({ supplierId, periods }: SupplierScorecardQuery) {
    const { dataSource } = this.readModels;
    const row = await dataSource.getRepository(SupplierScorecardRow).findOneBy({ supplierId });
    if (!row) throw new NotFoundException(`No scorecard for supplier ${supplierId}`);
    const [figures, contracts, alignments, risks] = await Promise.all([
      supplierScorecardFigures((sql, params) => dataSource.query(sql, params), [supplierId], periods),
      dataSource.getRepository(SupplierContractRow).find({ where: { supplierId }, order: { agreementId: 'ASC' } }),
      dataSource.getRepository(SupplierAlignmentRow).find({
        where: { supplierId },
        order: { agreementId: 'ASC', supplierTargetId: 'ASC', customerAgreementId: 'ASC', customerTargetId: 'ASC' },
      }),
      dataSource.getRepository(SupplierRiskRow).find({
        where: { supplierId, status: Not(In(['closed'])) },
        order: { riskId: 'ASC' },
      }),
    ]);
    return {
      ...scorecardItem(row, figures.get(supplierId)!),
      periodsCovered: periods,
      contractList: contracts.map(contractItem),
      alignmentList: alignments.map(alignmentItem),
      openRisks: risks.map(riskItem),
    };
  }
}
