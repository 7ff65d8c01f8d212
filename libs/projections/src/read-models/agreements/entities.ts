import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A target of the terms a row shows, as agreed (no measurement). */
export interface AgreementTargetSummary {
  readonly targetId: string;
  readonly name: string;
  readonly serviceId?: string;
  readonly metric: string;
  readonly comparator: string;
  readonly value: number;
  readonly unit: string;
  readonly measurementPeriod: string;
}

export interface AgreementWorkloadLimitSummary {
  readonly limitId: string;
  readonly name: string;
  readonly unit: string;
  readonly limit: number;
  readonly period: string;
}

/**
 * One agreement as it stands now. The terms columns show the current agreed
 * version (`currentVersion`), or the latest proposal while none is agreed
 * (`termsVersion` says which).
 */
@Entity({ name: 'agreements_current' })
export class AgreementRow {
  @PrimaryColumn({ name: 'agreement_id', type: 'text' }) agreementId!: string;
  @Column({ name: 'kind', type: 'text' }) kind!: string;
  @Column({ name: 'title', type: 'text' }) title!: string;
  @Column({ name: 'provider_party_id', type: 'text' }) providerPartyId!: string;
  @Column({ name: 'counterparty_party_id', type: 'text' }) counterpartyPartyId!: string;
  @Column({ name: 'counterparty_role', type: 'text' }) counterpartyRole!: string;
  @Column({ name: 'status', type: 'text' }) status!: string;
  /** The latest agreed version (it may take effect later than today: see the versions). */
  @Column({ name: 'current_version', type: 'integer', nullable: true }) currentVersion!: number | null;
  /** The latest version proposed (by negotiation or amendment). */
  @Column({ name: 'latest_version', type: 'integer' }) latestVersion!: number;
  @Column({ name: 'terms_version', type: 'integer', nullable: true }) termsVersion!: number | null;
  @Column({ name: 'open_proposal', type: 'integer', nullable: true }) openProposal!: number | null;
  @Column({ name: 'open_amendment', type: 'integer', nullable: true }) openAmendment!: number | null;
  @Column({ name: 'services', type: 'text', array: true }) services!: string[];
  /** First day the current version is (or was) in force. */
  @Column({ name: 'effective_from', type: 'date', nullable: true }) effectiveFrom!: string | null;
  /** Last day in force under the current term (after renewals and amendments); null when open-ended. */
  @Column({ name: 'effective_to', type: 'date', nullable: true }) effectiveTo!: string | null;
  @Column({ name: 'activated_on', type: 'date', nullable: true }) activatedOn!: string | null;
  @Column({ name: 'last_day_in_force', type: 'date', nullable: true }) lastDayInForce!: string | null;
  @Column({ name: 'next_review_due', type: 'date', nullable: true }) nextReviewDue!: string | null;
  @Column({ name: 'review_interval', type: 'text', nullable: true }) reviewInterval!: string | null;
  @Column({ name: 'targets', type: 'jsonb' }) targets!: AgreementTargetSummary[];
  @Column({ name: 'workload_limits', type: 'jsonb' }) workloadLimits!: AgreementWorkloadLimitSummary[];
  /** Person ids of the designated owners on each side. */
  @Column({ name: 'provider_owner', type: 'text', nullable: true }) providerOwner!: string | null;
  @Column({ name: 'counterparty_owner', type: 'text', nullable: true }) counterpartyOwner!: string | null;
  @Column({ name: 'drafted_at', type: 'timestamptz' }) draftedAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  /** Global position of the last event applied to the row. */
  @Column({ name: 'position', type: 'bigint' }) position!: string;
}

/** One agreed version and the days it is (or was) in force. */
@Entity({ name: 'agreement_versions' })
export class AgreementVersionRow {
  @PrimaryColumn({ name: 'agreement_id', type: 'text' }) agreementId!: string;
  @PrimaryColumn({ name: 'version', type: 'integer' }) version!: number;
  @Column({ name: 'origin', type: 'text' }) origin!: 'negotiation' | 'amendment';
  @Column({ name: 'amends', type: 'integer', nullable: true }) amends!: number | null;
  @Column({ name: 'proposed_by_side', type: 'text' }) proposedBySide!: string;
  @Column({ name: 'proposed_by', type: 'text' }) proposedBy!: string;
  /** Person id that accepted for each side. */
  @Column({ name: 'accepted_by', type: 'jsonb' }) acceptedBy!: Record<string, string>;
  @Column({ name: 'agreed_at', type: 'timestamptz' }) agreedAt!: Date;
  /** First day in force; null until the agreement is activated. */
  @Column({ name: 'effective_from', type: 'date', nullable: true }) effectiveFrom!: string | null;
  /**
   * Last day in force (inclusive): the day before a later version took over, or the agreement's end;
   * null when open-ended. Before `effectiveFrom` when a later version replaced it before it started.
   */
  @Column({ name: 'effective_to', type: 'date', nullable: true }) effectiveTo!: string | null;
  @Column({ name: 'terms', type: 'jsonb' }) terms!: Record<string, unknown>;
}

/** One step of the negotiation or of an amendment: who, for which side, when. */
@Entity({ name: 'agreement_timeline' })
export class AgreementTimelineRow {
  @PrimaryColumn({ name: 'global_position', type: 'bigint' }) globalPosition!: string;
  @Column({ name: 'agreement_id', type: 'text' }) agreementId!: string;
  @Column({ name: 'step', type: 'text' }) step!: string;
  @Column({ name: 'event_type', type: 'text' }) eventType!: string;
  @Column({ name: 'version', type: 'integer', nullable: true }) version!: number | null;
  @Column({ name: 'in_response_to', type: 'integer', nullable: true }) inResponseTo!: number | null;
  @Column({ name: 'side', type: 'text', nullable: true }) side!: string | null;
  /** Person id of who took the step. */
  @Column({ name: 'taken_by', type: 'text' }) by!: string;
  @Column({ name: 'taken_at', type: 'timestamptz' }) at!: Date;
  @Column({ name: 'reason', type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'effective_on', type: 'date', nullable: true }) effectiveOn!: string | null;
}
