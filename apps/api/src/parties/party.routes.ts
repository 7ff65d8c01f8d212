import {
  partyClausesOf,
  partyCommandBodies as bodies,
  partyDecider,
  partyStreamId,
  type PartyCommand,
  type PartyEvent,
  type PartyState,
} from '@lib/domain/parties/index.js';
import type { Role } from '../auth/roles.js';
import type { AggregateRoutes } from '../http/aggregate-routes.js';

/** Customers are the relationship manager's; suppliers are parties too, registered by the supplier manager. */
const managers: readonly Role[] = ['relationship-manager', 'supplier-manager'];

/**
 * Customers, users, suppliers and other interested parties (clause 8.3.2):
 * their roles over time, the person responsible for each relationship, the
 * communication arrangements agreed with them, and the communications held.
 */
export const partyRoutes: AggregateRoutes<PartyCommand, PartyEvent, PartyState> = {
  name: 'parties',
  singular: 'party',
  base: 'parties',
  idParam: 'partyId',
  aggregate: { decider: partyDecider, clausesOf: (event) => partyClausesOf(event) },
  streamId: ({ partyId }) => partyStreamId(partyId!),
  commands: [
    {
      command: 'RegisterParty',
      path: '',
      body: bodies.RegisterParty,
      roles: managers,
      summary: 'Register a customer, user, supplier or other interested party with the roles it holds from a date',
    },
    {
      command: 'AddPartyRole',
      path: ':partyId/roles',
      body: bodies.AddPartyRole,
      roles: managers,
      summary: 'Record that the party holds another role from a date',
    },
    {
      command: 'RemovePartyRole',
      path: ':partyId/role-removals',
      body: bodies.RemovePartyRole,
      roles: managers,
      summary: 'Record that the party no longer holds a role after a date, and why',
    },
    {
      command: 'DesignateResponsiblePerson',
      path: ':partyId/designations',
      body: bodies.DesignateResponsiblePerson,
      roles: managers,
      summary:
        'Designate the person responsible for the relationship, the contracts or the performance; earlier designations stay in the history',
    },
    {
      command: 'AddCommunicationArrangement',
      path: ':partyId/communication-arrangements',
      body: bodies.AddCommunicationArrangement,
      roles: managers,
      summary: 'Agree how, how often and with whom the provider and the party communicate',
      newIds: ['arrangementId'],
    },
    {
      command: 'ChangeCommunicationArrangement',
      path: ':partyId/communication-arrangements/:arrangementId/changes',
      body: bodies.ChangeCommunicationArrangement,
      roles: managers,
      summary: 'Change the channel, frequency or participants of a communication arrangement, with a reason',
    },
    {
      command: 'EndCommunicationArrangement',
      path: ':partyId/communication-arrangements/:arrangementId/ending',
      body: bodies.EndCommunicationArrangement,
      roles: managers,
      summary: 'End a communication arrangement, with a reason',
    },
    {
      command: 'LogCommunication',
      path: ':partyId/communications',
      body: bodies.LogCommunication,
      roles: managers,
      summary: 'Log a communication held with the party, under an arrangement or not',
      newIds: ['communicationId'],
    },
  ],
};
