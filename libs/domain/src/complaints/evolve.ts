import type { ComplaintEvent } from './events.js';
import type { ComplaintState } from './state.js';

export function evolveComplaint(state: ComplaintState, event: ComplaintEvent): ComplaintState {
  switch (event.type) {
    case 'ComplaintRecorded':
      return { ...state, status: 'open', customerId: event.data.customerId, serviceId: event.data.serviceId };
    case 'ComplaintAssigned':
      return { ...state, assigneeId: event.data.assigneeId };
    case 'ComplaintInvestigated':
    case 'ComplaintActionTaken':
      return state;
    case 'ComplaintEscalated':
      return { ...state, escalations: state.escalations + 1 };
    case 'ComplaintResolved':
      return { ...state, status: 'resolved', resolution: { text: event.data.resolution, at: event.data.at } };
    case 'ComplaintClosed':
      return { ...state, status: 'closed' };
    case 'ComplaintReopened':
      return { ...state, status: 'open', resolution: null };
    case 'ComplaintImprovementRaised':
      return { ...state, improvementIds: [...state.improvementIds, event.data.improvementId] };
    default: {
      const unhandled: never = event;
      throw new Error(`Unhandled complaint event ${JSON.stringify(unhandled)}`);
    }
  }
}
