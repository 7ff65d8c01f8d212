import type { ReviewSubject } from './events.js';

export type ReviewStatus = 'none' | 'scheduled' | 'held' | 'cancelled';

export interface ReviewAction {
  readonly actionId: string;
  readonly ownerId: string;
  readonly dueOn: string;
  readonly completed: boolean;
}

export interface ReviewState {
  readonly status: ReviewStatus;
  /** What is reviewed, when it is due and the planned interval; null until scheduled. */
  readonly plan: { readonly subject: ReviewSubject; readonly dueOn: string; readonly interval: string } | null;
  readonly heldOn: string | null;
  readonly actions: readonly ReviewAction[];
}

export const initialReviewState: ReviewState = {
  status: 'none',
  plan: null,
  heldOn: null,
  actions: [],
};
