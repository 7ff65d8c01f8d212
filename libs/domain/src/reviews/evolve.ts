import type { ReviewEvent } from './events.js';
import type { ReviewState } from './state.js';

export function evolveReview(state: ReviewState, event: ReviewEvent): ReviewState {
  switch (event.type) {
    case 'ReviewScheduled': {
      const { subject, dueOn, interval } = event.data;
      return { ...state, status: 'scheduled', plan: { subject, dueOn, interval } };
    }
    case 'ReviewRescheduled':
      return state.plan ? { ...state, plan: { ...state.plan, dueOn: event.data.dueOn } } : state;
    case 'ReviewCancelled':
      return { ...state, status: 'cancelled' };
    case 'ReviewHeld':
      return { ...state, status: 'held', heldOn: event.data.heldOn };
    case 'NextReviewScheduled':
      return state;
    case 'ReviewActionAgreed': {
      const { actionId, ownerId, dueOn } = event.data;
      return { ...state, actions: [...state.actions, { actionId, ownerId, dueOn, completed: false }] };
    }
    case 'ReviewActionCompleted':
      return {
        ...state,
        actions: state.actions.map((action) =>
          action.actionId === event.data.actionId ? { ...action, completed: true } : action,
        ),
      };
    default: {
      const unhandled: never = event;
      throw new Error(`Unhandled review event ${JSON.stringify(unhandled)}`);
    }
  }
}
