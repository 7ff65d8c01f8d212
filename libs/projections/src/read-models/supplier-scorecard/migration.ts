import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Supplier performance scorecards: the supplier, its contracts and what the scorecard is computed from. */
export class SupplierScorecardReadModel1790000520000 implements MigrationInterface {
  name = 'SupplierScorecardReadModel1790000520000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE supplier_scorecards (
        supplier_id text PRIMARY KEY,
        supplier_kind text NOT NULL,
        selection_status text,
        scope text,
        latest_evaluation_id text,
        latest_evaluation_score double precision,
        scale_min double precision,
        scale_max double precision,
        evaluated_at timestamptz,
        selected_at timestamptz,
        position bigint NOT NULL
      )`);
    await db.query(`
      CREATE TABLE supplier_contracts (
        agreement_id text PRIMARY KEY,
        supplier_id text NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        counterparty_role text NOT NULL,
        status text NOT NULL,
        version_in_force integer,
        effective_on date,
        last_reviewed_on date,
        next_review_due date,
        drafted_at timestamptz NOT NULL,
        position bigint NOT NULL
      )`);
    await db.query('CREATE INDEX supplier_contracts_by_supplier ON supplier_contracts (supplier_id)');
    await db.query(`
      CREATE TABLE supplier_target_results (
        agreement_id text NOT NULL,
        period_id text NOT NULL,
        target_id text NOT NULL,
        supplier_id text NOT NULL,
        period_start timestamptz NOT NULL,
        outcome text NOT NULL,
        position bigint NOT NULL,
        PRIMARY KEY (agreement_id, period_id, target_id)
      )`);
    await db.query('CREATE INDEX supplier_target_results_by_supplier ON supplier_target_results (supplier_id)');
    await db.query(`
      CREATE TABLE supplier_risks (
        supplier_id text NOT NULL,
        risk_id text NOT NULL,
        status text NOT NULL,
        likelihood integer NOT NULL,
        impact integer NOT NULL,
        owner_id text NOT NULL,
        identified_at timestamptz NOT NULL,
        closed_at timestamptz,
        position bigint NOT NULL,
        PRIMARY KEY (supplier_id, risk_id)
      )`);
    await db.query(`
      CREATE TABLE supplier_disputes (
        dispute_id text PRIMARY KEY,
        party_id text NOT NULL,
        agreement_id text NOT NULL,
        status text NOT NULL,
        raised_at timestamptz NOT NULL,
        position bigint NOT NULL
      )`);
    await db.query('CREATE INDEX supplier_disputes_by_party ON supplier_disputes (party_id)');
    await db.query(`
      CREATE TABLE supplier_alignments (
        agreement_id text NOT NULL,
        supplier_target_id text NOT NULL,
        customer_agreement_id text NOT NULL,
        customer_target_id text NOT NULL,
        supplier_id text NOT NULL,
        outcome text NOT NULL,
        supplier_version integer,
        customer_version integer,
        assessed_at timestamptz,
        position bigint NOT NULL,
        PRIMARY KEY (agreement_id, supplier_target_id, customer_agreement_id, customer_target_id)
      )`);
    await db.query('CREATE INDEX supplier_alignments_by_supplier ON supplier_alignments (supplier_id)');
    await db.query(`
      CREATE TABLE supplier_reviews (
        review_id text PRIMARY KEY,
        subject_kind text NOT NULL,
        subject_id text NOT NULL,
        status text NOT NULL,
        due_on date NOT NULL,
        held_on date,
        position bigint NOT NULL
      )`);
    await db.query('CREATE INDEX supplier_reviews_by_subject ON supplier_reviews (subject_id)');
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'supplier_reviews',
      'supplier_alignments',
      'supplier_disputes',
      'supplier_risks',
      'supplier_target_results',
      'supplier_contracts',
      'supplier_scorecards',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
