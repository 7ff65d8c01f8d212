import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  COMPLIANCE_OUTCOMES,
  ServiceLevelComplianceRow,
  ServiceLevelWorkloadRow,
  WORKLOAD_OUTCOMES,
} from '@lib/projections/read-models/service-level-compliance/index.js';
import { z } from 'zod';
import { ReadModels } from '../projections/read-models.js';
import { cursorSchema, decodeCursor, limitSchema, page, type Page } from './pagination.js';

const id = z.string().min(1).max(200);
const instant = z.iso.datetime({ offset: true });

export const complianceQuerySchema = z
  .object({
    agreementId: id.optional(),
    periodId: id.optional(),
    targetId: id.optional(),
    outcome: z.enum(COMPLIANCE_OUTCOMES).optional(),
    from: instant.optional().describe('Periods ending after this instant'),
    to: instant.optional().describe('Periods starting before this instant'),
    cursor: cursorSchema,
    limit: limitSchema,
  })
  .strict();
export type ComplianceFilters = z.infer<typeof complianceQuerySchema>;

export const workloadQuerySchema = z
  .object({
    agreementId: id.optional(),
    periodId: id.optional(),
    limitId: id.optional(),
    outcome: z.enum(WORKLOAD_OUTCOMES).optional(),
    from: instant.optional().describe('Periods ending after this instant'),
    to: instant.optional().describe('Periods starting before this instant'),
    cursor: cursorSchema,
    limit: limitSchema,
  })
  .strict();
export type WorkloadFilters = z.infer<typeof workloadQuerySchema>;

const periodKey = z.tuple([instant, z.string(), z.string(), z.string()]);

export class ServiceLevelComplianceQuery {
  constructor(readonly filters: ComplianceFilters) {}
}

export class ServiceLevelWorkloadQuery {
  constructor(readonly filters: WorkloadFilters) {}
}

const complianceItem = (row: ServiceLevelComplianceRow) => ({
  agreementId: row.agreementId,
  agreementKind: row.agreementKind,
  periodId: row.periodId,
  periodStart: row.periodStart,
  periodEnd: row.periodEnd,
  periodStatus: row.periodStatus,
  target: {
    targetId: row.targetId,
    name: row.targetName,
    serviceId: row.serviceId,
    agreementVersion: row.agreementVersion,
    metric: row.metric,
    comparator: row.comparator,
    value: row.targetValue,
    unit: row.unit,
  },
  measurement: {
    measurementId: row.measurementId,
    measuredAt: row.measuredAt,
    measuredValue: row.measuredValue,
    corrected: row.corrected,
    excludedMinutes: row.excludedMinutes,
    judgedValue: row.judgedValue,
  },
  outcome: row.outcome,
  judgedAt: row.judgedAt,
  serviceCredit: {
    creditPercent: row.serviceCreditPercent,
    tierLevel: row.serviceCreditLevel,
    tiers: row.creditTiers,
  },
});
export type ComplianceItem = ReturnType<typeof complianceItem>;

const workloadItem = (row: ServiceLevelWorkloadRow) => ({
  agreementId: row.agreementId,
  periodId: row.periodId,
  periodStart: row.periodStart,
  periodEnd: row.periodEnd,
  agreementVersion: row.agreementVersion,
  limitId: row.limitId,
  name: row.limitName,
  unit: row.unit,
  limit: row.limit,
  actual: row.actual,
  measuredAt: row.measuredAt,
  outcome: row.outcome,
  judgedAt: row.judgedAt,
});
export type WorkloadItem = ReturnType<typeof workloadItem>;

/** Per agreement, period and target: the target in force, the value judged, met / breached / not measured. */
@QueryHandler(ServiceLevelComplianceQuery)
export class ServiceLevelComplianceQueryHandler implements IQueryHandler<
  ServiceLevelComplianceQuery,
  Page<ComplianceItem>
> {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  async execute({ filters }: ServiceLevelComplianceQuery): Promise<Page<ComplianceItem>> {
    const after = decodeCursor(filters.cursor, periodKey);
    const query = this.readModels.dataSource.getRepository(ServiceLevelComplianceRow).createQueryBuilder('c');
    if (filters.agreementId) query.andWhere('c.agreementId = :agreementId', { agreementId: filters.agreementId });
    if (filters.periodId) query.andWhere('c.periodId = :periodId', { periodId: filters.periodId });
    if (filters.targetId) query.andWhere('c.targetId = :targetId', { targetId: filters.targetId });
    if (filters.outcome) query.andWhere('c.outcome = :outcome', { outcome: filters.outcome });
    if (filters.from) query.andWhere('c.periodEnd > :from', { from: filters.from });
    if (filters.to) query.andWhere('c.periodStart < :to', { to: filters.to });
    if (after) {
      query.andWhere('(c.periodStart, c.agreementId, c.periodId, c.targetId) > (:k0, :k1, :k2, :k3)', {
        k0: after[0],
        k1: after[1],
        k2: after[2],
        k3: after[3],
      });
    }
    const rows = await query
      .orderBy('c.periodStart', 'ASC')
      .addOrderBy('c.agreementId', 'ASC')
      .addOrderBy('c.periodId', 'ASC')
      .addOrderBy('c.targetId', 'ASC')
      .limit(filters.limit + 1)
      .getMany();
    return page(
      rows,
      filters.limit,
      (row) => [row.periodStart.toISOString(), row.agreementId, row.periodId, row.targetId],
      complianceItem,
    );
  }
}

/** Per agreement, period and workload limit: the actual workload against the limit. */
@QueryHandler(ServiceLevelWorkloadQuery)
export class ServiceLevelWorkloadQueryHandler implements IQueryHandler<ServiceLevelWorkloadQuery, Page<WorkloadItem>> {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  async execute({ filters }: ServiceLevelWorkloadQuery): Promise<Page<WorkloadItem>> {
    const after = decodeCursor(filters.cursor, periodKey);
    const query = this.readModels.dataSource.getRepository(ServiceLevelWorkloadRow).createQueryBuilder('w');
    if (filters.agreementId) query.andWhere('w.agreementId = :agreementId', { agreementId: filters.agreementId });
    if (filters.periodId) query.andWhere('w.periodId = :periodId', { periodId: filters.periodId });
    if (filters.limitId) query.andWhere('w.limitId = :limitId', { limitId: filters.limitId });
    if (filters.outcome) query.andWhere('w.outcome = :outcome', { outcome: filters.outcome });
    if (filters.from) query.andWhere('w.periodEnd > :from', { from: filters.from });
    if (filters.to) query.andWhere('w.periodStart < :to', { to: filters.to });
    if (after) {
      query.andWhere('(w.periodStart, w.agreementId, w.periodId, w.limitId) > (:k0, :k1, :k2, :k3)', {
        k0: after[0],
        k1: after[1],
        k2: after[2],
        k3: after[3],
      });
    }
    const rows = await query
      .orderBy('w.periodStart', 'ASC')
      .addOrderBy('w.agreementId', 'ASC')
      .addOrderBy('w.periodId', 'ASC')
      .addOrderBy('w.limitId', 'ASC')
      .limit(filters.limit + 1)
      .getMany();
    return page(
      rows,
      filters.limit,
      (row) => [row.periodStart.toISOString(), row.agreementId, row.periodId, row.limitId],
      workloadItem,
    );
  }
}
