import { Column, Entity, PrimaryColumn } from 'typeorm';

export const SATISFACTION_TRENDS = ['improving', 'stable', 'deteriorating'] as const;
export type SatisfactionTrend = (typeof SATISFACTION_TRENDS)[number];

/** One customer party: relationship owner (a person id only) and the latest two satisfaction results. */
@Entity({ name: 'customer_relationships' })
export class CustomerRelationshipRow {
  @PrimaryColumn({ name: 'party_id', type: 'text' }) partyId!: string;
  /** Name of the organisation (not a person). */
  @Column({ name: 'party_name', type: 'text', nullable: true }) partyName!: string | null;
  /** customer, former (the role was removed), or null for a party never seen as a customer. */
  @Column({ name: 'relationship_status', type: 'text', nullable: true }) relationshipStatus!: string | null;
  @Column({ name: 'customer_since', type: 'date', nullable: true }) customerSince!: string | null;
  @Column({ name: 'customer_until', type: 'date', nullable: true }) customerUntil!: string | null;
  /** Person id of the designated person responsible for the relationship. */
  @Column({ name: 'owner_person_id', type: 'text', nullable: true }) ownerPersonId!: string | null;
  @Column({ name: 'owner_from', type: 'date', nullable: true }) ownerFrom!: string | null;
  @Column({ name: 'latest_survey_id', type: 'text', nullable: true }) latestSurveyId!: string | null;
  @Column({ name: 'latest_survey_mean', type: 'double precision', nullable: true }) latestSurveyMean!: number | null;
  @Column({ name: 'latest_survey_responses', type: 'integer', nullable: true }) latestSurveyResponses!: number | null;
  @Column({ name: 'latest_survey_invited', type: 'integer', nullable: true }) latestSurveyInvited!: number | null;
  @Column({ name: 'latest_analysed_at', type: 'timestamptz', nullable: true }) latestAnalysedAt!: Date | null;
  @Column({ name: 'previous_survey_id', type: 'text', nullable: true }) previousSurveyId!: string | null;
  @Column({ name: 'previous_survey_mean', type: 'double precision', nullable: true })
  previousSurveyMean!: number | null;
  /** Latest mean minus the previous one. */
  @Column({ name: 'satisfaction_change', type: 'double precision', nullable: true })
  satisfactionChange!: number | null;
  @Column({ name: 'satisfaction_trend', type: 'text', nullable: true }) satisfactionTrend!: SatisfactionTrend | null;
  @Column({ name: 'position', type: 'bigint' }) position!: string;
}

/** A customer's result in one analysed survey. */
@Entity({ name: 'customer_satisfaction' })
export class CustomerSatisfactionRow {
  @PrimaryColumn({ name: 'party_id', type: 'text' }) partyId!: string;
  @PrimaryColumn({ name: 'survey_id', type: 'text' }) surveyId!: string;
  @Column({ name: 'mean', type: 'double precision', nullable: true }) mean!: number | null;
  @Column({ name: 'responses', type: 'integer' }) responses!: number;
  @Column({ name: 'invited', type: 'integer' }) invited!: number;
  @Column({ name: 'analysed_at', type: 'timestamptz' }) analysedAt!: Date;
  @Column({ name: 'analysed_position', type: 'bigint' }) analysedPosition!: string;
}

@Entity({ name: 'customer_complaints' })
export class CustomerComplaintRow {
  @PrimaryColumn({ name: 'complaint_id', type: 'text' }) complaintId!: string;
  @Column({ name: 'party_id', type: 'text' }) partyId!: string;
  /** open, resolved or closed; open until closed. */
  @Column({ name: 'status', type: 'text' }) status!: string;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  @Column({ name: 'position', type: 'bigint' }) position!: string;
}

/** Reviews of the customer relationship. */
@Entity({ name: 'customer_reviews' })
export class CustomerReviewRow {
  @PrimaryColumn({ name: 'review_id', type: 'text' }) reviewId!: string;
  @Column({ name: 'party_id', type: 'text' }) partyId!: string;
  /** scheduled, held or cancelled. */
  @Column({ name: 'status', type: 'text' }) status!: string;
  @Column({ name: 'due_on', type: 'date' }) dueOn!: string;
  @Column({ name: 'held_on', type: 'date', nullable: true }) heldOn!: string | null;
  @Column({ name: 'position', type: 'bigint' }) position!: string;
}
