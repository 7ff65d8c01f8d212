import { Controller, Get, Inject, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '../auth/access.decorators.js';
import { READERS } from '../auth/roles.js';
import { ValidQuery } from '../http/validated.js';
import {
  ServiceLevelComplianceQuery,
  ServiceLevelWorkloadQuery,
  complianceQuerySchema,
  workloadQuerySchema,
  type ComplianceFilters,
  type WorkloadFilters,
} from './compliance.queries.js';
import {
  CustomerRelationshipQuery,
  CustomerRelationshipsQuery,
  customerQuerySchema,
  customersQuerySchema,
  type CustomersFilters,
} from './customers.queries.js';
import {
  ComplaintRegisterQuery,
  DisputeRegisterQuery,
  ImprovementRegisterQuery,
  ReviewRegisterQuery,
  complaintRegisterQuerySchema,
  disputeRegisterQuerySchema,
  improvementRegisterQuerySchema,
  reviewRegisterQuerySchema,
  type ComplaintRegisterFilters,
  type DisputeRegisterFilters,
  type ImprovementRegisterFilters,
  type ReviewRegisterFilters,
} from './registers.queries.js';
import {
  SupplierScorecardQuery,
  SupplierScorecardsQuery,
  scorecardQuerySchema,
  scorecardsQuerySchema,
  type ScorecardsFilters,
} from './suppliers.queries.js';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function checkedId(name: string, value: string): string {
  if (!SAFE_ID.test(value))
    throw new z.ZodError([{ code: 'custom', path: [name], message: 'not a valid id', input: value }]);
  return value;
}

const asAtOf = (asAt: string | undefined) => (asAt ? new Date(asAt) : new Date());

/** Read models built by projections from the log; lists are paged with an opaque cursor. */
@ApiTags('read-models')
@Controller('read-models')
export class ReadModelsController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get('service-level-compliance')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'Service level compliance per agreement, period and target: target in force, value judged, outcome, credit',
  })
  compliance(@ValidQuery(complianceQuerySchema) filters: ComplianceFilters) {
    return this.queries.execute(new ServiceLevelComplianceQuery(filters));
  }

  @Get('service-level-workload')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Actual workload against the workload limits, per agreement and period' })
  workload(@ValidQuery(workloadQuerySchema) filters: WorkloadFilters) {
    return this.queries.execute(new ServiceLevelWorkloadQuery(filters));
  }

  @Get('suppliers/scorecards')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Supplier performance scorecards' })
  scorecards(@ValidQuery(scorecardsQuerySchema) filters: ScorecardsFilters) {
    return this.queries.execute(new SupplierScorecardsQuery(filters));
  }

  @Get('suppliers/:supplierId/scorecard')
  @Roles(...READERS)
  @ApiOperation({ summary: "One supplier's scorecard, with its contracts, target alignments and open risks" })
  scorecard(
    @Param('supplierId') supplierId: string,
    @ValidQuery(scorecardQuerySchema) { periods }: z.infer<typeof scorecardQuerySchema>,
  ) {
    return this.queries.execute(new SupplierScorecardQuery(checkedId('supplierId', supplierId), periods));
  }

  @Get('customers')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Customer relationships: owner, satisfaction trend, open complaints, reviews' })
  customers(@ValidQuery(customersQuerySchema) filters: CustomersFilters) {
    return this.queries.execute(new CustomerRelationshipsQuery(filters, asAtOf(filters.asAt)));
  }

  @Get('customers/:partyId')
  @Roles(...READERS)
  @ApiOperation({ summary: "One customer's relationship, with its satisfaction history and reviews" })
  customer(@Param('partyId') partyId: string, @ValidQuery(customerQuerySchema) { asAt }: { asAt?: string }) {
    return this.queries.execute(new CustomerRelationshipQuery(checkedId('partyId', partyId), asAtOf(asAt)));
  }

  @Get('registers/complaints')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Register of complaints, oldest first, with their age in days' })
  complaints(@ValidQuery(complaintRegisterQuerySchema) filters: ComplaintRegisterFilters) {
    return this.queries.execute(new ComplaintRegisterQuery(filters, asAtOf(filters.asAt)));
  }

  @Get('registers/disputes')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Register of disputes, oldest first, with their age in days' })
  disputes(@ValidQuery(disputeRegisterQuerySchema) filters: DisputeRegisterFilters) {
    return this.queries.execute(new DisputeRegisterQuery(filters, asAtOf(filters.asAt)));
  }

  @Get('registers/improvements')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Register of improvement opportunities, oldest first, with age and overdue actions' })
  improvements(@ValidQuery(improvementRegisterQuerySchema) filters: ImprovementRegisterFilters) {
    return this.queries.execute(new ImprovementRegisterQuery(filters, asAtOf(filters.asAt)));
  }

  @Get('registers/reviews')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Register of reviews by due date, with those overdue at asAt' })
  reviews(@ValidQuery(reviewRegisterQuerySchema) filters: ReviewRegisterFilters) {
    return this.queries.execute(new ReviewRegisterQuery(filters, asAtOf(filters.asAt)));
  }
}
