import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A supplier: its kind, selection and latest evaluation; the rest of its scorecard is computed from the tables below. */
@Entity({ name: 'supplier_scorecards' })
export class SupplierScorecardRow {
  @PrimaryColumn({ name: 'supplier_id', type: 'text' }) supplierId!: string;
  @Column({ name: 'supplier_kind', type: 'text' }) supplierKind!: string;
  @Column({ name: 'selection_status', type: 'text', nullable: true }) selectionStatus!: string | null;
  @Column({ name: 'scope', type: 'text', nullable: true }) scope!: string | null;
  @Column({ name: 'latest_evaluation_id', type: 'text', nullable: true }) latestEvaluationId!: string | null;
  @Column({ name: 'latest_evaluation_score', type: 'double precision', nullable: true })
  latestEvaluationScore!: number | null;
  @Column({ name: 'scale_min', type: 'double precision', nullable: true }) scaleMin!: number | null;
  @Column({ name: 'scale_max', type: 'double precision', nullable: true }) scaleMax!: number | null;
  @Column({ name: 'evaluated_at', type: 'timestamptz', nullable: true }) evaluatedAt!: Date | null;
  @Column({ name: 'selected_at', type: 'timestamptz', nullable: true }) selectedAt!: Date | null;
  @Column({ name: 'position', type: 'bigint' }) position!: string;
}

/** An underpinning contract or OLA whose counterparty is the supplier. */
@Entity({ name: 'supplier_contracts' })
export class SupplierContractRow {
  @PrimaryColumn({ name: 'agreement_id', type: 'text' }) agreementId!: string;
  @Column({ name: 'supplier_id', type: 'text' }) supplierId!: string;
  @Column({ name: 'kind', type: 'text' }) kind!: string;
  @Column({ name: 'title', type: 'text' }) title!: string;
  @Column({ name: 'counterparty_role', type: 'text' }) counterpartyRole!: string;
  @Column({ name: 'status', type: 'text' }) status!: string;
  @Column({ name: 'version_in_force', type: 'integer', nullable: true }) versionInForce!: number | null;
  @Column({ name: 'effective_on', type: 'date', nullable: true }) effectiveOn!: string | null;
  @Column({ name: 'last_reviewed_on', type: 'date', nullable: true }) lastReviewedOn!: string | null;
  @Column({ name: 'next_review_due', type: 'date', nullable: true }) nextReviewDue!: string | null;
  @Column({ name: 'drafted_at', type: 'timestamptz' }) draftedAt!: Date;
  @Column({ name: 'position', type: 'bigint' }) position!: string;
}

/** The outcome of one target of one of the supplier's contracts in one period. */
@Entity({ name: 'supplier_target_results' })
export class SupplierTargetResultRow {
  @PrimaryColumn({ name: 'agreement_id', type: 'text' }) agreementId!: string;
  @PrimaryColumn({ name: 'period_id', type: 'text' }) periodId!: string;
  @PrimaryColumn({ name: 'target_id', type: 'text' }) targetId!: string;
  @Column({ name: 'supplier_id', type: 'text' }) supplierId!: string;
  @Column({ name: 'period_start', type: 'timestamptz' }) periodStart!: Date;
  /** pending, met, breached or not-measured. */
  @Column({ name: 'outcome', type: 'text' }) outcome!: string;
  @Column({ name: 'position', type: 'bigint' }) position!: string;
}

@Entity({ name: 'supplier_risks' })
export class SupplierRiskRow {
  @PrimaryColumn({ name: 'supplier_id', type: 'text' }) supplierId!: string;
  @PrimaryColumn({ name: 'risk_id', type: 'text' }) riskId!: string;
  /** identified, treated or closed. */
  @Column({ name: 'status', type: 'text' }) status!: string;
  @Column({ name: 'likelihood', type: 'integer' }) likelihood!: number;
  @Column({ name: 'impact', type: 'integer' }) impact!: number;
  /** Person id of the risk owner. */
  @Column({ name: 'owner_id', type: 'text' }) ownerId!: string;
  @Column({ name: 'identified_at', type: 'timestamptz' }) identifiedAt!: Date;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'position', type: 'bigint' }) position!: string;
}

/** Every dispute with its party, so that a supplier's open disputes can be counted. */
@Entity({ name: 'supplier_disputes' })
export class SupplierDisputeRow {
  @PrimaryColumn({ name: 'dispute_id', type: 'text' }) disputeId!: string;
  @Column({ name: 'party_id', type: 'text' }) partyId!: string;
  @Column({ name: 'agreement_id', type: 'text' }) agreementId!: string;
  /** open, resolved, withdrawn or closed. */
  @Column({ name: 'status', type: 'text' }) status!: string;
  @Column({ name: 'raised_at', type: 'timestamptz' }) raisedAt!: Date;
  @Column({ name: 'position', type: 'bigint' }) position!: string;
}

/** A supplier target linked to the customer target it underpins, with the latest alignment assessment. */
@Entity({ name: 'supplier_alignments' })
export class SupplierAlignmentRow {
  @PrimaryColumn({ name: 'agreement_id', type: 'text' }) agreementId!: string;
  @PrimaryColumn({ name: 'supplier_target_id', type: 'text' }) supplierTargetId!: string;
  @PrimaryColumn({ name: 'customer_agreement_id', type: 'text' }) customerAgreementId!: string;
  @PrimaryColumn({ name: 'customer_target_id', type: 'text' }) customerTargetId!: string;
  @Column({ name: 'supplier_id', type: 'text' }) supplierId!: string;
  /** aligned, misaligned, not-comparable, or not-assessed while only linked. */
  @Column({ name: 'outcome', type: 'text' }) outcome!: string;
  @Column({ name: 'supplier_version', type: 'integer', nullable: true }) supplierVersion!: number | null;
  @Column({ name: 'customer_version', type: 'integer', nullable: true }) customerVersion!: number | null;
  @Column({ name: 'assessed_at', type: 'timestamptz', nullable: true }) assessedAt!: Date | null;
  @Column({ name: 'position', type: 'bigint' }) position!: string;
}

/** Reviews of suppliers and of contracts (the supplier of a contract is found through `supplier_contracts`). */
@Entity({ name: 'supplier_reviews' })
export class SupplierReviewRow {
  @PrimaryColumn({ name: 'review_id', type: 'text' }) reviewId!: string;
  @Column({ name: 'subject_kind', type: 'text' }) subjectKind!: string;
  @Column({ name: 'subject_id', type: 'text' }) subjectId!: string;
  /** scheduled, held or cancelled. */
  @Column({ name: 'status', type: 'text' }) status!: string;
  @Column({ name: 'due_on', type: 'date' }) dueOn!: string;
  @Column({ name: 'held_on', type: 'date', nullable: true }) heldOn!: string | null;
  @Column({ name: 'position', type: 'bigint' }) position!: string;
}
