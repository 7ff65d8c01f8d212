import type { PartyEvent } from './events.js';
import type { PartyState } from './state.js';

export function evolveParty(state: PartyState, event: PartyEvent): PartyState {
  switch (event.type) {
    case 'PartyRegistered':
      return { ...state, registered: true };
    case 'PartyRoleAdded':
      return { ...state, roles: [...state.roles, { role: event.data.role, from: event.data.from, until: null }] };
    case 'PartyRoleRemoved': {
      const { role, until } = event.data;
      return {
        ...state,
        roles: state.roles.map((held) => (held.role === role && held.until === null ? { ...held, until } : held)),
      };
    }
    case 'ResponsiblePersonDesignated': {
      const { responsibility, responsible, from } = event.data;
      const replaced = state.designations.map((held) =>
        held.responsibility === responsibility && held.replacedOn === null ? { ...held, replacedOn: from } : held,
      );
      return {
        ...state,
        designations: [...replaced, { responsibility, personId: responsible.personId, from, replacedOn: null }],
      };
    }
    case 'CommunicationArrangementAdded':
      return {
        ...state,
        arrangements: [...state.arrangements, { arrangementId: event.data.arrangementId, ended: false }],
      };
    case 'CommunicationArrangementChanged':
      return state;
    case 'CommunicationArrangementEnded':
      return {
        ...state,
        arrangements: state.arrangements.map((arrangement) =>
          arrangement.arrangementId === event.data.arrangementId ? { ...arrangement, ended: true } : arrangement,
        ),
      };
    case 'CommunicationHeld':
      return { ...state, communicationIds: [...state.communicationIds, event.data.communicationId] };
    default: {
      const unhandled: never = event;
      throw new Error(`Unhandled party event ${JSON.stringify(unhandled)}`);
    }
  }
}
