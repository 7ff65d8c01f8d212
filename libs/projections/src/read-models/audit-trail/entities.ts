import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One event of the log, as an auditor filters it. No personal data: people appear by id only. */
@Entity({ name: 'audit_trail_entries' })
export class AuditTrailEntry {
  /** Global position (bigint, as text). */
  @PrimaryColumn({ name: 'global_position', type: 'bigint' }) globalPosition!: string;
  @Column({ name: 'event_id', type: 'text' }) eventId!: string;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
  @Column({ name: 'stream_id', type: 'text' }) streamId!: string;
  /** The stream id's prefix, e.g. `agreement`, `service-level`. */
  @Column({ name: 'stream_type', type: 'text' }) streamType!: string;
  @Column({ name: 'stream_version', type: 'integer' }) streamVersion!: number;
  @Column({ name: 'event_type', type: 'text' }) eventType!: string;
  @Column({ name: 'schema_version', type: 'integer' }) schemaVersion!: number;
  @Column({ name: 'actor', type: 'text' }) actor!: string;
  @Column({ name: 'correlation_id', type: 'text', nullable: true }) correlationId!: string | null;
  @Column({ name: 'causation_id', type: 'text', nullable: true }) causationId!: string | null;
  @Column({ name: 'clauses', type: 'text', array: true }) clauses!: string[];
  @Column({ name: 'agreement_ids', type: 'text', array: true }) agreementIds!: string[];
  @Column({ name: 'party_ids', type: 'text', array: true }) partyIds!: string[];
  @Column({ name: 'summary', type: 'text' }) summary!: string;
}

/** The parties of each agreement, so that events that name only the agreement are found by party too. */
@Entity({ name: 'audit_trail_agreement_parties' })
export class AuditTrailAgreementParties {
  @PrimaryColumn({ name: 'agreement_id', type: 'text' }) agreementId!: string;
  @Column({ name: 'party_ids', type: 'text', array: true }) partyIds!: string[];
}
