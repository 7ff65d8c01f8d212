import type { Projection } from '@lib/projections';
import {
  AgreementRow,
  AgreementTimelineRow,
  AgreementVersionRow,
  agreementsProjection,
} from '@lib/projections/read-models/agreements/index.js';
import {
  AuditTrailAgreementParties,
  AuditTrailEntry,
  auditTrailProjection,
} from '@lib/projections/read-models/audit-trail/index.js';
import { relationshipReadModelEntities } from '../read-models/entities.js';
import { relationshipReadModelProjections } from '../read-models/projections.js';

/**
 * Every projection the service runs, and the CLI rebuilds. To add a read
 * model: append its projection here (one line), and its migration to
 * `database/migrations.ts`. Names must be unique and never change: the
 * checkpoint is stored as `projection:<name>`.
 */
export const projections: readonly Projection[] = [
  auditTrailProjection,
  agreementsProjection,
  ...relationshipReadModelProjections,
];

/** The TypeORM entities the read-model queries use (append a read model's entities to read them through `ReadModels`). */
export const readModelEntities: readonly Function[] = [
  AuditTrailEntry,
  AuditTrailAgreementParties,
  AgreementRow,
  AgreementVersionRow,
  AgreementTimelineRow,
  ...relationshipReadModelEntities,
];

/** One projection by name, or an error that lists the known ones. */
export function projectionNamed(name: string): Projection {
  const projection = projections.find((known) => known.name === name);
  if (!projection) {
    throw new Error(`No projection is named ${name}; known: ${projections.map((known) => known.name).join(', ')}`);
  }
  return projection;
}
