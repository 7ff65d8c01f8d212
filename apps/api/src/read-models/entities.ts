import {
  CustomerComplaintRow,
  CustomerRelationshipRow,
  CustomerReviewRow,
  CustomerSatisfactionRow,
} from '@lib/projections/read-models/customer-relationships/index.js';
import {
  ComplaintRegisterRow,
  DisputeRegisterRow,
  ImprovementRegisterRow,
  ReviewRegisterRow,
} from '@lib/projections/read-models/registers/index.js';
import {
  ServiceLevelComplianceRow,
  ServiceLevelWorkloadRow,
} from '@lib/projections/read-models/service-level-compliance/index.js';
import {
  SupplierAlignmentRow,
  SupplierContractRow,
  SupplierDisputeRow,
  SupplierReviewRow,
  SupplierRiskRow,
  SupplierScorecardRow,
  SupplierTargetResultRow,
} from '@lib/projections/read-models/supplier-scorecard/index.js';

/** The TypeORM entities of the compliance, supplier, customer and register read models. */
export const relationshipReadModelEntities: Function[] = [
  ServiceLevelComplianceRow,
  ServiceLevelWorkloadRow,
  SupplierScorecardRow,
  SupplierContractRow,
  SupplierTargetResultRow,
  SupplierRiskRow,
  SupplierDisputeRow,
  SupplierAlignmentRow,
  SupplierReviewRow,
  CustomerRelationshipRow,
  CustomerSatisfactionRow,
  CustomerComplaintRow,
  CustomerReviewRow,
  ComplaintRegisterRow,
  DisputeRegisterRow,
  ImprovementRegisterRow,
  ReviewRegisterRow,
];
