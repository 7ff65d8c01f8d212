import { describe, expect, it } from '@jest/globals';
import { specFor } from '../../test/decider-spec.js';
import { fold } from '../shared/index.js';
import type { ServiceLevelEvent } from '../service-levels/index.js';
import { improvementClausesOf } from './clauses.js';
import type { ImprovementCommand } from './commands.js';
import { improvementDecider } from './decider.js';
import type { ImprovementEvent } from './events.js';
import { improvementOpportunitiesFor } from './process-manager.js';

const spec = specFor(improvementDecider);
const improvementId = 'imp-1';
const when = (day: string) => `${day}T09:00:00Z`;
const raise: ImprovementCommand = {
  type: 'RaiseImprovementOpportunity',
  improvementId,
  title: 'Availability breached in 2026-03',
  description: 'Payroll availability 98.7 % against >= 99.5 %',
  cause: { kind: 'target-breached', streamId: 'service-level-sla-payroll:2026-03', eventId: 'evt-42' },
  agreementId: 'sla-payroll',
  at: when('2026-04-02'),
  by: 'person-alice',
};
const raised: ImprovementEvent = {
  type: 'ImprovementOpportunityRaised',
  data: {
    improvementId,
    title: raise.title,
    description: raise.description,
    cause: raise.cause,
    agreementId: 'sla-payroll',
    at: when('2026-04-02'),
    by: 'person-alice',
  },
};
const history = (...commands: ImprovementCommand[]) => {
  const events: ImprovementEvent[] = [];
  for (const command of commands) events.push(...improvementDecider.decide(command, fold(improvementDecider, events)));
  return events;
};
const addAction: ImprovementCommand = {
  type: 'AddImprovementAction',
  improvementId,
  actionId: 'a1',
  description: 'Add a second database replica',
  dueOn: '2026-05-01',
  assigneeId: 'person-bob',
  at: when('2026-04-03'),
  by: 'person-alice',
};
const completeAction: ImprovementCommand = {
  type: 'CompleteImprovementAction',
  improvementId,
  actionId: 'a1',
  outcome: 'Replica live since 2026-04-20',
  at: when('2026-04-20'),
  by: 'person-bob',
};
const closeWith = (evidence: { description: string; reference?: string }[]): ImprovementCommand => ({
  type: 'CloseImprovementOpportunity',
  improvementId,
  summary: 'Failover now automatic',
  evidence,
  at: when('2026-05-02'),
  by: 'person-alice',
});

describe('improvement opportunities', () => {
  it('is raised from a cause, linked to it', () => {
    spec.given().when(raise).then(raised);
    expect(improvementClausesOf(raised)).toEqual(['8.3.3']);
  });

  it('is raised by hand without a cause', () => {
    spec
      .given()
      .when({ ...raise, cause: undefined, agreementId: undefined })
      .then({
        type: 'ImprovementOpportunityRaised',
        data: { ...raised.data, cause: undefined, agreementId: undefined },
      });
  });

  it('refuses raising the same opportunity twice, and commands on one that does not exist', () => {
    spec.given(raised).when(raise).thenRefuses('already-exists', 'improvement.already-exists');
    spec.given().when(addAction).thenRefuses('not-found', 'improvement.not-found');
  });

  it('gets an owner, and actions that are added and completed', () => {
    spec
      .given(raised)
      .when({
        type: 'AssignImprovementOwner',
        improvementId,
        ownerId: 'person-bob',
        at: when('2026-04-02'),
        by: 'person-alice',
      })
      .then({
        type: 'ImprovementOwnerAssigned',
        data: { improvementId, ownerId: 'person-bob', at: when('2026-04-02'), by: 'person-alice' },
      });
    spec
      .given(raised)
      .when(addAction)
      .then({
        type: 'ImprovementActionAdded',
        data: {
          improvementId,
          actionId: 'a1',
          description: 'Add a second database replica',
          dueOn: '2026-05-01',
          assigneeId: 'person-bob',
          at: when('2026-04-03'),
          by: 'person-alice',
        },
      });
    spec
      .given(...history(raise, addAction))
      .when(completeAction)
      .then({
        type: 'ImprovementActionCompleted',
        data: {
          improvementId,
          actionId: 'a1',
          outcome: 'Replica live since 2026-04-20',
          at: when('2026-04-20'),
          by: 'person-bob',
        },
      });
  });

  it('refuses completing an unknown action or one already completed, or adding the same action twice', () => {
    spec.given(raised).when(completeAction).thenRefuses('rule-violated', 'improvement.action-unknown');
    spec
      .given(...history(raise, addAction, completeAction))
      .when(completeAction)
      .thenRefuses('rule-violated', 'improvement.action-already-completed');
    spec
      .given(...history(raise, addAction))
      .when(addAction)
      .thenRefuses('rule-violated', 'improvement.action-duplicate');
  });

  it('closes with evidence once every action is completed', () => {
    const evidence = [{ description: 'April availability report', reference: 'service-level-sla-payroll:2026-04' }];
    spec
      .given(...history(raise, addAction, completeAction))
      .when(closeWith(evidence))
      .then({
        type: 'ImprovementOpportunityClosed',
        data: {
          improvementId,
          summary: 'Failover now automatic',
          evidence,
          at: when('2026-05-02'),
          by: 'person-alice',
        },
      });
  });

  it('cannot close with open actions or without evidence', () => {
    spec
      .given(...history(raise, addAction))
      .when(closeWith([{ description: 'x' }]))
      .thenRefuses('rule-violated', 'improvement.open-actions');
    spec.given(raised).when(closeWith([])).thenRefuses('rule-violated', 'improvement.evidence-missing');
  });

  it('is rejected with a reason, and then cannot change', () => {
    const reject: ImprovementCommand = {
      type: 'RejectImprovementOpportunity',
      improvementId,
      reason: 'Caused by a customer network outage',
      at: when('2026-04-03'),
      by: 'person-alice',
    };
    spec
      .given(raised)
      .when(reject)
      .then({
        type: 'ImprovementOpportunityRejected',
        data: {
          improvementId,
          reason: 'Caused by a customer network outage',
          at: when('2026-04-03'),
          by: 'person-alice',
        },
      });
    spec
      .given(...history(raise, reject))
      .when(addAction)
      .thenRefuses('rule-violated', 'improvement.closed');
  });
});

