import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  ComplaintRegisterRow,
  DisputeRegisterRow,
  ImprovementRegisterRow,
  ReviewRegisterRow,
} from '@lib/projections/read-models/registers/index.js';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';
import { ReadModels } from '../projections/read-models.js';
import {
  asAtSchema,
  booleanQuery,
  cursorSchema,
  daysAfter,
  daysBetween,
  decodeCursor,
  limitSchema,
  page,
  utcDate,
  type Page,
} from './pagination.js';

const id = z.string().min(1).max(200);
const minAgeDays = z.coerce
  .number()
  .int()
  .min(0)
  .max(36_500)
  .optional()
  .describe('Only items at least this many days old');
const common = { asAt: asAtSchema, cursor: cursorSchema, limit: limitSchema };

export const complaintRegisterQuerySchema = z
  .object({
    status: z.enum(['open', 'resolved', 'closed']).optional(),
    customerId: id.optional(),
    ownerId: id.optional(),
    minAgeDays,
    ...common,
  })
  .strict();
export const disputeRegisterQuerySchema = z
  .object({
    status: z.enum(['open', 'resolved', 'withdrawn', 'closed']).optional(),
    partyId: id.optional(),
    agreementId: id.optional(),
    ownerId: id.optional(),
    minAgeDays,
    ...common,
  })
  .strict();
export const improvementRegisterQuerySchema = z
  .object({
    status: z.enum(['open', 'closed', 'rejected']).optional(),
    causeKind: id.optional(),
    agreementId: id.optional(),
    ownerId: id.optional(),
    overdue: booleanQuery.describe('true: open with an open action past its due date; false: the others'),
    minAgeDays,
    ...common,
  })
  .strict();
export const reviewRegisterQuerySchema = z
  .object({
    status: z.enum(['scheduled', 'held', 'cancelled']).optional(),
    subjectKind: z.enum(['customer-relationship', 'agreement', 'supplier', 'contract']).optional(),
    subjectId: id.optional(),
    overdue: booleanQuery.describe('true: scheduled and due before the date of asAt; false: the others'),
    dueBefore: z.iso.date().optional().describe('Reviews due before this date'),
    ...common,
  })
  .strict();

export type ComplaintRegisterFilters = z.infer<typeof complaintRegisterQuerySchema>;
export type DisputeRegisterFilters = z.infer<typeof disputeRegisterQuerySchema>;
export type ImprovementRegisterFilters = z.infer<typeof improvementRegisterQuerySchema>;
export type ReviewRegisterFilters = z.infer<typeof reviewRegisterQuerySchema>;

export class ComplaintRegisterQuery {
  constructor(
    readonly filters: ComplaintRegisterFilters,
    readonly asAt: Date,
  ) {}
}
export class DisputeRegisterQuery {
  constructor(
    readonly filters: DisputeRegisterFilters,
    readonly asAt: Date,
  ) {}
}
export class ImprovementRegisterQuery {
  constructor(
    readonly filters: ImprovementRegisterFilters,
    readonly asAt: Date,
  ) {}
}
export class ReviewRegisterQuery {
  constructor(
    readonly filters: ReviewRegisterFilters,
    readonly asAt: Date,
  ) {}
}

const openedKey = z.tuple([z.iso.datetime({ offset: true }), z.string()]);

/** Filters by equality on the given properties, when a value is given. */
function equal<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, values: Record<string, unknown>) {
  for (const [property, value] of Object.entries(values)) {
    if (value !== undefined) query.andWhere(`${alias}.${property} = :${property}`, { [property]: value });
  }
}

/** Items at least `days` old at `asAt`: age runs from opening to closing, or to `asAt` while not closed. */
function olderThan<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  days: number | undefined,
  asAt: Date,
) {
  if (days === undefined) return;
  query.andWhere(
    `COALESCE(${alias}.closedAt, CAST(:asAt AS timestamptz)) - ${alias}.openedAt >= make_interval(days => :days)`,
    { asAt: asAt.toISOString(), days },
  );
}

