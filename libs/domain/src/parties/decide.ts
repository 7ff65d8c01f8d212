import { alreadyExists, ensure, notFound } from '../shared/index.js';
import type { PartyCommand } from './commands.js';
import type { PartyEvent, PartyRole, Responsibility } from './events.js';
import { currentHolder, currentRoles, type PartyState } from './state.js';

/** Which roles a party must hold before someone can be made responsible for that relationship. */
const rolesNeeded: Partial<Record<Responsibility, readonly PartyRole[]>> = {
  'customer-relationship': ['customer', 'customer-as-supplier'],
  'supplier-relationship': ['external-supplier', 'internal-supplier', 'customer-as-supplier'],
};

export function decideParty(command: PartyCommand, state: PartyState): PartyEvent[] {
  const { partyId, at, by } = command;
  if (command.type === 'RegisterParty') {
    if (state.registered) throw alreadyExists('party.already-exists', `Party ${partyId} is already registered`);
    const { name, description, roles, rolesFrom } = command;
    return [
      { type: 'PartyRegistered', data: { partyId, name, ...(description && { description }), at, by } },
      ...roles.map((role): PartyEvent => ({
        type: 'PartyRoleAdded',
        data: { partyId, role, from: rolesFrom, at, by },
      })),
    ];
  }
  if (!state.registered) throw notFound('party.not-found', `Party ${partyId} is not registered`);

  switch (command.type) {
    case 'AddPartyRole': {
      const { role, from } = command;
      ensure(!currentRoles(state).includes(role), 'party.role-held', `The party already holds the role ${role}`);
      return [{ type: 'PartyRoleAdded', data: { partyId, role, from, at, by } }];
    }
    case 'RemovePartyRole': {
      const { role, until, reason } = command;
      const tenure = state.roles.find((held) => held.role === role && held.until === null);
      ensure(tenure !== undefined, 'party.role-not-held', `The party does not hold the role ${role}`);
      ensure(until >= tenure.from, 'party.role-ends-before-start', `The role ${role} was held from ${tenure.from}`);
      return [{ type: 'PartyRoleRemoved', data: { partyId, role, until, reason, at, by } }];
    }
    case 'DesignateResponsiblePerson':
      return [{ type: 'ResponsiblePersonDesignated', data: designation(command, state) }];
    case 'AddCommunicationArrangement': {
      const { arrangementId, purpose, channel, frequency, participants } = command;
      ensure(
        !state.arrangements.some((arrangement) => arrangement.arrangementId === arrangementId),
        'party.arrangement-exists',
        `Arrangement ${arrangementId} already exists`,
      );
      const data = { partyId, arrangementId, purpose, channel, frequency, participants };
      return [{ type: 'CommunicationArrangementAdded', data: { ...data, at, by } }];
    }
    case 'ChangeCommunicationArrangement': {
      const { arrangementId, channel, frequency, participants, reason } = command;
      ensureActiveArrangement(state, arrangementId);
      const data = { partyId, arrangementId, channel, frequency, participants, reason };
      return [{ type: 'CommunicationArrangementChanged', data: { ...data, at, by } }];
    }
    case 'EndCommunicationArrangement': {
      const { arrangementId, reason } = command;
      ensureActiveArrangement(state, arrangementId);
      return [{ type: 'CommunicationArrangementEnded', data: { partyId, arrangementId, reason, at, by } }];
    }
    case 'LogCommunication': {
      const { communicationId, arrangementId, heldOn, channel, participants, summary } = command;
      if (arrangementId && !state.arrangements.some((arrangement) => arrangement.arrangementId === arrangementId)) {
        throw notFound('party.arrangement-not-found', `Arrangement ${arrangementId} does not exist`);
      }
      ensure(
        !state.communicationIds.includes(communicationId),
        'party.communication-exists',
        `Communication ${communicationId} is already logged`,
      );
      ensure(
        Date.parse(heldOn) <= Date.parse(at),
        'party.communication-in-future',
        'A communication is logged once it took place',
      );
      const data = { partyId, communicationId, ...(arrangementId && { arrangementId }), heldOn, channel, participants };
      return [{ type: 'CommunicationHeld', data: { ...data, summary, at, by } }];
    }
    default: {
      const unhandled: never = command;
      throw new Error(`Unhandled party command ${JSON.stringify(unhandled)}`);
    }
  }
}

type DesignateCommand = Extract<PartyCommand, { type: 'DesignateResponsiblePerson' }>;

/** A new designation replaces the current holder from its date; history is kept, never rewritten. */
function designation({ partyId, responsibility, responsible, from, at, by }: DesignateCommand, state: PartyState) {
  const needed = rolesNeeded[responsibility];
  ensure(
    !needed || currentRoles(state).some((role) => needed.includes(role)),
    responsibility === 'customer-relationship' ? 'party.not-a-customer' : 'party.not-a-supplier',
    `A person responsible for the ${responsibility} needs a party holding one of the roles ${needed?.join(', ')}`,
  );
  const holder = currentHolder(state, responsibility);
  ensure(
    holder?.personId !== responsible.personId,
    'party.already-responsible',
    `${responsible.personId} is already responsible for the ${responsibility}`,
  );
  ensure(
    !holder || from >= holder.from,
    'party.designation-before-current',
    `The current holder is responsible from ${holder?.from}; a successor starts on or after that date`,
  );
  return { partyId, responsibility, responsible, from, ...(holder && { replacesPersonId: holder.personId }), at, by };
}

function ensureActiveArrangement(state: PartyState, arrangementId: string) {
  const arrangement = state.arrangements.find((candidate) => candidate.arrangementId === arrangementId);
  if (!arrangement) throw notFound('party.arrangement-not-found', `Arrangement ${arrangementId} does not exist`);
  ensure(!arrangement.ended, 'party.arrangement-ended', `Arrangement ${arrangementId} has ended`);
}
