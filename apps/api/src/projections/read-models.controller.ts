import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators.js';
import { READERS } from '../auth/roles.js';
import { ValidQuery } from '../http/validated.js';
import {
  AgreementQuery,
  AgreementTimelineQuery,
  AgreementVersionsQuery,
  AgreementsQuery,
  AuditTrailQuery,
  agreementParams,
  agreementsQuery,
  auditTrailQuery,
  type AgreementsFilter,
  type AuditTrailFilter,
} from './read-model.queries.js';

/** Reads of the projected read models: filtered lists with cursor pagination. */
@ApiTags('read models')
@Controller()
export class ReadModelsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('audit-trail/entries')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'The audit trail: every event, oldest first, by clause, stream, type, actor, agreement, party and time',
  })
  auditTrail(@ValidQuery(auditTrailQuery) filter: AuditTrailFilter) {
    return this.queries.execute(new AuditTrailQuery(filter));
  }

  @Get('read-models/agreements')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'Agreements as they stand now, by kind, status and party; with inForceOn, those in force on that day and the version in force',
  })
  agreements(@ValidQuery(agreementsQuery) filter: AgreementsFilter) {
    return this.queries.execute(new AgreementsQuery(filter));
  }

  @Get('read-models/agreements/:agreementId')
  @Roles(...READERS)
  @ApiParam({ name: 'agreementId', type: String })
  @ApiOperation({ summary: 'One agreement as it stands now (current version, dates, targets, owners, next review)' })
  agreement(@Param() params: Record<string, string>) {
    return this.queries.execute(new AgreementQuery(agreementParams.parse(params).agreementId));
  }

  @Get('read-models/agreements/:agreementId/versions')
  @Roles(...READERS)
  @ApiParam({ name: 'agreementId', type: String })
  @ApiOperation({ summary: 'Every agreed version of an agreement with the days it is (or was) in force' })
  versions(@Param() params: Record<string, string>) {
    return this.queries.execute(new AgreementVersionsQuery(agreementParams.parse(params).agreementId));
  }

  @Get('read-models/agreements/:agreementId/timeline')
  @Roles(...READERS)
  @ApiParam({ name: 'agreementId', type: String })
  @ApiOperation({
    summary:
      'The negotiation and amendment steps: proposals, counter-proposals, acceptances, withdrawals; who, which side, when',
  })
  timeline(@Param() params: Record<string, string>) {
    return this.queries.execute(new AgreementTimelineQuery(agreementParams.parse(params).agreementId));
  }
}