/** Sorts oldest first, after the cursor, and reads one item more than the page. */
async function byOpening<T extends ObjectLiteral & { openedAt: Date }>(
  query: SelectQueryBuilder<T>,
  alias: string,
  idProperty: string,
  cursor: string | undefined,
  limit: number,
): Promise<T[]> {
  const after = decodeCursor(cursor, openedKey);
  if (after) {
    query.andWhere(`(${alias}.openedAt, ${alias}.${idProperty}) > (:k0, :k1)`, { k0: after[0], k1: after[1] });
  }
  return query
    .orderBy(`${alias}.openedAt`, 'ASC')
    .addOrderBy(`${alias}.${idProperty}`, 'ASC')
    .limit(limit + 1)
    .getMany();
}

const ageDays = (openedAt: Date, closedAt: Date | null, asAt: Date) => daysBetween(openedAt, closedAt ?? asAt);

/** The register of complaints, oldest first, with each one's age in days at `asAt`. */
@QueryHandler(ComplaintRegisterQuery)
export class ComplaintRegisterQueryHandler implements IQueryHandler<ComplaintRegisterQuery, Page<object>> {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  async execute({ filters, asAt }: ComplaintRegisterQuery): Promise<Page<object>> {
    const query = this.readModels.dataSource.getRepository(ComplaintRegisterRow).createQueryBuilder('r');
    equal(query, 'r', { status: filters.status, customerId: filters.customerId, ownerId: filters.ownerId });
    olderThan(query, 'r', filters.minAgeDays, asAt);
    const rows = await byOpening(query, 'r', 'complaintId', filters.cursor, filters.limit);
    return page(
      rows,
      filters.limit,
      (row) => [row.openedAt.toISOString(), row.complaintId],
      (row) => ({
        complaintId: row.complaintId,
        customerId: row.customerId,
        serviceId: row.serviceId,
        channel: row.channel,
        status: row.status,
        ownerId: row.ownerId,
        escalatedTo: row.escalatedTo,
        escalations: row.escalations,
        reopenings: row.reopenings,
        openedAt: row.openedAt,
        resolvedAt: row.resolvedAt,
        closedAt: row.closedAt,
        closureBasis: row.closureBasis,
        ageDays: ageDays(row.openedAt, row.closedAt, asAt),
      }),
    );
  }
}

/** The register of disputes, oldest first, with each one's age in days at `asAt`. */
@QueryHandler(DisputeRegisterQuery)
export class DisputeRegisterQueryHandler implements IQueryHandler<DisputeRegisterQuery, Page<object>> {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  async execute({ filters, asAt }: DisputeRegisterQuery): Promise<Page<object>> {
    const query = this.readModels.dataSource.getRepository(DisputeRegisterRow).createQueryBuilder('r');
    equal(query, 'r', {
      status: filters.status,
      partyId: filters.partyId,
      agreementId: filters.agreementId,
      ownerId: filters.ownerId,
    });
    olderThan(query, 'r', filters.minAgeDays, asAt);
    const rows = await byOpening(query, 'r', 'disputeId', filters.cursor, filters.limit);
    return page(
      rows,
      filters.limit,
      (row) => [row.openedAt.toISOString(), row.disputeId],
      (row) => ({
        disputeId: row.disputeId,
        partyId: row.partyId,
        agreementId: row.agreementId,
        cause: { subjectKind: row.subjectKind, reference: row.subjectRef },
        raisedBy: row.raisedBy,
        amount: row.amountValue === null ? null : { value: row.amountValue, currency: row.amountCurrency },
        status: row.status,
        ownerId: row.ownerId,
        escalationLevel: row.escalationLevel,
        evidenceCount: row.evidenceCount,
        openedAt: row.openedAt,
        resolvedAt: row.resolvedAt,
        closedAt: row.closedAt,
        ageDays: ageDays(row.openedAt, row.closedAt, asAt),
      }),
    );
  }
}

