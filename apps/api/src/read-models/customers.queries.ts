import { Inject, NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  CustomerRelationshipRow,
  CustomerReviewRow,
  CustomerSatisfactionRow,
  SATISFACTION_TRENDS,
  customerRelationshipFigures,
  type CustomerRelationshipFigures,
} from '@lib/projections/read-models/customer-relationships/index.js';
import { z } from 'zod';
import { ReadModels } from '../projections/read-models.js';
import { asAtSchema, cursorSchema, decodeCursor, limitSchema, page, type Page } from './pagination.js';

export const customersQuerySchema = z
  .object({
    status: z
      .enum(['customer', 'former', 'all'])
      .default('customer')
      .describe('Current customers (default), former ones, or both'),
    ownerPersonId: z.string().min(1).max(200).optional(),
    trend: z.enum(SATISFACTION_TRENDS).optional(),
    asAt: asAtSchema,
    cursor: cursorSchema,
    limit: limitSchema,
  })
  .strict();
export type CustomersFilters = z.infer<typeof customersQuerySchema>;

export const customerQuerySchema = z.object({ asAt: asAtSchema }).strict();

export class CustomerRelationshipsQuery {
  constructor(
    readonly filters: CustomersFilters,
    readonly asAt: Date,
  ) {}
}

export class CustomerRelationshipQuery {
  constructor(
    readonly partyId: string,
    readonly asAt: Date,
  ) {}
}

const customerItem = (row: CustomerRelationshipRow, figures: CustomerRelationshipFigures) => ({
  partyId: row.partyId,
  name: row.partyName,
  status: row.relationshipStatus,
  customerSince: row.customerSince,
  customerUntil: row.customerUntil,
  relationshipOwner: row.ownerPersonId === null ? null : { personId: row.ownerPersonId, from: row.ownerFrom },
  satisfaction:
    row.latestSurveyId === null
      ? null
      : {
          latest: {
            surveyId: row.latestSurveyId,
            mean: row.latestSurveyMean,
            responses: row.latestSurveyResponses,
            invited: row.latestSurveyInvited,
            analysedAt: row.latestAnalysedAt,
          },
          previous:
            row.previousSurveyId === null ? null : { surveyId: row.previousSurveyId, mean: row.previousSurveyMean },
          change: row.satisfactionChange,
          trend: row.satisfactionTrend,
        },
  openComplaints: figures.complaints.open,
  complaints: figures.complaints.total,
  reviews: figures.reviews,
});
export type CustomerItem = ReturnType<typeof customerItem>;

/** Customer parties with their relationship owner, satisfaction trend, open complaints and reviews. */
@QueryHandler(CustomerRelationshipsQuery)
export class CustomerRelationshipsQueryHandler implements IQueryHandler<
  CustomerRelationshipsQuery,
  Page<CustomerItem>
> {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  async execute({ filters, asAt }: CustomerRelationshipsQuery): Promise<Page<CustomerItem>> {
    const { dataSource } = this.readModels;
    const after = decodeCursor(filters.cursor, z.tuple([z.string()]));
    const query = dataSource.getRepository(CustomerRelationshipRow).createQueryBuilder('c');
    if (filters.status === 'all') query.andWhere('c.relationshipStatus IS NOT NULL');
    else query.andWhere('c.relationshipStatus = :status', { status: filters.status });
    if (filters.ownerPersonId) query.andWhere('c.ownerPersonId = :owner', { owner: filters.ownerPersonId });
    if (filters.trend) query.andWhere('c.satisfactionTrend = :trend', { trend: filters.trend });
    if (after) query.andWhere('c.partyId > :after', { after: after[0] });
    const rows = await query
      .orderBy('c.partyId', 'ASC')
      .limit(filters.limit + 1)
      .getMany();
    const figures = await customerRelationshipFigures(
      (sql, params) => dataSource.query(sql, params),
      rows.slice(0, filters.limit).map((row) => row.partyId),
      asAt,
    );
    return page(
      rows,
      filters.limit,
      (row) => [row.partyId],
      (row) => customerItem(row, figures.get(row.partyId)!),
    );
  }
}

/** One customer's relationship, with its satisfaction history and relationship reviews. */
@QueryHandler(CustomerRelationshipQuery)
export class CustomerRelationshipQueryHandler implements IQueryHandler<CustomerRelationshipQuery> {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  async execute({ partyId, asAt }: CustomerRelationshipQuery) {
    const { dataSource } = this.readModels;
    const row = await dataSource.getRepository(CustomerRelationshipRow).findOneBy({ partyId });
    if (!row || row.relationshipStatus === null) throw new NotFoundException(`${partyId} is no customer`);
    const [figures, history, reviews] = await Promise.all([
      customerRelationshipFigures((sql, params) => dataSource.query(sql, params), [partyId], asAt),
      dataSource
        .getRepository(CustomerSatisfactionRow)
        .createQueryBuilder('s')
        .where('s.partyId = :partyId', { partyId })
        .orderBy('s.analysedPosition', 'DESC')
        .addOrderBy('s.surveyId', 'DESC')
        .getMany(),
      dataSource
        .getRepository(CustomerReviewRow)
        .find({ where: { partyId }, order: { dueOn: 'ASC', reviewId: 'ASC' } }),
    ]);
    const today = asAt.toISOString().slice(0, 10);
    return {
      ...customerItem(row, figures.get(partyId)!),
      asAt,
      satisfactionHistory: history.map((result) => ({
        surveyId: result.surveyId,
        mean: result.mean,
        responses: result.responses,
        invited: result.invited,
        analysedAt: result.analysedAt,
      })),
      reviewList: reviews.map((review) => ({
        reviewId: review.reviewId,
        status: review.status,
        dueOn: review.dueOn,
        heldOn: review.heldOn,
        overdue: review.status === 'scheduled' && review.dueOn < today,
      })),
    };
  }
}
