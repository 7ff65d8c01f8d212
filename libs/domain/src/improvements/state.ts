import type { ImprovementCause } from './events.js';

export interface ImprovementAction {
  readonly actionId: string;
  readonly completed: boolean;
}

export interface ImprovementOpportunity {
  readonly status: 'open' | 'closed' | 'rejected';
  readonly improvementId: string;
  readonly cause?: ImprovementCause;
  readonly ownerId?: string;
  readonly actions: readonly ImprovementAction[];
}

export type ImprovementState = { readonly status: 'none' } | ImprovementOpportunity;

export const initialImprovementState: ImprovementState = { status: 'none' };
