import type { DisputeSide } from './events.js';

/**
 * `open` until one of the two explicit ways out, `resolved` (on an accepted
 * proposal) or `withdrawn` (by the side that raised it); only then `closed`,
 * after which nothing changes.
 */
export type DisputeStatus = 'none' | 'open' | 'resolved' | 'withdrawn' | 'closed';

export interface DisputeProposal {
  readonly proposalId: string;
  readonly proposedBy: DisputeSide;
  readonly status: 'pending' | 'accepted' | 'rejected';
}

export interface DisputeState {
  readonly status: DisputeStatus;
  readonly raisedBy: DisputeSide | null;
  readonly escalationLevel: number;
  readonly evidenceIds: readonly string[];
  readonly evidenceDigests: readonly string[];
  readonly proposals: readonly DisputeProposal[];
}

export const initialDisputeState: DisputeState = {
  status: 'none',
  raisedBy: null,
  escalationLevel: 0,
  evidenceIds: [],
  evidenceDigests: [],
  proposals: [],
};
