import { alreadyExists, ensure, notFound } from '../shared/index.js';
import type { DisputeCommand } from './commands.js';
import type { DisputeEvent } from './events.js';
import type { DisputeProposal, DisputeState } from './state.js';

export function decideDispute(command: DisputeCommand, state: DisputeState): DisputeEvent[] {
  const { disputeId, at, by } = command;
  if (command.type === 'RaiseDispute') {
    if (state.status !== 'none') throw alreadyExists('dispute.already-exists', `Dispute ${disputeId} exists`);
    const { partyId, raisedBy, subject, claim, amount } = command;
    const data = { disputeId, partyId, raisedBy, subject, claim, ...(amount && { amount }) };
    return [{ type: 'DisputeRaised', data: { ...data, at, by } }];
  }
  if (state.status === 'none') throw notFound('dispute.not-found', `Dispute ${disputeId} does not exist`);
  ensure(state.status !== 'closed', 'dispute.closed', 'The dispute is closed and cannot change');

  switch (command.type) {
    case 'AttachDisputeEvidence': {
      ensureOpen(state);
      const { evidenceId, description, reference, submittedBy } = command;
      const sha256 = command.sha256.toLowerCase();
      ensure(
        !state.evidenceIds.includes(evidenceId) && !state.evidenceDigests.includes(sha256),
        'dispute.evidence-already-attached',
        'This evidence is already attached to the dispute',
      );
      const data = { disputeId, evidenceId, description, reference, sha256, submittedBy };
      return [{ type: 'DisputeEvidenceAttached', data: { ...data, at, by } }];
    }
    case 'EscalateDispute': {
      ensureOpen(state);
      const { level, escalatedTo, reason } = command;
      ensure(
        level > state.escalationLevel,
        'dispute.escalation-not-higher',
        `The dispute is already at escalation level ${state.escalationLevel}; escalate to a higher level`,
      );
      return [{ type: 'DisputeEscalated', data: { disputeId, level, escalatedTo, reason, at, by } }];
    }
    case 'ProposeDisputeResolution': {
      ensureOpen(state);
      const { proposalId, proposedBy, terms, amount } = command;
      const { proposals } = state;
      ensure(
        !proposals.some((proposal) => proposal.status === 'accepted'),
        'dispute.resolution-agreed',
        'A proposal is already accepted; resolve the dispute on it',
      );
      ensure(
        !proposals.some((proposal) => proposal.status === 'pending'),
        'dispute.proposal-pending',
        'Another proposal awaits an answer',
      );
      ensure(
        !proposals.some((proposal) => proposal.proposalId === proposalId),
        'dispute.proposal-exists',
        `Proposal ${proposalId} already exists`,
      );
      const data = { disputeId, proposalId, proposedBy, terms, ...(amount && { amount }) };
      return [{ type: 'DisputeResolutionProposed', data: { ...data, at, by } }];
    }
    case 'AcceptDisputeResolution': {
      ensureOpen(state);
      const { proposalId, acceptedBy } = command;
      ensureAnswerable(state, proposalId, acceptedBy);
      return [{ type: 'DisputeResolutionAccepted', data: { disputeId, proposalId, acceptedBy, at, by } }];
    }
    case 'RejectDisputeResolution': {
      ensureOpen(state);
      const { proposalId, rejectedBy, reason } = command;
      ensureAnswerable(state, proposalId, rejectedBy);
      return [{ type: 'DisputeResolutionRejected', data: { disputeId, proposalId, rejectedBy, reason, at, by } }];
    }
    case 'ResolveDispute': {
      ensureOpen(state);
      const accepted = state.proposals.find((proposal) => proposal.status === 'accepted');
      ensure(
        accepted !== undefined,
        'dispute.no-accepted-proposal',
        'A dispute is resolved on a proposal both sides accepted',
      );
      const { proposalId } = accepted;
      return [{ type: 'DisputeResolved', data: { disputeId, proposalId, resolution: command.resolution, at, by } }];
    }
    case 'WithdrawDispute': {
      ensureOpen(state);
      const { withdrawnBy, reason } = command;
      ensure(
        withdrawnBy === state.raisedBy,
        'dispute.not-raising-side',
        'Only the side that raised the dispute can withdraw it',
      );
      return [{ type: 'DisputeWithdrawn', data: { disputeId, withdrawnBy, reason, at, by } }];
    }
    case 'CloseDispute':
      ensure(
        state.status === 'resolved' || state.status === 'withdrawn',
        'dispute.not-resolved-or-withdrawn',
        'A dispute closes only once it is resolved or withdrawn',
      );
      return [{ type: 'DisputeClosed', data: { disputeId, at, by } }];
    default: {
      const unhandled: never = command;
      throw new Error(`Unhandled dispute command ${JSON.stringify(unhandled)}`);
    }
  }
}

function ensureOpen(state: DisputeState) {
  ensure(state.status === 'open', 'dispute.not-open', `The dispute is ${state.status}; only closing is left`);
}

/** A proposal is answered once, and by the other side: nobody accepts their own offer. */
function ensureAnswerable(state: DisputeState, proposalId: string, answeredBy: DisputeProposal['proposedBy']) {
  const proposal = state.proposals.find((candidate) => candidate.proposalId === proposalId);
  if (!proposal) throw notFound('dispute.proposal-not-found', `Proposal ${proposalId} does not exist`);
  ensure(
    proposal.status === 'pending',
    'dispute.proposal-answered',
    `Proposal ${proposalId} is already ${proposal.status}`,
  );
  ensure(proposal.proposedBy !== answeredBy, 'dispute.own-proposal', 'A side cannot answer its own proposal');
}
