import type {
  AgreementKind,
  ServiceCredit,
  ServiceExceptions,
  ServiceLevelTarget,
  WorkloadLimit,
} from '../agreements/index.js';

export interface ServiceLevelMeasurement {
  readonly measurementId: string;
  readonly targetId: string;
  readonly value: number;
  readonly measuredAt: string;
  /** Corrections in the order recorded; the latest supersedes the value. */
  readonly corrections: readonly { readonly correctionId: string; readonly value: number }[];
}

export interface ServiceLevelWorkloadReading {
  readonly limitId: string;
  readonly actual: number;
  readonly measuredAt: string;
}

export interface ServiceLevelExceptionClaim {
  readonly claimId: string;
  readonly targetId?: string;
  readonly excludedMinutes: number;
  readonly claimedBy: string;
  readonly status: 'pending' | 'approved' | 'rejected';
}

export interface ServiceLevelPeriod {
  readonly status: 'open' | 'closed';
  readonly agreementId: string;
  readonly periodId: string;
  readonly start: string;
  readonly end: string;
  readonly agreementKind: AgreementKind;
  readonly agreementVersion: number;
  readonly targets: readonly ServiceLevelTarget[];
  readonly workloadLimits: readonly WorkloadLimit[];
  readonly serviceCredits: readonly ServiceCredit[];
  readonly exceptions: ServiceExceptions;
  readonly measurements: readonly ServiceLevelMeasurement[];
  readonly workload: readonly ServiceLevelWorkloadReading[];
  readonly claims: readonly ServiceLevelExceptionClaim[];
}

export type ServiceLevelState = { readonly status: 'none' } | ServiceLevelPeriod;

export const initialServiceLevelState: ServiceLevelState = { status: 'none' };
