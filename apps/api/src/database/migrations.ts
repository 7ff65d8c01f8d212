import {
  EventStore1790000000000,
  EventStoreAppendOneStatement1790000620000,
  EventStoreLeanAppend1790000610000,
  PersonKeys1790000050000,
} from '@lib/event-store';
import { ProcessorCheckpoints1790000200000 } from '@lib/projections';
import { AuthTables1790000100000 } from '../auth/auth-tables.migration.js';
import { CustomerRelationshipsReadModel1790000530000 } from '@lib/projections/read-models/customer-relationships/index.js';
import { RegistersReadModel1790000540000 } from '@lib/projections/read-models/registers/index.js';
import { ServiceLevelComplianceReadModel1790000510000 } from '@lib/projections/read-models/service-level-compliance/index.js';
import { SupplierScorecardReadModel1790000520000 } from '@lib/projections/read-models/supplier-scorecard/index.js';
import {
  AuditTrailReadModel1790000550000,
  AuditTrailTimeIndex1790000575000,
} from '@lib/projections/read-models/audit-trail/index.js';
import { AgreementsReadModel1790000560000 } from '@lib/projections/read-models/agreements/index.js';

/**
 * Every schema migration of the service, in the order they run: the event
 * store's first, then the service's own, then the read models'.
 */
export const migrations: Function[] = [
  EventStore1790000000000,
  PersonKeys1790000050000,
  AuthTables1790000100000,
  ProcessorCheckpoints1790000200000,
  ServiceLevelComplianceReadModel1790000510000,
  SupplierScorecardReadModel1790000520000,
  CustomerRelationshipsReadModel1790000530000,
  RegistersReadModel1790000540000,
  AuditTrailReadModel1790000550000,
  AgreementsReadModel1790000560000,
  AuditTrailTimeIndex1790000575000,
  EventStoreLeanAppend1790000610000,
  EventStoreAppendOneStatement1790000620000,
];
