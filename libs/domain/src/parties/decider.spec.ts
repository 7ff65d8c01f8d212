import { describe, expect, it } from '@jest/globals';
import { specFor } from '../../test/decider-spec.js';
import { partyClausesOf } from './clauses.js';
import { partyCommandBodies } from './commands.js';
import { partyDecider } from './decider.js';
import { partyEventSchemas, type PartyEvent } from './events.js';

const spec = specFor(partyDecider);
const partyId = 'acme';
const by = 'brm-1';
const at = '2026-02-01T09:00:00Z';

const registered: PartyEvent = { type: 'PartyRegistered', data: { partyId, name: 'ACME Ltd', at, by } };
const customer: PartyEvent = {
  type: 'PartyRoleAdded',
  data: { partyId, role: 'customer', from: '2026-02-01', at, by },
};
const ann = { personId: 'p-ann', name: 'Ann Example', email: 'ann@provider.example' };
const bob = { personId: 'p-bob', name: 'Bob Example', phone: '+44 20 7946 0000' };
const annDesignated: PartyEvent = {
  type: 'ResponsiblePersonDesignated',
  data: { partyId, responsibility: 'customer-relationship', responsible: ann, from: '2026-02-01', at, by },
};
const participants = [
  { personId: 'p-ann', name: 'Ann Example', side: 'provider' as const },
  { personId: 'p-cy', name: 'Cy Customer', side: 'party' as const },
];
const arrangementAdded: PartyEvent = {
  type: 'CommunicationArrangementAdded',
  data: {
    partyId,
    arrangementId: 'arr-1',
    purpose: 'Service performance update',
    channel: 'video-call',
    frequency: 'monthly',
    participants,
    at,
    by,
  },
};