describe('improvement opportunities from service levels (process manager)', () => {
  const ids = { agreementId: 'sla-payroll', periodId: '2026-03', agreementVersion: 1 };
  const context = { eventId: 'evt-42', streamId: 'service-level-sla-payroll:2026-03' };
  const breached: ServiceLevelEvent = {
    type: 'ServiceLevelTargetBreached',
    data: {
      ...ids,
      targetId: 'availability',
      target: { metric: 'availability', comparator: '>=', value: 99.5, unit: '%' },
      measurementId: 'm1',
      measuredValue: 98.7,
      excludedMinutes: 0,
      judgedValue: 98.7,
      serviceCreditPercent: 10,
      serviceCreditLevel: 99,
      at: when('2026-04-02'),
      by: 'person-alice',
    },
  };

  it('raises one opportunity per breached target, linked to the breach', () => {
    const [payload, ...others] = improvementOpportunitiesFor(breached, context);
    expect(others).toEqual([]);
    expect(payload).toEqual({
      title: 'Target availability breached in 2026-03',
      description: 'Agreement sla-payroll version 1: availability was 98.7 %, target >= 99.5 %',
      cause: { kind: 'target-breached', streamId: context.streamId, eventId: 'evt-42' },
      agreementId: 'sla-payroll',
    });
    // The app derives the id from the cause event, so a repeated delivery is refused, not duplicated.
    const command: ImprovementCommand = {
      type: 'RaiseImprovementOpportunity',
      improvementId: 'from-evt-42',
      ...payload,
      at: when('2026-04-02'),
      by: 'system',
    };
    const first = improvementDecider.decide(command, improvementDecider.initialState);
    expect(first[0]).toMatchObject({ type: 'ImprovementOpportunityRaised', data: { cause: { eventId: 'evt-42' } } });
    spec
      .given(...first)
      .when(command)
      .thenRefuses('already-exists', 'improvement.already-exists');
  });

  it('raises one opportunity per exceeded workload limit', () => {
    const exceeded: ServiceLevelEvent = {
      type: 'WorkloadLimitExceeded',
      data: {
        ...ids,
        limitId: 'incidents',
        limit: 500,
        unit: 'incidents',
        actual: 512,
        at: when('2026-04-02'),
        by: 'person-alice',
      },
    };
    expect(improvementOpportunitiesFor(exceeded, context)).toEqual([
      {
        title: 'Workload limit incidents exceeded in 2026-03',
        description: 'Agreement sla-payroll: actual workload 512 incidents against a limit of 500 incidents',
        cause: { kind: 'workload-limit-exceeded', streamId: context.streamId, eventId: 'evt-42' },
        agreementId: 'sla-payroll',
      },
    ]);
  });

  it('raises nothing for a met target or a closed period', () => {
    expect(
      improvementOpportunitiesFor({ ...breached, type: 'ServiceLevelTargetMet' } as ServiceLevelEvent, context),
    ).toEqual([]);
  });
});
