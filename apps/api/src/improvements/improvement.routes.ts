import {
  improvementClausesOf,
  improvementCommandBodies as bodies,
  improvementDecider,
  improvementStreamId,
  type ImprovementCommand,
  type ImprovementEvent,
  type ImprovementState,
} from '@lib/domain/improvements/index.js';
import type { AggregateType } from '../commands/aggregate-store.js';
import type { AggregateRoutes } from '../http/aggregate-routes.js';

const managers = ['service-manager'] as const;

/** An improvement opportunity: its clauses follow the kind of cause it was raised from. */
export const improvementAggregate: AggregateType<ImprovementCommand, ImprovementEvent, ImprovementState> = {
  decider: improvementDecider,
  clausesOf: (event, state) => improvementClausesOf(event, state.status === 'none' ? undefined : state.cause?.kind),
};

/**
 * Improvement opportunities (clause 8.3.3 and the other duties of 8.3): raised
 * by hand or from a breach, worked through actions, closed with evidence.
 */
export const improvementRoutes: AggregateRoutes<ImprovementCommand, ImprovementEvent, ImprovementState> = {
  name: 'improvements',
  base: 'improvements',
  idParam: 'improvementId',
  aggregate: improvementAggregate,
  streamId: ({ improvementId }) => improvementStreamId(improvementId!),
  commands: [
    {
      command: 'RaiseImprovementOpportunity',
      path: '',
      body: bodies.RaiseImprovementOpportunity,
      roles: managers,
      summary: 'Raise an improvement opportunity, optionally linked to the record that gave rise to it',
    },
    {
      command: 'AssignImprovementOwner',
      path: ':improvementId/owner',
      body: bodies.AssignImprovementOwner,
      roles: managers,
      summary: 'Assign the person who owns the improvement',
    },
    {
      command: 'AddImprovementAction',
      path: ':improvementId/actions',
      body: bodies.AddImprovementAction,
      roles: managers,
      summary: 'Add an action to take, with an optional due date and assignee',
      newIds: ['actionId'],
    },
    {
      command: 'CompleteImprovementAction',
      path: ':improvementId/actions/:actionId/completion',
      body: bodies.CompleteImprovementAction.omit({ actionId: true }),
      roles: managers,
      summary: 'Complete an action, with its outcome',
    },
    {
      command: 'CloseImprovementOpportunity',
      path: ':improvementId/closure',
      body: bodies.CloseImprovementOpportunity,
      roles: managers,
      summary: 'Close the improvement once every action is complete, with evidence of the improvement',
    },
    {
      command: 'RejectImprovementOpportunity',
      path: ':improvementId/rejection',
      body: bodies.RejectImprovementOpportunity,
      roles: managers,
      summary: 'Reject the opportunity, with the reason',
    },
  ],
};
