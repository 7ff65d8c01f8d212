import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Current agreements, their agreed versions with the days each was in force, and the negotiation timeline. */
export class AgreementsReadModel1790000560000 implements MigrationInterface {
  name = 'AgreementsReadModel1790000560000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE agreements_current (
        agreement_id text PRIMARY KEY,
        kind text NOT NULL,
        title text NOT NULL,
        provider_party_id text NOT NULL,
        counterparty_party_id text NOT NULL,
        counterparty_role text NOT NULL,
        status text NOT NULL,
        current_version integer,
        latest_version integer NOT NULL,
        terms_version integer,
        open_proposal integer,
        open_amendment integer,
        services text[] NOT NULL,
        effective_from date,
        effective_to date,
        activated_on date,
        last_day_in_force date,
        next_review_due date,
        review_interval text,
        targets jsonb NOT NULL,
        workload_limits jsonb NOT NULL,
        provider_owner text,
        counterparty_owner text,
        drafted_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        position bigint NOT NULL,
        state jsonb NOT NULL
      )`);
    await db.query('CREATE INDEX agreements_current_kind ON agreements_current (kind, agreement_id)');
    await db.query('CREATE INDEX agreements_current_status ON agreements_current (status, agreement_id)');
    await db.query('CREATE INDEX agreements_current_provider ON agreements_current (provider_party_id)');
    await db.query('CREATE INDEX agreements_current_counterparty ON agreements_current (counterparty_party_id)');
    await db.query('CREATE INDEX agreements_current_review_due ON agreements_current (next_review_due)');
    await db.query(`
      CREATE TABLE agreement_versions (
        agreement_id text NOT NULL,
        version integer NOT NULL,
        origin text NOT NULL,
        amends integer,
        proposed_by_side text NOT NULL,
        proposed_by text NOT NULL,
        accepted_by jsonb NOT NULL,
        agreed_at timestamptz NOT NULL,
        effective_from date,
        effective_to date,
        terms jsonb NOT NULL,
        PRIMARY KEY (agreement_id, version)
      )`);
    await db.query('CREATE INDEX agreement_versions_in_force ON agreement_versions (effective_from, effective_to)');
    await db.query(`
      CREATE TABLE agreement_timeline (
        global_position bigint PRIMARY KEY,
        agreement_id text NOT NULL,
        step text NOT NULL,
        event_type text NOT NULL,
        version integer,
        in_response_to integer,
        side text,
        taken_by text NOT NULL,
        taken_at timestamptz NOT NULL,
        reason text,
        effective_on date
      )`);
    await db.query('CREATE INDEX agreement_timeline_agreement ON agreement_timeline (agreement_id, global_position)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE agreement_timeline');
    await db.query('DROP TABLE agreement_versions');
    await db.query('DROP TABLE agreements_current');
  }
}
