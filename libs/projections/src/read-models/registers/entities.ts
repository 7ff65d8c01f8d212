import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An open or closed action of an improvement opportunity. */
export interface ImprovementActionEntry {
  readonly actionId: string;
  readonly dueOn: string | null;
  /** Person id of the assignee. */
  readonly assigneeId: string | null;
  readonly completed: boolean;
}

/** A service complaint (clause 8.3.2); its age is computed when queried. */
@Entity({ name: 'register_complaints' })
export class ComplaintRegisterRow {
  @PrimaryColumn({ name: 'complaint_id', type: 'text' }) complaintId!: string;
  @Column({ name: 'customer_id', type: 'text' }) customerId!: string;
  @Column({ name: 'service_id', type: 'text' }) serviceId!: string;
  @Column({ name: 'channel', type: 'text' }) channel!: string;
  /** open, resolved or closed. */
  @Column({ name: 'status', type: 'text' }) status!: string;
  /** When the complaint was received. */
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt!: Date;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'closure_basis', type: 'text', nullable: true }) closureBasis!: string | null;
  /** Person id of the person managing the complaint. */
  @Column({ name: 'owner_id', type: 'text', nullable: true }) ownerId!: string | null;
  /** Person id of the person it was last escalated to. */
  @Column({ name: 'escalated_to', type: 'text', nullable: true }) escalatedTo!: string | null;
  @Column({ name: 'escalations', type: 'integer' }) escalations!: number;
  @Column({ name: 'reopenings', type: 'integer' }) reopenings!: number;
  @Column({ name: 'position', type: 'bigint' }) position!: string;
}

/** A dispute with a supplier or customer (clause 8.3.4). */
@Entity({ name: 'register_disputes' })
export class DisputeRegisterRow {
  @PrimaryColumn({ name: 'dispute_id', type: 'text' }) disputeId!: string;
  @Column({ name: 'party_id', type: 'text' }) partyId!: string;
  @Column({ name: 'agreement_id', type: 'text' }) agreementId!: string;
  /** What is disputed, the cause: agreement, measurement or charge. */
  @Column({ name: 'subject_kind', type: 'text' }) subjectKind!: string;
  /** The measurement or charge disputed. */
  @Column({ name: 'subject_ref', type: 'text', nullable: true }) subjectRef!: string | null;
  @Column({ name: 'raised_by', type: 'text' }) raisedBy!: string;
  @Column({ name: 'amount_value', type: 'text', nullable: true }) amountValue!: string | null;
  @Column({ name: 'amount_currency', type: 'text', nullable: true }) amountCurrency!: string | null;
  /** open, resolved, withdrawn or closed. */
  @Column({ name: 'status', type: 'text' }) status!: string;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt!: Date;
  /** When it was resolved or withdrawn. */
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  /** Person id of whoever holds the dispute: who it was last escalated to, else who recorded it. */
  @Column({ name: 'owner_id', type: 'text' }) ownerId!: string;
  @Column({ name: 'escalation_level', type: 'integer', nullable: true }) escalationLevel!: number | null;
  @Column({ name: 'evidence_count', type: 'integer' }) evidenceCount!: number;
  @Column({ name: 'position', type: 'bigint' }) position!: string;
}

/** An improvement opportunity (clauses 8.3.3, 10). */
@Entity({ name: 'register_improvements' })
export class ImprovementRegisterRow {
  @PrimaryColumn({ name: 'improvement_id', type: 'text' }) improvementId!: string;
  @Column({ name: 'title', type: 'text' }) title!: string;
  /** open, closed or rejected. */
  @Column({ name: 'status', type: 'text' }) status!: string;
  /** What gave rise to it: target-breached, complaint, survey…; manual when raised by hand. */
  @Column({ name: 'cause_kind', type: 'text' }) causeKind!: string;
  @Column({ name: 'cause_stream_id', type: 'text', nullable: true }) causeStreamId!: string | null;
  @Column({ name: 'cause_event_id', type: 'text', nullable: true }) causeEventId!: string | null;
  @Column({ name: 'agreement_id', type: 'text', nullable: true }) agreementId!: string | null;
  /** Person id of the owner. */
  @Column({ name: 'owner_id', type: 'text', nullable: true }) ownerId!: string | null;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt!: Date;
  /** When it was closed or rejected. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'actions_total', type: 'integer' }) actionsTotal!: number;
  @Column({ name: 'actions_open', type: 'integer' }) actionsOpen!: number;
  /** The earliest due date of its open actions. */
  @Column({ name: 'next_action_due', type: 'date', nullable: true }) nextActionDue!: string | null;
  @Column({ name: 'actions', type: 'jsonb' }) actions!: ImprovementActionEntry[];
  @Column({ name: 'position', type: 'bigint' }) position!: string;
}

/** A planned review of a customer relationship, agreement, supplier or contract. */
@Entity({ name: 'register_reviews' })
export class ReviewRegisterRow {
  @PrimaryColumn({ name: 'review_id', type: 'text' }) reviewId!: string;
  @Column({ name: 'subject_kind', type: 'text' }) subjectKind!: string;
  @Column({ name: 'subject_id', type: 'text' }) subjectId!: string;
  /** scheduled, held or cancelled. */
  @Column({ name: 'status', type: 'text' }) status!: string;
  @Column({ name: 'due_on', type: 'date' }) dueOn!: string;
  @Column({ name: 'review_interval', type: 'text' }) interval!: string;
  @Column({ name: 'previous_review_id', type: 'text', nullable: true }) previousReviewId!: string | null;
  @Column({ name: 'scheduled_at', type: 'timestamptz' }) scheduledAt!: Date;
  @Column({ name: 'held_on', type: 'date', nullable: true }) heldOn!: string | null;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt!: Date | null;
  @Column({ name: 'reschedulings', type: 'integer' }) reschedulings!: number;
  @Column({ name: 'position', type: 'bigint' }) position!: string;
}
