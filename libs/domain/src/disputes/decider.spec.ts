import { describe, expect, it } from '@jest/globals';
import { specFor } from '../../test/decider-spec.js';
import { disputeCommandBodies } from './commands.js';
import { disputeDecider } from './decider.js';
import { disputeEventSchemas, type DisputeEvent } from './events.js';

const spec = specFor(disputeDecider);
const disputeId = 'd-1';
const by = 'supplier-manager-1';
const at = '2026-04-01T09:00:00Z';
const digest = 'a'.repeat(64);

const raised: DisputeEvent = {
  type: 'DisputeRaised',
  data: {
    disputeId,
    partyId: 'party-hoster',
    raisedBy: 'provider',
    subject: { kind: 'charge', agreementId: 'contract-7', chargeId: 'invoice-2026-03' },
    claim: 'Outage credits were not applied to the March invoice',
    amount: { value: '1250.00', currency: 'EUR' },
    at,
    by,
  },
};
const proposed: DisputeEvent = {
  type: 'DisputeResolutionProposed',
  data: { disputeId, proposalId: 'p-1', proposedBy: 'party', terms: 'Credit of 1000 EUR', at, by },
};
const accepted: DisputeEvent = {
  type: 'DisputeResolutionAccepted',
  data: { disputeId, proposalId: 'p-1', acceptedBy: 'provider', at, by },
};
const resolved: DisputeEvent = {
  type: 'DisputeResolved',
  data: { disputeId, proposalId: 'p-1', resolution: 'Credit note of 1000 EUR issued', at, by },
};
const withdrawn: DisputeEvent = {
  type: 'DisputeWithdrawn',
  data: { disputeId, withdrawnBy: 'provider', reason: 'Credits found on the April invoice', at, by },
};
const closed: DisputeEvent = { type: 'DisputeClosed', data: { disputeId, at, by } };

