import type { Projection } from '@lib/projections';
import { customerRelationshipsProjection } from '@lib/projections/read-models/customer-relationships/index.js';
import {
  complaintRegisterProjection,
  disputeRegisterProjection,
  improvementRegisterProjection,
  reviewRegisterProjection,
} from '@lib/projections/read-models/registers/index.js';
import { serviceLevelComplianceProjection } from '@lib/projections/read-models/service-level-compliance/index.js';
import { supplierScorecardProjection } from '@lib/projections/read-models/supplier-scorecard/index.js';

/** The projections behind the read models of this module. */
export const relationshipReadModelProjections: readonly Projection[] = [
  serviceLevelComplianceProjection,
  supplierScorecardProjection,
  customerRelationshipsProjection,
  complaintRegisterProjection,
  disputeRegisterProjection,
  improvementRegisterProjection,
  reviewRegisterProjection,
];
