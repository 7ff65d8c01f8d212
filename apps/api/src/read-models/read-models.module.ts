import { Module } from '@nestjs/common';
import { ServiceLevelComplianceQueryHandler, ServiceLevelWorkloadQueryHandler } from './compliance.queries.js';
import { CustomerRelationshipQueryHandler, CustomerRelationshipsQueryHandler } from './customers.queries.js';
import { ReadModelsController } from './read-models.controller.js';
import {
  ComplaintRegisterQueryHandler,
  DisputeRegisterQueryHandler,
  ImprovementRegisterQueryHandler,
  ReviewRegisterQueryHandler,
} from './registers.queries.js';
import { SupplierScorecardQueryHandler, SupplierScorecardsQueryHandler } from './suppliers.queries.js';

/**
 * The read models of service level compliance, supplier scorecards, customer
 * relationships and the registers: GET endpoints answered through the
 * QueryBus from the tables their projections keep (see `projections.ts`).
 */
@Module({
  controllers: [ReadModelsController],
  providers: [
    ServiceLevelComplianceQueryHandler,
    ServiceLevelWorkloadQueryHandler,
    SupplierScorecardsQueryHandler,
    SupplierScorecardQueryHandler,
    CustomerRelationshipsQueryHandler,
    CustomerRelationshipQueryHandler,
    ComplaintRegisterQueryHandler,
    DisputeRegisterQueryHandler,
    ImprovementRegisterQueryHandler,
    ReviewRegisterQueryHandler,
  ],
})
export class ReadModelsModule {}