describe('disputes (8.3.4.1)', () => {
  describe('raising', () => {
    it('raises a dispute against a party about a charge, with the claim and amount', () => {
      const { disputeId: _, at: __, by: ___, ...body } = raised.data;
      spec
        .given()
        .when({ type: 'RaiseDispute', disputeId, at, by, ...body })
        .then(raised);
    });

    it('refuses to raise the same dispute twice', () => {
      const { disputeId: _, at: __, by: ___, ...body } = raised.data;
      spec
        .given(raised)
        .when({ type: 'RaiseDispute', disputeId, at, by, ...body })
        .thenRefuses('already-exists', 'dispute.already-exists');
    });

    it('does not know a dispute that was never raised', () => {
      spec.given().when({ type: 'CloseDispute', disputeId, at, by }).thenRefuses('not-found', 'dispute.not-found');
    });

    it('requires the measurement id when a measurement is disputed', () => {
      const body = {
        partyId: 'x',
        raisedBy: 'party',
        claim: 'wrong',
        subject: { kind: 'measurement', agreementId: 'a' },
      };
      expect(disputeCommandBodies.RaiseDispute.safeParse(body).success).toBe(false);
      const complete = { ...body, subject: { ...body.subject, measurementId: 'm-1' } };
      expect(disputeCommandBodies.RaiseDispute.safeParse(complete).success).toBe(true);
    });
  });

  describe('evidence', () => {
    const command = {
      type: 'AttachDisputeEvidence' as const,
      disputeId,
      evidenceId: 'e-1',
      description: 'Monitoring export for March',
      reference: 'dms://evidence/2026/03/monitoring.csv',
      sha256: digest.toUpperCase(),
      submittedBy: 'provider' as const,
      at,
      by,
    };

    it('attaches evidence by reference with its SHA-256 digest, in lower case', () => {
      const { type: _, ...data } = command;
      spec
        .given(raised)
        .when(command)
        .then({ type: 'DisputeEvidenceAttached', data: { ...data, sha256: digest } });
    });

    it('refuses the same evidence twice', () => {
      const { type: _, ...data } = command;
      spec
        .given(raised, { type: 'DisputeEvidenceAttached', data: { ...data, sha256: digest } })
        .when({ ...command, evidenceId: 'e-2' })
        .thenRefuses('rule-violated', 'dispute.evidence-already-attached');
    });

    it('accepts only a 64-character hexadecimal SHA-256 digest', () => {
      const body = { description: 'd', reference: 'r', submittedBy: 'party' };
      expect(disputeCommandBodies.AttachDisputeEvidence.safeParse({ ...body, sha256: digest }).success).toBe(true);
      expect(disputeCommandBodies.AttachDisputeEvidence.safeParse({ ...body, sha256: 'a'.repeat(63) }).success).toBe(
        false,
      );
      expect(disputeCommandBodies.AttachDisputeEvidence.safeParse({ ...body, sha256: 'g'.repeat(64) }).success).toBe(
        false,
      );
    });

    it('refuses evidence on a resolved dispute', () => {
      spec.given(raised, proposed, accepted, resolved).when(command).thenRefuses('rule-violated', 'dispute.not-open');
    });
  });

  describe('escalation', () => {
    const escalated: DisputeEvent = {
      type: 'DisputeEscalated',
      data: { disputeId, level: 1, escalatedTo: 'p-head-of-procurement', reason: 'No answer in 10 days', at, by },
    };

    it("escalates through the agreement's route with level, person and reason", () => {
      spec
        .given(raised)
        .when({
          type: 'EscalateDispute',
          disputeId,
          level: 1,
          escalatedTo: 'p-head-of-procurement',
          reason: 'No answer in 10 days',
          at,
          by,
        })
        .then(escalated);
    });

    it('refuses to escalate to a level the dispute has already reached', () => {
      spec
        .given(raised, escalated)
        .when({ type: 'EscalateDispute', disputeId, level: 1, escalatedTo: 'p-cfo', reason: 'again', at, by })
        .thenRefuses('rule-violated', 'dispute.escalation-not-higher');
    });
  });

  describe('proposals', () => {
    it('records a proposed resolution', () => {
      spec
        .given(raised)
        .when({
          type: 'ProposeDisputeResolution',
          disputeId,
          proposalId: 'p-1',
          proposedBy: 'party',
          terms: 'Credit of 1000 EUR',
          at,
          by,
        })
        .then(proposed);
    });

    it('refuses a second proposal while one awaits an answer', () => {
      spec
        .given(raised, proposed)
        .when({
          type: 'ProposeDisputeResolution',
          disputeId,
          proposalId: 'p-2',
          proposedBy: 'provider',
          terms: 't',
          at,
          by,
        })
        .thenRefuses('rule-violated', 'dispute.proposal-pending');
    });

    it('refuses a new proposal once one is accepted', () => {
      spec
        .given(raised, proposed, accepted)
        .when({
          type: 'ProposeDisputeResolution',
          disputeId,
          proposalId: 'p-2',
          proposedBy: 'provider',
          terms: 't',
          at,
          by,
        })
        .thenRefuses('rule-violated', 'dispute.resolution-agreed');
    });

    it('records that the other side accepted the proposal', () => {
      spec
        .given(raised, proposed)
        .when({ type: 'AcceptDisputeResolution', disputeId, proposalId: 'p-1', acceptedBy: 'provider', at, by })
        .then(accepted);
    });

    it('refuses that a side accepts its own proposal', () => {
      spec
        .given(raised, proposed)
        .when({ type: 'AcceptDisputeResolution', disputeId, proposalId: 'p-1', acceptedBy: 'party', at, by })
        .thenRefuses('rule-violated', 'dispute.own-proposal');
    });

    it('does not know a proposal that was never made', () => {
      spec
        .given(raised)
        .when({ type: 'AcceptDisputeResolution', disputeId, proposalId: 'p-9', acceptedBy: 'party', at, by })
        .thenRefuses('not-found', 'dispute.proposal-not-found');
    });

    it('records that the other side rejected the proposal, and why', () => {
      spec
        .given(raised, proposed)
        .when({
          type: 'RejectDisputeResolution',
          disputeId,
          proposalId: 'p-1',
          rejectedBy: 'provider',
          reason: 'Below the contractual credit',
          at,
          by,
        })
        .then({
          type: 'DisputeResolutionRejected',
          data: {
            disputeId,
            proposalId: 'p-1',
            rejectedBy: 'provider',
            reason: 'Below the contractual credit',
            at,
            by,
          },
        });
    });

    it('refuses to answer a proposal twice', () => {
      spec
        .given(raised, proposed, accepted)
        .when({
          type: 'RejectDisputeResolution',
          disputeId,
          proposalId: 'p-1',
          rejectedBy: 'provider',
          reason: 'r',
          at,
          by,
        })
        .thenRefuses('rule-violated', 'dispute.proposal-answered');
    });

    it('accepts a new proposal after a rejection', () => {
      const rejected: DisputeEvent = {
        type: 'DisputeResolutionRejected',
        data: { disputeId, proposalId: 'p-1', rejectedBy: 'provider', reason: 'low', at, by },
      };
      spec
        .given(raised, proposed, rejected)
        .when({
          type: 'ProposeDisputeResolution',
          disputeId,
          proposalId: 'p-2',
          proposedBy: 'party',
          terms: '1200',
          at,
          by,
        })
        .then({
          type: 'DisputeResolutionProposed',
          data: { disputeId, proposalId: 'p-2', proposedBy: 'party', terms: '1200', at, by },
        });
    });
  });

  describe('resolution, withdrawal and closure', () => {
    it('resolves the dispute on the accepted proposal', () => {
      spec
        .given(raised, proposed, accepted)
        .when({ type: 'ResolveDispute', disputeId, resolution: 'Credit note of 1000 EUR issued', at, by })
        .then(resolved);
    });

    it('refuses to resolve a dispute without an accepted proposal', () => {
      spec
        .given(raised, proposed)
        .when({ type: 'ResolveDispute', disputeId, resolution: 'r', at, by })
        .thenRefuses('rule-violated', 'dispute.no-accepted-proposal');
    });

    it('lets the raising side withdraw the dispute', () => {
      spec
        .given(raised)
        .when({
          type: 'WithdrawDispute',
          disputeId,
          withdrawnBy: 'provider',
          reason: 'Credits found on the April invoice',
          at,
          by,
        })
        .then(withdrawn);
    });

    it('refuses a withdrawal by the side that did not raise the dispute', () => {
      spec
        .given(raised)
        .when({ type: 'WithdrawDispute', disputeId, withdrawnBy: 'party', reason: 'r', at, by })
        .thenRefuses('rule-violated', 'dispute.not-raising-side');
    });

    it('refuses to withdraw a resolved dispute', () => {
      spec
        .given(raised, proposed, accepted, resolved)
        .when({ type: 'WithdrawDispute', disputeId, withdrawnBy: 'provider', reason: 'r', at, by })
        .thenRefuses('rule-violated', 'dispute.not-open');
    });

    it('closes a resolved dispute', () => {
      spec.given(raised, proposed, accepted, resolved).when({ type: 'CloseDispute', disputeId, at, by }).then(closed);
    });

    it('closes a withdrawn dispute', () => {
      spec.given(raised, withdrawn).when({ type: 'CloseDispute', disputeId, at, by }).then(closed);
    });

    it('refuses to close a dispute that is neither resolved nor withdrawn', () => {
      spec
        .given(raised, proposed, accepted)
        .when({ type: 'CloseDispute', disputeId, at, by })
        .thenRefuses('rule-violated', 'dispute.not-resolved-or-withdrawn');
    });

    it('refuses any change to a closed dispute', () => {
      spec
        .given(raised, withdrawn, closed)
        .when({ type: 'EscalateDispute', disputeId, level: 2, escalatedTo: 'p', reason: 'r', at, by })
        .thenRefuses('rule-violated', 'dispute.closed');
      spec
        .given(raised, withdrawn, closed)
        .when({ type: 'CloseDispute', disputeId, at, by })
        .thenRefuses('rule-violated', 'dispute.closed');
    });
  });

  it('records events that match their published schemas', () => {
    for (const event of [raised, proposed, accepted, resolved, withdrawn, closed] as DisputeEvent[]) {
      expect(disputeEventSchemas[event.type].safeParse(event.data).error).toBeUndefined();
    }
  });
});
