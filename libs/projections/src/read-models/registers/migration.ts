import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Registers with ageing: complaints, disputes, improvement opportunities and reviews. */
export class RegistersReadModel1790000540000 implements MigrationInterface {
  name = 'RegistersReadModel1790000540000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE register_complaints (
        complaint_id text PRIMARY KEY,
        customer_id text NOT NULL,
        service_id text NOT NULL,
        channel text NOT NULL,
        status text NOT NULL,
        opened_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        resolved_at timestamptz,
        closed_at timestamptz,
        closure_basis text,
        owner_id text,
        escalated_to text,
        escalations integer NOT NULL DEFAULT 0,
        reopenings integer NOT NULL DEFAULT 0,
        position bigint NOT NULL
      )`);
    await db.query('CREATE INDEX register_complaints_by_opened ON register_complaints (opened_at, complaint_id)');
    await db.query(`
      CREATE TABLE register_disputes (
        dispute_id text PRIMARY KEY,
        party_id text NOT NULL,
        agreement_id text NOT NULL,
        subject_kind text NOT NULL,
        subject_ref text,
        raised_by text NOT NULL,
        amount_value text,
        amount_currency text,
        status text NOT NULL,
        opened_at timestamptz NOT NULL,
        resolved_at timestamptz,
        closed_at timestamptz,
        owner_id text NOT NULL,
        escalation_level integer,
        evidence_count integer NOT NULL DEFAULT 0,
        position bigint NOT NULL
      )`);
    await db.query('CREATE INDEX register_disputes_by_opened ON register_disputes (opened_at, dispute_id)');
    await db.query(`
      CREATE TABLE register_improvements (
        improvement_id text PRIMARY KEY,
        title text NOT NULL,
        status text NOT NULL,
        cause_kind text NOT NULL,
        cause_stream_id text,
        cause_event_id text,
        agreement_id text,
        owner_id text,
        opened_at timestamptz NOT NULL,
        closed_at timestamptz,
        actions_total integer NOT NULL DEFAULT 0,
        actions_open integer NOT NULL DEFAULT 0,
        next_action_due date,
        actions jsonb NOT NULL DEFAULT '[]',
        position bigint NOT NULL
      )`);
    await db.query('CREATE INDEX register_improvements_by_opened ON register_improvements (opened_at, improvement_id)');
    await db.query(`
      CREATE TABLE register_reviews (
        review_id text PRIMARY KEY,
        subject_kind text NOT NULL,
        subject_id text NOT NULL,
        status text NOT NULL,
        due_on date NOT NULL,
        review_interval text NOT NULL,
        previous_review_id text,
        scheduled_at timestamptz NOT NULL,
        held_on date,
        cancelled_at timestamptz,
        reschedulings integer NOT NULL DEFAULT 0,
        position bigint NOT NULL
      )`);
    await db.query('CREATE INDEX register_reviews_by_due ON register_reviews (due_on, review_id)');
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['register_reviews', 'register_improvements', 'register_disputes', 'register_complaints']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
