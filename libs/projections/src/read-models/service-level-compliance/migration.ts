import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Service level compliance: one row per agreement, period and target; one per agreement, period and workload limit. */
export class ServiceLevelComplianceReadModel1790000510000 implements MigrationInterface {
  name = 'ServiceLevelComplianceReadModel1790000510000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE service_level_compliance (
        agreement_id text NOT NULL,
        period_id text NOT NULL,
        target_id text NOT NULL,
        agreement_kind text NOT NULL,
        agreement_version integer NOT NULL,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        period_status text NOT NULL,
        target_name text NOT NULL,
        service_id text,
        metric text NOT NULL,
        comparator text NOT NULL,
        target_value double precision NOT NULL,
        unit text NOT NULL,
        credit_tiers jsonb NOT NULL,
        measurement_id text,
        measured_at timestamptz,
        measured_value double precision,
        corrected boolean NOT NULL DEFAULT false,
        excluded_minutes double precision,
        judged_value double precision,
        outcome text NOT NULL,
        service_credit_percent double precision,
        service_credit_level double precision,
        opened_at timestamptz NOT NULL,
        judged_at timestamptz,
        position bigint NOT NULL,
        PRIMARY KEY (agreement_id, period_id, target_id)
      )`);
    await db.query('CREATE INDEX service_level_compliance_by_start ON service_level_compliance (period_start)');
    await db.query('CREATE INDEX service_level_compliance_by_outcome ON service_level_compliance (outcome)');
    await db.query(`
      CREATE TABLE service_level_workload (
        agreement_id text NOT NULL,
        period_id text NOT NULL,
        limit_id text NOT NULL,
        agreement_version integer NOT NULL,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        limit_name text NOT NULL,
        unit text NOT NULL,
        workload_limit double precision NOT NULL,
        actual double precision,
        measured_at timestamptz,
        outcome text NOT NULL,
        judged_at timestamptz,
        position bigint NOT NULL,
        PRIMARY KEY (agreement_id, period_id, limit_id)
      )`);
    await db.query('CREATE INDEX service_level_workload_by_start ON service_level_workload (period_start)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE service_level_workload');
    await db.query('DROP TABLE service_level_compliance');
  }
}
