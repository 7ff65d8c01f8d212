import { NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ISO_CLAUSES } from '@lib/domain';
import { AGREEMENT_KINDS } from '@lib/domain/agreements/index.js';
import {
  AgreementRow,
  AgreementTimelineRow,
  AgreementVersionRow,
} from '@lib/projections/read-models/agreements/index.js';
import { AuditTrailEntry } from '@lib/projections/read-models/audit-trail/index.js';
import { z } from 'zod';
import { decodeCursor, pageOf, pageQuery, type Page } from './pagination.js';
import { ReadModels } from './read-models.js';

const id = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,128}$/, 'not a valid id')
  .describe('An id');
const instant = z.iso.datetime({ offset: true });

export const auditTrailQuery = z
  .object({
    clause: z.enum(ISO_CLAUSES).optional().describe('Only events evidencing this ISO/IEC 20000-1 clause'),
    streamId: z.string().min(1).max(256).optional().describe('Only events of this stream, e.g. agreement-<id>'),
    streamType: z.string().min(1).max(64).optional().describe('Only events of streams of this type, e.g. agreement'),
    type: z.string().min(1).max(128).optional().describe('Only events of this type, e.g. TermsProposed'),
    actor: z.string().min(1).max(256).optional().describe('Only events recorded for this principal'),
    agreementId: id.optional().describe('Only events concerning this agreement'),
    partyId: id.optional().describe('Only events concerning this party (customer, supplier)'),
    correlationId: z.string().min(1).max(256).optional().describe('Only events of this flow'),
    from: instant.optional().describe('Recorded at or after this instant'),
    to: instant.optional().describe('Recorded before this instant'),
    ...pageQuery,
  })
  .strict();
export type AuditTrailFilter = z.infer<typeof auditTrailQuery>;

export interface AuditTrailItem extends AuditTrailEntry {
  /** SHA-256 of the event in the hash chain (hex), once sealed; null before. */
  readonly hash: string | null;
}

/** The audit trail, oldest first, filtered; the hash of each event that has been sealed. */
export class AuditTrailQuery extends Query<Page<AuditTrailItem>> {
  constructor(readonly filter: AuditTrailFilter) {
    super();
  }
}

@QueryHandler(AuditTrailQuery)
export class AuditTrailQueryHandler implements IQueryHandler<AuditTrailQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ filter }: AuditTrailQuery): Promise<Page<AuditTrailItem>> {
    const after = decodeCursor(filter.cursor);
    if (after !== undefined && !/^\d{1,19}$/.test(after)) decodeCursor('not a cursor');
    const query = this.readModels
      .repository(AuditTrailEntry)
      .createQueryBuilder('e')
      .leftJoin('event_hashes', 'h', 'h.global_position = e.globalPosition AND h.event_id::text = e.eventId')
      .addSelect("encode(h.hash, 'hex')", 'hash')
      .orderBy('e.globalPosition', 'ASC')
      .limit(filter.limit + 1);
    if (after !== undefined) query.andWhere('e.globalPosition > :after', { after });
    if (filter.clause) query.andWhere('e.clauses @> ARRAY[:clause]::text[]', { clause: filter.clause });
    if (filter.streamId) query.andWhere('e.streamId = :streamId', { streamId: filter.streamId });
    if (filter.streamType) query.andWhere('e.streamType = :streamType', { streamType: filter.streamType });
    if (filter.type) query.andWhere('e.eventType = :type', { type: filter.type });
    if (filter.actor) query.andWhere('e.actor = :actor', { actor: filter.actor });
    if (filter.correlationId) query.andWhere('e.correlationId = :correlationId', filter);
    if (filter.agreementId) {
      query.andWhere('e.agreementIds @> ARRAY[:agreementId]::text[]', { agreementId: filter.agreementId });
    }
    if (filter.partyId) query.andWhere('e.partyIds @> ARRAY[:partyId]::text[]', { partyId: filter.partyId });
    if (filter.from) query.andWhere('e.recordedAt >= :from', { from: new Date(filter.from) });
    if (filter.to) query.andWhere('e.recordedAt < :to', { to: new Date(filter.to) });
    const { entities, raw } = await query.getRawAndEntities<{ e_global_position: string; hash: string | null }>();
    const hashes = new Map(raw.map((row) => [String(row.e_global_position), row.hash]));
    const items = entities.map((entry) => ({ ...entry, hash: hashes.get(entry.globalPosition) ?? null }));
    return pageOf(items, filter.limit, (item) => item.globalPosition);
  }
}

export const agreementsQuery = z
  .object({
    kind: z.enum(AGREEMENT_KINDS).optional(),
    status: z.enum(['draft', 'negotiating', 'agreed', 'active', 'terminated', 'expired']).optional(),
    partyId: id.optional().describe('Agreements with this party on either side'),
    inForceOn: z.iso
      .date()
      .optional()
      .describe('Only agreements in force on this day (UTC), each with the version in force then'),
    ...pageQuery,
  })
  .strict();
export type AgreementsFilter = z.infer<typeof agreementsQuery>;

