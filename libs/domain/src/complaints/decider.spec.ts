import { describe, expect, it } from '@jest/globals';
import { specFor } from '../../test/decider-spec.js';
import { complaintDecider } from './decider.js';
import { complaintEventSchemas, type ComplaintEvent } from './events.js';

const spec = specFor(complaintDecider);
const complaintId = 'c-1';
const by = 'manager-1';

const recorded: ComplaintEvent = {
  type: 'ComplaintRecorded',
  data: {
    complaintId,
    customerId: 'party-acme',
    serviceId: 'svc-email',
    description: 'Mail delivery delayed by hours',
    channel: 'email',
    receivedAt: '2026-03-01T08:00:00Z',
    complainant: { personId: 'p-ann', name: 'Ann Example', email: 'ann@acme.example' },
    at: '2026-03-01T09:00:00Z',
    by,
  },
};
const resolved: ComplaintEvent = {
  type: 'ComplaintResolved',
  data: { complaintId, resolution: 'Queue worker scaled out', at: '2026-03-02T10:00:00Z', by },
};
const closed: ComplaintEvent = {
  type: 'ComplaintClosed',
  data: { complaintId, closure: { basis: 'customer-confirmed', confirmedBy: 'p-ann' }, at: '2026-03-03T10:00:00Z', by },
};

