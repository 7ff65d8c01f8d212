import type { DisputeEvent } from './events.js';
import type { DisputeProposal, DisputeState } from './state.js';

export function evolveDispute(state: DisputeState, event: DisputeEvent): DisputeState {
  switch (event.type) {
    case 'DisputeRaised':
      return { ...state, status: 'open', raisedBy: event.data.raisedBy };
    case 'DisputeEvidenceAttached':
      return {
        ...state,
        evidenceIds: [...state.evidenceIds, event.data.evidenceId],
        evidenceDigests: [...state.evidenceDigests, event.data.sha256],
      };
    case 'DisputeEscalated':
      return { ...state, escalationLevel: event.data.level };
    case 'DisputeResolutionProposed':
      return {
        ...state,
        proposals: [
          ...state.proposals,
          { proposalId: event.data.proposalId, proposedBy: event.data.proposedBy, status: 'pending' },
        ],
      };
    case 'DisputeResolutionAccepted':
      return answered(state, event.data.proposalId, 'accepted');
    case 'DisputeResolutionRejected':
      return answered(state, event.data.proposalId, 'rejected');
    case 'DisputeResolved':
      return { ...state, status: 'resolved' };
    case 'DisputeWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'DisputeClosed':
      return { ...state, status: 'closed' };
    default: {
      const unhandled: never = event;
      throw new Error(`Unhandled dispute event ${JSON.stringify(unhandled)}`);
    }
  }
}

const answered = (state: DisputeState, proposalId: string, status: DisputeProposal['status']): DisputeState => ({
  ...state,
  proposals: state.proposals.map((proposal) =>
    proposal.proposalId === proposalId ? { ...proposal, status } : proposal,
  ),
});