export interface AgreementInForce {
  readonly version: number;
  readonly effectiveFrom: string | null;
  readonly effectiveTo: string | null;
  readonly terms: Record<string, unknown>;
}

export type AgreementListItem = AgreementRow & { readonly inForce?: AgreementInForce };

/** Agreements as they stand now, or those in force on a day with the version in force then; by agreement id. */
export class AgreementsQuery extends Query<Page<AgreementListItem>> {
  constructor(readonly filter: AgreementsFilter) {
    super();
  }
}

@QueryHandler(AgreementsQuery)
export class AgreementsQueryHandler implements IQueryHandler<AgreementsQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ filter }: AgreementsQuery): Promise<Page<AgreementListItem>> {
    const after = decodeCursor(filter.cursor);
    const query = this.readModels
      .repository(AgreementRow)
      .createQueryBuilder('a')
      .orderBy('a.agreementId', 'ASC')
      .limit(filter.limit + 1);
    if (after !== undefined) query.andWhere('a.agreementId > :after', { after });
    if (filter.kind) query.andWhere('a.kind = :kind', { kind: filter.kind });
    if (filter.status) query.andWhere('a.status = :status', { status: filter.status });
    if (filter.partyId) {
      query.andWhere('(a.providerPartyId = :partyId OR a.counterpartyPartyId = :partyId)', { partyId: filter.partyId });
    }
    if (filter.inForceOn === undefined) {
      return pageOf(await query.getMany(), filter.limit, (row) => row.agreementId);
    }
    query
      .innerJoin(
        AgreementVersionRow,
        'v',
        'v.agreementId = a.agreementId AND v.effectiveFrom <= :day AND (v.effectiveTo IS NULL OR v.effectiveTo >= :day)',
        { day: filter.inForceOn },
      )
      .addSelect(['v.version', 'v.effectiveFrom', 'v.effectiveTo', 'v.terms']);
    const { entities, raw } = await query.getRawAndEntities<{
      a_agreement_id: string;
      v_version: number;
      v_effective_from: string | Date | null;
      v_effective_to: string | Date | null;
      v_terms: Record<string, unknown>;
    }>();
    const inForce = new Map(raw.map((version) => [version.a_agreement_id, version]));
    const items = entities.map((row) => {
      const version = inForce.get(row.agreementId)!;
      return {
        ...row,
        inForce: {
          version: version.v_version,
          effectiveFrom: asDay(version.v_effective_from),
          effectiveTo: asDay(version.v_effective_to),
          terms: version.v_terms,
        },
      };
    });
    return pageOf(items, filter.limit, (row) => row.agreementId);
  }
}

/** A `date` column read raw: pg gives a Date at local midnight; answer the calendar day. */
function asDay(value: string | Date | null): string | null {
  if (value === null || typeof value === 'string') return value;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

export const agreementParams = z.object({ agreementId: id }).strict();

/** One agreement as it stands now. */
export class AgreementQuery extends Query<AgreementRow> {
  constructor(readonly agreementId: string) {
    super();
  }
}

/** Every agreed version of an agreement with the days it is in force, oldest first. */
export class AgreementVersionsQuery extends Query<{ agreementId: string; versions: AgreementVersionRow[] }> {
  constructor(readonly agreementId: string) {
    super();
  }
}

/** The negotiation and amendment steps of an agreement, in order. */
export class AgreementTimelineQuery extends Query<{ agreementId: string; steps: AgreementTimelineRow[] }> {
  constructor(readonly agreementId: string) {
    super();
  }
}

async function knownAgreement(readModels: ReadModels, agreementId: string): Promise<AgreementRow> {
  const row = await readModels.repository(AgreementRow).findOneBy({ agreementId });
  if (!row) throw new NotFoundException(`No agreement ${agreementId} in the read model`);
  return row;
}

@QueryHandler(AgreementQuery)
export class AgreementQueryHandler implements IQueryHandler<AgreementQuery> {
  constructor(private readonly readModels: ReadModels) {}

  execute({ agreementId }: AgreementQuery): Promise<AgreementRow> {
    return knownAgreement(this.readModels, agreementId);
  }
}

@QueryHandler(AgreementVersionsQuery)
export class AgreementVersionsQueryHandler implements IQueryHandler<AgreementVersionsQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ agreementId }: AgreementVersionsQuery) {
    await knownAgreement(this.readModels, agreementId);
    const versions = await this.readModels
      .repository(AgreementVersionRow)
      .find({ where: { agreementId }, order: { version: 'ASC' } });
    return { agreementId, versions };
  }
}

@QueryHandler(AgreementTimelineQuery)
export class AgreementTimelineQueryHandler implements IQueryHandler<AgreementTimelineQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ agreementId }: AgreementTimelineQuery) {
    await knownAgreement(this.readModels, agreementId);
    const steps = await this.readModels
      .repository(AgreementTimelineRow)
      .find({ where: { agreementId }, order: { globalPosition: 'ASC' } });
    return { agreementId, steps };
  }
}
