import { alreadyExists, ensure, notFound } from '../shared/index.js';
import type { ImprovementCommand } from './commands.js';
import type { ImprovementEvent } from './events.js';
import type { ImprovementOpportunity, ImprovementState } from './state.js';

export function decideImprovement(command: ImprovementCommand, state: ImprovementState): ImprovementEvent[] {
  const { improvementId, at, by } = command;
  if (command.type === 'RaiseImprovementOpportunity') {
    // With ids derived from the cause event, a repeated reaction lands here and is answered 409.
    if (state.status !== 'none') {
      throw alreadyExists('improvement.already-exists', `Improvement opportunity ${improvementId} already exists`);
    }
    const { title, description, cause, agreementId } = command;
    return [
      { type: 'ImprovementOpportunityRaised', data: { improvementId, title, description, cause, agreementId, at, by } },
    ];
  }
  if (state.status === 'none') {
    throw notFound('improvement.not-found', `Improvement opportunity ${improvementId} does not exist`);
  }
  ensure(state.status === 'open', 'improvement.closed', `Improvement opportunity ${improvementId} is ${state.status}`);
  return decideOnOpen(command, state);
}

function decideOnOpen(
  command: Exclude<ImprovementCommand, { type: 'RaiseImprovementOpportunity' }>,
  state: ImprovementOpportunity,
): ImprovementEvent[] {
  const { improvementId, at, by } = command;
  switch (command.type) {
    case 'AssignImprovementOwner':
      return [{ type: 'ImprovementOwnerAssigned', data: { improvementId, ownerId: command.ownerId, at, by } }];
    case 'AddImprovementAction': {
      ensure(
        !state.actions.some((action) => action.actionId === command.actionId),
        'improvement.action-duplicate',
        `Action ${command.actionId} already exists`,
      );
      const { actionId, description, dueOn, assigneeId } = command;
      return [
        { type: 'ImprovementActionAdded', data: { improvementId, actionId, description, dueOn, assigneeId, at, by } },
      ];
    }
    case 'CompleteImprovementAction': {
      const action = state.actions.find((candidate) => candidate.actionId === command.actionId);
      ensure(action !== undefined, 'improvement.action-unknown', `No action ${command.actionId}`);
      ensure(!action.completed, 'improvement.action-already-completed', `Action ${command.actionId} is completed`);
      const { actionId, outcome } = command;
      return [{ type: 'ImprovementActionCompleted', data: { improvementId, actionId, outcome, at, by } }];
    }
    case 'CloseImprovementOpportunity': {
      const open = state.actions.filter((action) => !action.completed).map((action) => action.actionId);
      ensure(open.length === 0, 'improvement.open-actions', `Complete the open actions first: ${open.join(', ')}`);
      ensure(command.evidence.length > 0, 'improvement.evidence-missing', 'Closing needs evidence of the improvement');
      const { summary, evidence } = command;
      return [{ type: 'ImprovementOpportunityClosed', data: { improvementId, summary, evidence, at, by } }];
    }
    case 'RejectImprovementOpportunity':
      return [{ type: 'ImprovementOpportunityRejected', data: { improvementId, reason: command.reason, at, by } }];
    default: {
      const unknown: never = command;
      throw new Error(`Unknown improvement command ${JSON.stringify(unknown)}`);
    }
  }
}