describe('parties (8.3.2, 8.3.4)', () => {
  describe('registration and roles', () => {
    it('registers a party with its roles from a date', () => {
      spec
        .given()
        .when({
          type: 'RegisterParty',
          partyId,
          name: 'ACME Ltd',
          roles: ['customer', 'customer-as-supplier'],
          rolesFrom: '2026-02-01',
          at,
          by,
        })
        .then(registered, customer, {
          type: 'PartyRoleAdded',
          data: { partyId, role: 'customer-as-supplier', from: '2026-02-01', at, by },
        });
    });

    it('refuses to register a party twice', () => {
      spec
        .given(registered)
        .when({ type: 'RegisterParty', partyId, name: 'ACME', roles: ['user'], rolesFrom: '2026-02-01', at, by })
        .thenRefuses('already-exists', 'party.already-exists');
    });

    it('asks for at least one role, each once', () => {
      const body = { name: 'ACME', rolesFrom: '2026-02-01' };
      expect(partyCommandBodies.RegisterParty.safeParse({ ...body, roles: [] }).success).toBe(false);
      expect(partyCommandBodies.RegisterParty.safeParse({ ...body, roles: ['user', 'user'] }).success).toBe(false);
      expect(partyCommandBodies.RegisterParty.safeParse({ ...body, roles: ['user'], extra: 1 }).success).toBe(false);
    });

    it('does not know a party that was never registered', () => {
      spec
        .given()
        .when({ type: 'AddPartyRole', partyId, role: 'user', from: '2026-02-01', at, by })
        .thenRefuses('not-found', 'party.not-found');
    });

    it('adds a role from a date', () => {
      spec
        .given(registered, customer)
        .when({ type: 'AddPartyRole', partyId, role: 'external-supplier', from: '2026-03-01', at, by })
        .then({ type: 'PartyRoleAdded', data: { partyId, role: 'external-supplier', from: '2026-03-01', at, by } });
    });

    it('refuses a role the party already holds', () => {
      spec
        .given(registered, customer)
        .when({ type: 'AddPartyRole', partyId, role: 'customer', from: '2026-03-01', at, by })
        .thenRefuses('rule-violated', 'party.role-held');
    });

    it('removes a role until a date, with the reason', () => {
      spec
        .given(registered, customer)
        .when({
          type: 'RemovePartyRole',
          partyId,
          role: 'customer',
          until: '2026-12-31',
          reason: 'Contract ended',
          at,
          by,
        })
        .then({
          type: 'PartyRoleRemoved',
          data: { partyId, role: 'customer', until: '2026-12-31', reason: 'Contract ended', at, by },
        });
    });

    it('refuses to remove a role the party does not hold', () => {
      spec
        .given(registered, customer)
        .when({ type: 'RemovePartyRole', partyId, role: 'user', until: '2026-12-31', reason: 'r', at, by })
        .thenRefuses('rule-violated', 'party.role-not-held');
    });

    it('refuses to end a role before it started', () => {
      spec
        .given(registered, customer)
        .when({ type: 'RemovePartyRole', partyId, role: 'customer', until: '2026-01-31', reason: 'r', at, by })
        .thenRefuses('rule-violated', 'party.role-ends-before-start');
    });

    it('keeps the history of roles held over time', () => {
      const removed: PartyEvent = {
        type: 'PartyRoleRemoved',
        data: { partyId, role: 'customer', until: '2026-06-30', reason: 'r', at, by },
      };
      const again: PartyEvent = {
        type: 'PartyRoleAdded',
        data: { partyId, role: 'customer', from: '2027-01-01', at, by },
      };
      spec.given(registered, customer, removed, again).thenState((state) => {
        expect(state.roles).toEqual([
          { role: 'customer', from: '2026-02-01', until: '2026-06-30' },
          { role: 'customer', from: '2027-01-01', until: null },
        ]);
      });
    });
  });

  describe('responsible persons', () => {
    it('designates the person responsible for a customer relationship', () => {
      spec
        .given(registered, customer)
        .when({
          type: 'DesignateResponsiblePerson',
          partyId,
          responsibility: 'customer-relationship',
          responsible: ann,
          from: '2026-02-01',
          at,
          by,
        })
        .then(annDesignated);
    });

    it('replaces the previous holder from the date of the new designation', () => {
      spec
        .given(registered, customer, annDesignated)
        .when({
          type: 'DesignateResponsiblePerson',
          partyId,
          responsibility: 'customer-relationship',
          responsible: bob,
          from: '2026-07-01',
          at,
          by,
        })
        .then({
          type: 'ResponsiblePersonDesignated',
          data: {
            partyId,
            responsibility: 'customer-relationship',
            responsible: bob,
            from: '2026-07-01',
            replacesPersonId: 'p-ann',
            at,
            by,
          },
        });
    });

    it('keeps who was responsible when', () => {
      const bobDesignated: PartyEvent = {
        type: 'ResponsiblePersonDesignated',
        data: { ...annDesignated.data, responsible: bob, from: '2026-07-01', replacesPersonId: 'p-ann' },
      };
      spec.given(registered, customer, annDesignated, bobDesignated).thenState((state) => {
        expect(state.designations).toEqual([
          { responsibility: 'customer-relationship', personId: 'p-ann', from: '2026-02-01', replacedOn: '2026-07-01' },
          { responsibility: 'customer-relationship', personId: 'p-bob', from: '2026-07-01', replacedOn: null },
        ]);
      });
    });

    it('refuses to designate the person who already holds the responsibility', () => {
      spec
        .given(registered, customer, annDesignated)
        .when({
          type: 'DesignateResponsiblePerson',
          partyId,
          responsibility: 'customer-relationship',
          responsible: ann,
          from: '2026-07-01',
          at,
          by,
        })
        .thenRefuses('rule-violated', 'party.already-responsible');
    });

    it('refuses a successor who would start before the current holder', () => {
      spec
        .given(registered, customer, annDesignated)
        .when({
          type: 'DesignateResponsiblePerson',
          partyId,
          responsibility: 'customer-relationship',
          responsible: bob,
          from: '2026-01-01',
          at,
          by,
        })
        .thenRefuses('rule-violated', 'party.designation-before-current');
    });

    it('refuses a customer relationship manager for a party that is not a customer', () => {
      spec
        .given(registered, { type: 'PartyRoleAdded', data: { partyId, role: 'user', from: '2026-02-01', at, by } })
        .when({
          type: 'DesignateResponsiblePerson',
          partyId,
          responsibility: 'customer-relationship',
          responsible: ann,
          from: '2026-02-01',
          at,
          by,
        })
        .thenRefuses('rule-violated', 'party.not-a-customer');
    });

    it('refuses a supplier relationship owner for a party that is not a supplier', () => {
      spec
        .given(registered, customer)
        .when({
          type: 'DesignateResponsiblePerson',
          partyId,
          responsibility: 'supplier-relationship',
          responsible: ann,
          from: '2026-02-01',
          at,
          by,
        })
        .thenRefuses('rule-violated', 'party.not-a-supplier');
    });
  });

  describe('communication', () => {
    it('adds a communication arrangement with channel, frequency and participants', () => {
      spec
        .given(registered)
        .when({
          type: 'AddCommunicationArrangement',
          partyId,
          arrangementId: 'arr-1',
          purpose: 'Service performance update',
          channel: 'video-call',
          frequency: 'monthly',
          participants,
          at,
          by,
        })
        .then(arrangementAdded);
    });

    it('refuses an arrangement id that is taken', () => {
      spec
        .given(registered, arrangementAdded)
        .when({
          type: 'AddCommunicationArrangement',
          partyId,
          arrangementId: 'arr-1',
          purpose: 'p',
          channel: 'email',
          frequency: 'weekly',
          participants,
          at,
          by,
        })
        .thenRefuses('rule-violated', 'party.arrangement-exists');
    });

    it('changes an arrangement, with the reason', () => {
      spec
        .given(registered, arrangementAdded)
        .when({
          type: 'ChangeCommunicationArrangement',
          partyId,
          arrangementId: 'arr-1',
          channel: 'meeting',
          frequency: 'quarterly',
          participants,
          reason: 'Customer prefers fewer, longer meetings',
          at,
          by,
        })
        .then({
          type: 'CommunicationArrangementChanged',
          data: {
            partyId,
            arrangementId: 'arr-1',
            channel: 'meeting',
            frequency: 'quarterly',
            participants,
            reason: 'Customer prefers fewer, longer meetings',
            at,
            by,
          },
        });
    });

    it('does not know an arrangement that was never added', () => {
      spec
        .given(registered)
        .when({ type: 'EndCommunicationArrangement', partyId, arrangementId: 'arr-9', reason: 'r', at, by })
        .thenRefuses('not-found', 'party.arrangement-not-found');
    });

    const ended: PartyEvent = {
      type: 'CommunicationArrangementEnded',
      data: { partyId, arrangementId: 'arr-1', reason: 'Replaced by the portal', at, by },
    };

    it('ends an arrangement, with the reason', () => {
      spec
        .given(registered, arrangementAdded)
        .when({
          type: 'EndCommunicationArrangement',
          partyId,
          arrangementId: 'arr-1',
          reason: 'Replaced by the portal',
          at,
          by,
        })
        .then(ended);
    });

    it('refuses to change an arrangement that has ended', () => {
      spec
        .given(registered, arrangementAdded, ended)
        .when({
          type: 'ChangeCommunicationArrangement',
          partyId,
          arrangementId: 'arr-1',
          channel: 'email',
          frequency: 'weekly',
          participants,
          reason: 'r',
          at,
          by,
        })
        .thenRefuses('rule-violated', 'party.arrangement-ended');
    });

    const logged = {
      communicationId: 'com-1',
      arrangementId: 'arr-1',
      heldOn: '2026-01-31',
      channel: 'video-call' as const,
      participants,
      summary: 'January availability 99.9 %; two incidents discussed',
    };

    it('logs a communication held under an arrangement', () => {
      spec
        .given(registered, arrangementAdded)
        .when({ type: 'LogCommunication', partyId, ...logged, at, by })
        .then({ type: 'CommunicationHeld', data: { partyId, ...logged, at, by } });
    });

    it('refuses to log a communication that has not taken place yet', () => {
      spec
        .given(registered, arrangementAdded)
        .when({ type: 'LogCommunication', partyId, ...logged, heldOn: '2026-02-02', at, by })
        .thenRefuses('rule-violated', 'party.communication-in-future');
    });

    it('refuses a communication under an unknown arrangement', () => {
      spec
        .given(registered)
        .when({ type: 'LogCommunication', partyId, ...logged, at, by })
        .thenRefuses('not-found', 'party.arrangement-not-found');
    });
  });

  describe('clauses', () => {
    it('evidences 8.3.2 for customers and 8.3.4.1 or 8.3.4.2 for suppliers', () => {
      expect(partyClausesOf(customer)).toEqual(['8.3.2']);
      expect(
        partyClausesOf({ ...customer, data: { ...customer.data, role: 'external-supplier' } } as PartyEvent),
      ).toEqual(['8.3.4.1']);
      expect(
        partyClausesOf({ ...customer, data: { ...customer.data, role: 'internal-supplier' } } as PartyEvent),
      ).toEqual(['8.3.4.2']);
      expect(partyClausesOf(annDesignated)).toEqual(['8.3.2']);
      expect(partyClausesOf(arrangementAdded)).toEqual(['8.3.2']);
    });
  });

  it('records events that match their published schemas', () => {
    for (const event of [registered, customer, annDesignated, arrangementAdded] as PartyEvent[]) {
      expect(partyEventSchemas[event.type].safeParse(event.data).error).toBeUndefined();
    }
  });
});
