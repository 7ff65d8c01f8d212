import type { AgreementKind, AgreementTerms, AgreementSide, TargetLevel } from './terms.js';

/** One proposed version of the terms, from negotiation or from an amendment. */
export interface TermsVersion {
  readonly version: number;
  readonly terms: AgreementTerms;
  readonly origin: 'negotiation' | 'amendment';
  readonly proposedBySide: AgreementSide;
  readonly proposedBy: string;
  readonly status: 'open' | 'withdrawn' | 'superseded' | 'rejected' | 'agreed';
  /** Person who accepted on behalf of each side. */
  readonly acceptedBy: Readonly<Partial<Record<AgreementSide, string>>>;
  /** Amendments only. */
  readonly effectiveOn?: string;
  readonly amends?: number;
  readonly impactAssessed?: boolean;
}

/** An agreed version and the first day it is (or was) in force; undefined until activation. */
export interface AgreedVersion {
  readonly version: number;
  readonly terms: AgreementTerms;
  readonly effectiveFrom?: string;
}

export interface UnderpinningLink {
  readonly supplierTargetId: string;
  readonly customerAgreementId: string;
  readonly customerTargetId: string;
  readonly lastAssessment?: {
    readonly outcome: 'aligned' | 'misaligned' | 'not-comparable';
    readonly supplierVersion: number;
    readonly customerTarget: TargetLevel;
    readonly at: string;
  };
}

export type AgreementStatus = 'draft' | 'negotiating' | 'agreed' | 'active' | 'terminated' | 'expired';

export interface NoAgreement {
  readonly status: 'none';
}

export interface ExistingAgreement {
  readonly status: AgreementStatus;
  readonly agreementId: string;
  readonly kind: AgreementKind;
  readonly title: string;
  readonly providerPartyId: string;
  readonly counterpartyPartyId: string;
  readonly counterpartyRole: string;
  readonly versions: Readonly<Record<number, TermsVersion>>;
  readonly latestVersion: number;
  /** The negotiation proposal awaiting an answer. */
  readonly openProposal?: number;
  readonly openAmendment?: number;
  /** Every agreed version, oldest first: earlier versions stay readable. */
  readonly agreedVersions: readonly AgreedVersion[];
  readonly activatedOn?: string;
  /** Last day in force under the current term (after renewals and amendments). */
  readonly effectiveTo?: string;
  readonly lastDayInForce?: string;
  readonly nextReviewDue?: string;
  readonly slrAgreementIds: readonly string[];
  readonly underpinning: readonly UnderpinningLink[];
}

export type AgreementState = NoAgreement | ExistingAgreement;

export const initialAgreementState: AgreementState = { status: 'none' };

export const currentAgreedVersion = (state: ExistingAgreement): AgreedVersion | undefined =>
  state.agreedVersions[state.agreedVersions.length - 1];
