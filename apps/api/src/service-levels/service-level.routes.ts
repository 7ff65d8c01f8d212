import {
  serviceLevelClausesOf,
  serviceLevelCommandBodies as bodies,
  serviceLevelDecider,
  serviceLevelStreamId,
  type ServiceLevelCommand,
  type ServiceLevelEvent,
  type ServiceLevelState,
} from '@lib/domain/service-levels/index.js';
import type { AggregateType } from '../commands/aggregate-store.js';
import type { AggregateRoutes } from '../http/aggregate-routes.js';
import { withPeriodTerms } from './service-level.prepare.js';

/** Service managers report on customer SLAs; supplier managers monitor OLAs and contracts the same way. */
export const serviceLevelRoles = ['service-manager', 'supplier-manager'] as const;

/** A reporting period of one agreement: its clauses follow the agreement kind recorded when it opened. */
export const serviceLevelAggregate: AggregateType<ServiceLevelCommand, ServiceLevelEvent, ServiceLevelState> = {
  decider: serviceLevelDecider,
  clausesOf: (event, state) => serviceLevelClausesOf(event, state.status === 'none' ? 'SLA' : state.agreementKind),
};

const period = ':agreementId/periods/:periodId';

/**
 * Service level monitoring (clause 8.3.3, and 8.3.4 for suppliers): one stream
 * per agreement and reporting period, judged at closing against the agreement
 * version in force when the period opened.
 */
export const serviceLevelRoutes: AggregateRoutes<ServiceLevelCommand, ServiceLevelEvent, ServiceLevelState> = {
  name: 'service-level-periods',
  singular: 'service level period',
  base: 'agreements',
  idParam: 'periodId',
  aggregate: serviceLevelAggregate,
  streamId: ({ agreementId, periodId }) => serviceLevelStreamId(agreementId!, periodId!),
  readPath: period,
  commands: [
    {
      command: 'OpenServiceLevelPeriod',
      path: period,
      creates: true,
      body: bodies.OpenServiceLevelPeriod,
      roles: serviceLevelRoles,
      summary:
        'Open a reporting period (e.g. 2026-03) with the targets and workload limits of the version in force at its start',
      prepare: withPeriodTerms,
    },
    {
      command: 'RecordMeasurement',
      path: `${period}/measurements`,
      body: bodies.RecordMeasurement,
      roles: serviceLevelRoles,
      summary: 'Record a measured value of a service level target',
      newIds: ['measurementId'],
    },
    {
      command: 'CorrectMeasurement',
      path: `${period}/measurements/:measurementId/corrections`,
      body: bodies.CorrectMeasurement.omit({ measurementId: true }),
      roles: serviceLevelRoles,
      summary: 'Correct a measured value with a reason; the original stays on record',
      newIds: ['correctionId'],
    },
    {
      command: 'RecordWorkload',
      path: `${period}/workload`,
      body: bodies.RecordWorkload,
      roles: serviceLevelRoles,
      summary: 'Record the actual workload against a workload limit',
      newIds: ['workloadRecordId'],
    },
    {
      command: 'ClaimException',
      path: `${period}/exception-claims`,
      body: bodies.ClaimException,
      roles: serviceLevelRoles,
      summary: 'Claim downtime to exclude under a planned maintenance window or an excluded cause of the agreement',
      newIds: ['claimId'],
    },
    {
      command: 'ApproveException',
      path: `${period}/exception-claims/:claimId/approval`,
      body: bodies.ApproveException.omit({ claimId: true }),
      roles: serviceLevelRoles,
      summary: 'Approve an exception claim (not by the person who claimed it)',
    },
    {
      command: 'RejectException',
      path: `${period}/exception-claims/:claimId/rejection`,
      body: bodies.RejectException.omit({ claimId: true }),
      roles: serviceLevelRoles,
      summary: 'Reject an exception claim, with the reason',
    },
    {
      command: 'CloseServiceLevelPeriod',
      path: `${period}/closure`,
      body: bodies.CloseServiceLevelPeriod,
      roles: serviceLevelRoles,
      summary: 'Close an ended period: judge every target and workload limit, and report breaches and service credits',
    },
  ],
};
