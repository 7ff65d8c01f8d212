import { BadRequestException, Controller, Get, Inject, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PassThrough, Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { CSV_HEADER, csvLine, type TrailFilter } from '@lib/audit';
import { Roles } from '../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import { READERS } from '../auth/roles.js';
import { ValidQuery } from '../http/validated.js';
import {
  chartsQuery,
  decodeCursor,
  encodeCursor,
  eventParams,
  evidenceQuery,
  exportQuery,
  recordQuery,
  sampleQuery,
  streamParams,
  trailQuery,
  type ExportQuery,
  type TrailQuery,
} from './audit.queries.js';
import { AuditService } from './audit.service.js';
import { z } from 'zod';

const EXPORT_PAGE = 1000;

function filterOf(query: Omit<TrailQuery, 'cursor' | 'limit'> | Omit<ExportQuery, 'format'>): TrailFilter {
  return {
    clause: query.clause,
    partyId: query.partyId,
    agreementId: query.agreementId,
    streamId: query.streamId,
    streamType: query.streamType,
    type: query.type,
    actor: query.actor,
    correlationId: query.correlationId,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
  };
}

/** A bad period (e.g. ending before it starts) is the caller's mistake. */
async function periodChecked<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RangeError) throw new BadRequestException(error.message);
    throw error;
  }
}

/**
 * The certification auditor's reads: the audit trail with its hashes, traces of causation and
 * correlation, any record as of a date, seeded samples, the chain verification, the evidence pack.
 * Every route reads; none changes a record.
 */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  @Get('events')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'The audit trail, oldest first: each event with its data, metadata, global position and chain hash; filtered by clause, party, agreement, stream, type, actor, correlation and time; paged by cursor',
  })
  async events(@ValidQuery(trailQuery) query: TrailQuery) {
    const { cursor, limit, ...filters } = query;
    const page = await this.audit.trail(filterOf(filters), { after: decodeCursor(cursor), limit });
    return { items: page.items, nextCursor: page.more && page.last !== null ? encodeCursor(page.last) : null };
  }

  @Get('events/export')
  @Roles(...READERS)
  @ApiProduces('text/csv', 'application/json')
  @ApiOperation({ summary: 'The whole filtered trail as a CSV or JSON download (same filters as /audit/events)' })
  async exportEvents(@ValidQuery(exportQuery) query: ExportQuery, @Res() response: FastifyReply): Promise<void> {
    const { format, ...filters } = query;
    const filter = filterOf(filters);
    const audit = this.audit;
    const firstPage = await audit.trail(filter, { limit: EXPORT_PAGE });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    // Page by page as the client reads: the whole trail is never held in memory.
    async function* lines() {
      yield format === 'csv' ? CSV_HEADER : '[';
      let first = true;
      for (let page = firstPage; ; page = await audit.trail(filter, { after: page.last, limit: EXPORT_PAGE })) {
        for (const entry of page.items) {
          yield format === 'csv' ? csvLine(entry) : `${first ? '\n' : ',\n'}${JSON.stringify(entry)}`;
          first = false;
        }
        if (!page.more || page.last === null) break;
      }
      if (format === 'json') yield '\n]\n';
    }
    await response
      .status(200)
      .header('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="audit-trail-${stamp}.${format}"`)
      .header('Cache-Control', 'no-store')
      .send(Readable.from(lines()));
  }

  @Get('events/:eventId/trace')
  @Roles(...READERS)
  @ApiParam({ name: 'eventId', type: String })
  @ApiOperation({
    summary:
      'The chain of causation and correlation an event belongs to: what it follows from, what followed from it (e.g. a breach, the improvement it raised, its actions and closure), and its flow',
  })
  async trace(@Param() params: Record<string, string>) {
    const { eventId } = eventParams.parse(params);
    const trace = await this.audit.trace(eventId);
    if (!trace) throw new NotFoundException(`event ${eventId} does not exist`);
    return trace;
  }

  @Get('records/:streamId')
  @Roles(...READERS)
  @ApiParam({ name: 'streamId', type: String, description: 'e.g. agreement-<id>, supplier-<partyId>, complaint-<id>' })
  @ApiOperation({
    summary:
      'Any record (agreement, supplier, party, complaint, dispute, review, survey, improvement, service level period) as it stood at asOf, with its history until then and the events since',
  })
  async record(@Param() params: Record<string, string>, @ValidQuery(recordQuery) query: z.infer<typeof recordQuery>) {
    const { streamId } = streamParams.parse(params);
    const asOf = query.asOf ? new Date(query.asOf) : new Date();
    const record = await this.audit.record(streamId, asOf);
    if (!record) throw new NotFoundException(`${streamId} did not exist at ${asOf.toISOString()}`);
    return record;
  }

  @Get('sample')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'A seeded, reproducible sample of records: ids sorted by SHA-256(seed + "\\n" + id), the first N taken; the same seed gives the same sample',
  })
  sample(@ValidQuery(sampleQuery) query: z.infer<typeof sampleQuery>) {
    return periodChecked(() => this.audit.sample(query));
  }

  @Get('verification')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Recomputes the hash chain over the whole log and checks it against every signed checkpoint',
  })
  verification() {
    return this.audit.verification();
  }

  @Get('charts')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The charts of the evidence pack for a period, as inline SVG' })
  charts(@ValidQuery(chartsQuery) query: z.infer<typeof chartsQuery>) {
    return periodChecked(() => this.audit.charts(query));
  }

  @Get('evidence')
  @Roles(...READERS)
  @ApiProduces('application/zip')
  @ApiOperation({
    summary:
      'The evidence pack of a period as one ZIP: index.html (requirements of 8.3.2–8.3.4.2 mapped to records, gaps shown), events.ndjson with hashes, chain-proof.json, signed manifest.json',
  })
  async evidence(
    @ValidQuery(evidenceQuery) query: z.infer<typeof evidenceQuery>,
    @Req() request: AuthenticatedRequest,
    @Res() response: FastifyReply,
  ): Promise<void> {
    const pack = await periodChecked(() =>
      this.audit.evidence({ ...query, createdBy: request.principal?.id ?? 'unknown' }),
    );
    // Streamed: the archive is never joined into one buffer. A client gone away ends the stream.
    const archive = new PassThrough();
    pack.writeTo(archive).catch((error: unknown) => archive.destroy(error as Error));
    await response
      .status(200)
      .header('Content-Type', 'application/zip')
      .header('Content-Disposition', `attachment; filename="${pack.fileName}"`)
      .header('Cache-Control', 'no-store')
      .header('X-Evidence-Events', String(pack.events))
      .header('X-Evidence-Gaps', pack.gaps.join(',') || 'none')
      .header('Access-Control-Expose-Headers', 'Content-Disposition, X-Evidence-Events, X-Evidence-Gaps')
      .header('Content-Length', String(pack.bytes))
      .send(archive);
  }
}
