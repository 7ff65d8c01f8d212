import { Column, Entity, PrimaryColumn } from 'typeorm';

export const COMPLIANCE_OUTCOMES = ['pending', 'met', 'breached', 'not-measured'] as const;
export type ComplianceOutcome = (typeof COMPLIANCE_OUTCOMES)[number];
export const WORKLOAD_OUTCOMES = ['pending', 'within-limit', 'exceeded', 'not-recorded'] as const;
export type WorkloadOutcome = (typeof WORKLOAD_OUTCOMES)[number];

/** A credit tier of the target, as agreed in the version in force during the period. */
export interface CreditTier {
  readonly level: number;
  readonly creditPercent: number;
}

/** One target of one agreement in one reporting period: the target in force, what was measured, and the judgement. */
@Entity({ name: 'service_level_compliance' })
export class ServiceLevelComplianceRow {
  @PrimaryColumn({ name: 'agreement_id', type: 'text' }) agreementId!: string;
  @PrimaryColumn({ name: 'period_id', type: 'text' }) periodId!: string;
  @PrimaryColumn({ name: 'target_id', type: 'text' }) targetId!: string;
  @Column({ name: 'agreement_kind', type: 'text' }) agreementKind!: string;
  @Column({ name: 'agreement_version', type: 'integer' }) agreementVersion!: number;
  @Column({ name: 'period_start', type: 'timestamptz' }) periodStart!: Date;
  @Column({ name: 'period_end', type: 'timestamptz' }) periodEnd!: Date;
  /** `open` until the period is closed and judged. */
  @Column({ name: 'period_status', type: 'text' }) periodStatus!: 'open' | 'closed';
  @Column({ name: 'target_name', type: 'text' }) targetName!: string;
  @Column({ name: 'service_id', type: 'text', nullable: true }) serviceId!: string | null;
  @Column({ name: 'metric', type: 'text' }) metric!: string;
  @Column({ name: 'comparator', type: 'text' }) comparator!: string;
  @Column({ name: 'target_value', type: 'double precision' }) targetValue!: number;
  @Column({ name: 'unit', type: 'text' }) unit!: string;
  @Column({ name: 'credit_tiers', type: 'jsonb' }) creditTiers!: CreditTier[];
  /** The measurement judged (or, while open, the one that would be: the latest taken). */
  @Column({ name: 'measurement_id', type: 'text', nullable: true }) measurementId!: string | null;
  @Column({ name: 'measured_at', type: 'timestamptz', nullable: true }) measuredAt!: Date | null;
  /** Measured value after corrections. */
  @Column({ name: 'measured_value', type: 'double precision', nullable: true }) measuredValue!: number | null;
  @Column({ name: 'corrected', type: 'boolean' }) corrected!: boolean;
  /** Approved excluded downtime applied when judged. */
  @Column({ name: 'excluded_minutes', type: 'double precision', nullable: true }) excludedMinutes!: number | null;
  /** The value compared with the target: after corrections and approved exceptions. */
  @Column({ name: 'judged_value', type: 'double precision', nullable: true }) judgedValue!: number | null;
  @Column({ name: 'outcome', type: 'text' }) outcome!: ComplianceOutcome;
  @Column({ name: 'service_credit_percent', type: 'double precision', nullable: true })
  serviceCreditPercent!: number | null;
  @Column({ name: 'service_credit_level', type: 'double precision', nullable: true })
  serviceCreditLevel!: number | null;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt!: Date;
  @Column({ name: 'judged_at', type: 'timestamptz', nullable: true }) judgedAt!: Date | null;
  /** Global position of the last event applied to the row. */
  @Column({ name: 'position', type: 'bigint' }) position!: string;
}

/** Actual workload against one workload limit of one agreement in one period. */
@Entity({ name: 'service_level_workload' })
export class ServiceLevelWorkloadRow {
  @PrimaryColumn({ name: 'agreement_id', type: 'text' }) agreementId!: string;
  @PrimaryColumn({ name: 'period_id', type: 'text' }) periodId!: string;
  @PrimaryColumn({ name: 'limit_id', type: 'text' }) limitId!: string;
  @Column({ name: 'agreement_version', type: 'integer' }) agreementVersion!: number;
  @Column({ name: 'period_start', type: 'timestamptz' }) periodStart!: Date;
  @Column({ name: 'period_end', type: 'timestamptz' }) periodEnd!: Date;
  @Column({ name: 'limit_name', type: 'text' }) limitName!: string;
  @Column({ name: 'unit', type: 'text' }) unit!: string;
  @Column({ name: 'workload_limit', type: 'double precision' }) limit!: number;
  /** The latest reading of the period (actual so far). */
  @Column({ name: 'actual', type: 'double precision', nullable: true }) actual!: number | null;
  @Column({ name: 'measured_at', type: 'timestamptz', nullable: true }) measuredAt!: Date | null;
  @Column({ name: 'outcome', type: 'text' }) outcome!: WorkloadOutcome;
  @Column({ name: 'judged_at', type: 'timestamptz', nullable: true }) judgedAt!: Date | null;
  @Column({ name: 'position', type: 'bigint' }) position!: string;
}