/** The register of improvement opportunities, oldest first, with age and overdue actions at `asAt`. */
@QueryHandler(ImprovementRegisterQuery)
export class ImprovementRegisterQueryHandler implements IQueryHandler<ImprovementRegisterQuery, Page<object>> {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  async execute({ filters, asAt }: ImprovementRegisterQuery): Promise<Page<object>> {
    const today = utcDate(asAt);
    const query = this.readModels.dataSource.getRepository(ImprovementRegisterRow).createQueryBuilder('r');
    equal(query, 'r', {
      status: filters.status,
      causeKind: filters.causeKind,
      agreementId: filters.agreementId,
      ownerId: filters.ownerId,
    });
    const overdue = `COALESCE(r.status = 'open' AND r.nextActionDue < :today, false)`;
    if (filters.overdue === true) query.andWhere(overdue, { today });
    if (filters.overdue === false) query.andWhere(`NOT ${overdue}`, { today });
    olderThan(query, 'r', filters.minAgeDays, asAt);
    const rows = await byOpening(query, 'r', 'improvementId', filters.cursor, filters.limit);
    return page(
      rows,
      filters.limit,
      (row) => [row.openedAt.toISOString(), row.improvementId],
      (row) => {
        const isOverdue = row.status === 'open' && row.nextActionDue !== null && row.nextActionDue < today;
        return {
          improvementId: row.improvementId,
          title: row.title,
          status: row.status,
          cause: { kind: row.causeKind, streamId: row.causeStreamId, eventId: row.causeEventId },
          agreementId: row.agreementId,
          ownerId: row.ownerId,
          openedAt: row.openedAt,
          closedAt: row.closedAt,
          ageDays: ageDays(row.openedAt, row.closedAt, asAt),
          actions: { total: row.actionsTotal, open: row.actionsOpen, nextDueOn: row.nextActionDue },
          overdue: isOverdue,
          daysOverdue: isOverdue ? daysAfter(row.nextActionDue!, asAt) : 0,
        };
      },
    );
  }
}

/** The register of reviews, by due date, with whether each is overdue at `asAt`. */
@QueryHandler(ReviewRegisterQuery)
export class ReviewRegisterQueryHandler implements IQueryHandler<ReviewRegisterQuery, Page<object>> {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  async execute({ filters, asAt }: ReviewRegisterQuery): Promise<Page<object>> {
    const today = utcDate(asAt);
    const after = decodeCursor(filters.cursor, z.tuple([z.iso.date(), z.string()]));
    const query = this.readModels.dataSource.getRepository(ReviewRegisterRow).createQueryBuilder('r');
    equal(query, 'r', { status: filters.status, subjectKind: filters.subjectKind, subjectId: filters.subjectId });
    if (filters.overdue === true) query.andWhere(`r.status = 'scheduled' AND r.dueOn < :today`, { today });
    if (filters.overdue === false) query.andWhere(`NOT (r.status = 'scheduled' AND r.dueOn < :today)`, { today });
    if (filters.dueBefore) query.andWhere('r.dueOn < :dueBefore', { dueBefore: filters.dueBefore });
    if (after) query.andWhere('(r.dueOn, r.reviewId) > (:k0, :k1)', { k0: after[0], k1: after[1] });
    const rows = await query
      .orderBy('r.dueOn', 'ASC')
      .addOrderBy('r.reviewId', 'ASC')
      .limit(filters.limit + 1)
      .getMany();
    return page(
      rows,
      filters.limit,
      (row) => [row.dueOn, row.reviewId],
      (row) => {
        const isOverdue = row.status === 'scheduled' && row.dueOn < today;
        return {
          reviewId: row.reviewId,
          subject: { kind: row.subjectKind, id: row.subjectId },
          status: row.status,
          dueOn: row.dueOn,
          interval: row.interval,
          previousReviewId: row.previousReviewId,
          heldOn: row.heldOn,
          reschedulings: row.reschedulings,
          overdue: isOverdue,
          daysOverdue: isOverdue ? daysAfter(row.dueOn, asAt) : 0,
        };
      },
    );
  }
}
