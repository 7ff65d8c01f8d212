import type { ImprovementEvent } from './events.js';
import type { ImprovementState } from './state.js';

export function evolveImprovement(state: ImprovementState, event: ImprovementEvent): ImprovementState {
  if (event.type === 'ImprovementOpportunityRaised') {
    return { status: 'open', improvementId: event.data.improvementId, cause: event.data.cause, actions: [] };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'ImprovementOwnerAssigned':
      return { ...state, ownerId: event.data.ownerId };
    case 'ImprovementActionAdded':
      return { ...state, actions: [...state.actions, { actionId: event.data.actionId, completed: false }] };
    case 'ImprovementActionCompleted':
      return {
        ...state,
        actions: state.actions.map((action) =>
          action.actionId === event.data.actionId ? { ...action, completed: true } : action,
        ),
      };
    case 'ImprovementOpportunityClosed':
      return { ...state, status: 'closed' };
    case 'ImprovementOpportunityRejected':
      return { ...state, status: 'rejected' };
    default: {
      const unknown: never = event;
      throw new Error(`Unknown improvement event ${JSON.stringify(unknown)}`);
    }
  }
}