describe('complaints (8.3.2)', () => {
  describe('recording', () => {
    it('records a complaint with its customer, service, channel and time of receipt', () => {
      const { complaintId: _, at, by: actor, ...body } = recorded.data;
      spec
        .given()
        .when({ type: 'RecordComplaint', complaintId, at, by: actor, ...body })
        .then(recorded);
    });

    it('records a complaint without a complainant', () => {
      spec
        .given()
        .when({
          type: 'RecordComplaint',
          complaintId,
          customerId: 'party-acme',
          serviceId: 'svc-email',
          description: 'Slow',
          channel: 'portal',
          receivedAt: '2026-03-01T08:00:00Z',
          at: '2026-03-01T09:00:00Z',
          by,
        })
        .then({
          type: 'ComplaintRecorded',
          data: {
            complaintId,
            customerId: 'party-acme',
            serviceId: 'svc-email',
            description: 'Slow',
            channel: 'portal',
            receivedAt: '2026-03-01T08:00:00Z',
            at: '2026-03-01T09:00:00Z',
            by,
          },
        });
    });

    it('refuses to record the same complaint twice', () => {
      const { complaintId: _, at, by: actor, ...body } = recorded.data;
      spec
        .given(recorded)
        .when({ type: 'RecordComplaint', complaintId, at, by: actor, ...body })
        .thenRefuses('already-exists', 'complaint.already-exists');
    });

    it('refuses a complaint received after it was recorded', () => {
      const { complaintId: _, by: actor, ...body } = recorded.data;
      spec
        .given()
        .when({ type: 'RecordComplaint', complaintId, by: actor, ...body, at: '2026-03-01T07:00:00Z' })
        .thenRefuses('rule-violated', 'complaint.received-in-future');
    });

    it('does not know a complaint that was never recorded', () => {
      spec
        .given()
        .when({ type: 'AssignComplaint', complaintId, assigneeId: 'p-bob', at: '2026-03-01T09:00:00Z', by })
        .thenRefuses('not-found', 'complaint.not-found');
    });
  });

  describe('handling', () => {
    const at = '2026-03-01T10:00:00Z';

    it('assigns the complaint to a person', () => {
      spec
        .given(recorded)
        .when({ type: 'AssignComplaint', complaintId, assigneeId: 'p-bob', at, by })
        .then({ type: 'ComplaintAssigned', data: { complaintId, assigneeId: 'p-bob', at, by } });
    });

    it('refuses to assign the complaint to the person who already has it', () => {
      spec
        .given(recorded, { type: 'ComplaintAssigned', data: { complaintId, assigneeId: 'p-bob', at, by } })
        .when({ type: 'AssignComplaint', complaintId, assigneeId: 'p-bob', at, by })
        .thenRefuses('rule-violated', 'complaint.already-assigned');
    });

    it('records the findings of an investigation', () => {
      spec
        .given(recorded)
        .when({ type: 'RecordInvestigation', complaintId, findings: 'Worker pool exhausted', at, by })
        .then({ type: 'ComplaintInvestigated', data: { complaintId, findings: 'Worker pool exhausted', at, by } });
    });

    it('records an action taken', () => {
      spec
        .given(recorded)
        .when({ type: 'RecordComplaintAction', complaintId, action: 'Added two workers', at, by })
        .then({ type: 'ComplaintActionTaken', data: { complaintId, action: 'Added two workers', at, by } });
    });

    it('escalates outside the normal channel with route, person and reason', () => {
      const data = { route: 'service owner', escalatedTo: 'p-owner', reason: 'No fix within 2 days' };
      spec
        .given(recorded)
        .when({ type: 'EscalateComplaint', complaintId, ...data, at, by })
        .then({ type: 'ComplaintEscalated', data: { complaintId, ...data, at, by } });
    });

    it('refuses to escalate a resolved complaint', () => {
      spec
        .given(recorded, resolved)
        .when({ type: 'EscalateComplaint', complaintId, route: 'r', escalatedTo: 'p', reason: 'why', at, by })
        .thenRefuses('rule-violated', 'complaint.already-resolved');
    });

    it('refuses to investigate a closed complaint', () => {
      spec
        .given(recorded, resolved, closed)
        .when({ type: 'RecordInvestigation', complaintId, findings: 'late', at, by })
        .thenRefuses('rule-violated', 'complaint.closed');
    });

    it('refuses to record an action on a resolved complaint', () => {
      spec
        .given(recorded, resolved)
        .when({ type: 'RecordComplaintAction', complaintId, action: 'more', at, by })
        .thenRefuses('rule-violated', 'complaint.already-resolved');
    });

    it('refuses to reassign a closed complaint', () => {
      spec
        .given(recorded, resolved, closed)
        .when({ type: 'AssignComplaint', complaintId, assigneeId: 'p-bob', at, by })
        .thenRefuses('rule-violated', 'complaint.closed');
    });
  });

  describe('resolution and closure', () => {
    it('resolves an open complaint', () => {
      spec
        .given(recorded)
        .when({
          type: 'ResolveComplaint',
          complaintId,
          resolution: 'Queue worker scaled out',
          at: resolved.data.at,
          by,
        })
        .then(resolved);
    });

    it('refuses to resolve a complaint twice', () => {
      spec
        .given(recorded, resolved)
        .when({ type: 'ResolveComplaint', complaintId, resolution: 'again', at: '2026-03-02T11:00:00Z', by })
        .thenRefuses('rule-violated', 'complaint.already-resolved');
    });

    it('closes a resolved complaint on the customer confirmation', () => {
      spec
        .given(recorded, resolved)
        .when({
          type: 'CloseComplaint',
          complaintId,
          basis: 'customer-confirmed',
          confirmedBy: 'p-ann',
          at: closed.data.at,
          by,
        })
        .then(closed);
    });

    it('refuses to close a complaint that has no resolution', () => {
      spec
        .given(recorded)
        .when({
          type: 'CloseComplaint',
          complaintId,
          basis: 'customer-confirmed',
          confirmedBy: 'p-ann',
          at: closed.data.at,
          by,
        })
        .thenRefuses('rule-violated', 'complaint.no-resolution');
    });

    it('closes a complaint when the customer did not answer within the stated time', () => {
      // resolved 2026-03-02T10:00Z + P10D = 2026-03-12T10:00Z
      const at = '2026-03-12T10:00:00Z';
      spec
        .given(recorded, resolved)
        .when({ type: 'CloseComplaint', complaintId, basis: 'no-answer', waitedFor: 'P10D', at, by })
        .then({
          type: 'ComplaintClosed',
          data: {
            complaintId,
            closure: { basis: 'no-answer', waitedFor: 'P10D', resolvedAt: resolved.data.at },
            at,
            by,
          },
        });
    });

    it('refuses to close for no answer before the stated time has elapsed', () => {
      spec
        .given(recorded, resolved)
        .when({
          type: 'CloseComplaint',
          complaintId,
          basis: 'no-answer',
          waitedFor: 'P10D',
          at: '2026-03-12T09:59:59Z',
          by,
        })
        .thenRefuses('rule-violated', 'complaint.waiting-time-not-elapsed');
    });

    it('refuses to close a complaint twice', () => {
      spec
        .given(recorded, resolved, closed)
        .when({
          type: 'CloseComplaint',
          complaintId,
          basis: 'customer-confirmed',
          confirmedBy: 'p-ann',
          at: closed.data.at,
          by,
        })
        .thenRefuses('rule-violated', 'complaint.closed');
    });
  });

  describe('reopening', () => {
    const reopened: ComplaintEvent = {
      type: 'ComplaintReopened',
      data: { complaintId, reason: 'Delays are back', at: '2026-03-05T10:00:00Z', by },
    };

    it('reopens a closed complaint with the reason', () => {
      spec
        .given(recorded, resolved, closed)
        .when({ type: 'ReopenComplaint', complaintId, reason: 'Delays are back', at: reopened.data.at, by })
        .then(reopened);
    });

    it('reopens a resolved complaint the customer disputes', () => {
      spec
        .given(recorded, resolved)
        .when({ type: 'ReopenComplaint', complaintId, reason: 'Delays are back', at: reopened.data.at, by })
        .then(reopened);
    });

    it('refuses to reopen a complaint that is still open', () => {
      spec
        .given(recorded)
        .when({ type: 'ReopenComplaint', complaintId, reason: 'why', at: reopened.data.at, by })
        .thenRefuses('rule-violated', 'complaint.not-resolved');
    });

    it('needs a new resolution before a reopened complaint closes again', () => {
      spec
        .given(recorded, resolved, closed, reopened)
        .when({
          type: 'CloseComplaint',
          complaintId,
          basis: 'customer-confirmed',
          confirmedBy: 'p-ann',
          at: '2026-03-06T10:00:00Z',
          by,
        })
        .thenRefuses('rule-violated', 'complaint.no-resolution');
    });

    it('is open again after reopening', () => {
      spec.given(recorded, resolved, closed, reopened).thenState((state) => {
        expect(state.status).toBe('open');
        expect(state.resolution).toBeNull();
      });
    });
  });

  describe('improvement opportunities', () => {
    const at = '2026-03-04T10:00:00Z';
    const raised: ComplaintEvent = {
      type: 'ComplaintImprovementRaised',
      data: { complaintId, improvementId: 'imp-1', description: 'Autoscale the mail queue', at, by },
    };

    it('raises an improvement opportunity from a complaint, even after closure', () => {
      spec
        .given(recorded, resolved, closed)
        .when({
          type: 'RaiseComplaintImprovement',
          complaintId,
          improvementId: 'imp-1',
          description: 'Autoscale the mail queue',
          at,
          by,
        })
        .then(raised);
    });

    it('refuses to raise the same improvement twice', () => {
      spec
        .given(recorded, raised)
        .when({ type: 'RaiseComplaintImprovement', complaintId, improvementId: 'imp-1', description: 'again', at, by })
        .thenRefuses('rule-violated', 'complaint.improvement-already-raised');
    });
  });

  it('records events that match their published schemas', () => {
    for (const event of [recorded, resolved, closed] as ComplaintEvent[]) {
      expect(complaintEventSchemas[event.type].safeParse(event.data).error).toBeUndefined();
    }
  });
});
