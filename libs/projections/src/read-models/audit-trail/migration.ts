import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit trail: one row per event, indexed for the auditor's filters (clause, stream, type, actor, time, agreement, party). */
export class AuditTrailReadModel1790000550000 implements MigrationInterface {
  name = 'AuditTrailReadModel1790000550000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_trail_entries (
        global_position bigint PRIMARY KEY,
        event_id text NOT NULL,
        recorded_at timestamptz NOT NULL,
        stream_id text NOT NULL,
        stream_type text NOT NULL,
        stream_version integer NOT NULL,
        event_type text NOT NULL,
        schema_version integer NOT NULL,
        actor text NOT NULL,
        correlation_id text,
        causation_id text,
        clauses text[] NOT NULL,
        agreement_ids text[] NOT NULL,
        party_ids text[] NOT NULL,
        summary text NOT NULL
      )`);
    await db.query('CREATE UNIQUE INDEX audit_trail_entries_event_id ON audit_trail_entries (event_id)');
    await db.query('CREATE INDEX audit_trail_entries_clauses ON audit_trail_entries USING gin (clauses)');
    await db.query('CREATE INDEX audit_trail_entries_stream ON audit_trail_entries (stream_id, global_position)');
    await db.query(
      'CREATE INDEX audit_trail_entries_stream_type ON audit_trail_entries (stream_type, global_position)',
    );
    await db.query('CREATE INDEX audit_trail_entries_type ON audit_trail_entries (event_type, global_position)');
    await db.query('CREATE INDEX audit_trail_entries_actor ON audit_trail_entries (actor, global_position)');
    await db.query('CREATE INDEX audit_trail_entries_recorded_at ON audit_trail_entries (recorded_at)');
    await db.query('CREATE INDEX audit_trail_entries_correlation ON audit_trail_entries (correlation_id)');
    await db.query('CREATE INDEX audit_trail_entries_agreements ON audit_trail_entries USING gin (agreement_ids)');
    await db.query('CREATE INDEX audit_trail_entries_parties ON audit_trail_entries USING gin (party_ids)');
    await db.query(`
      CREATE TABLE audit_trail_agreement_parties (
        agreement_id text PRIMARY KEY,
        party_ids text[] NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE audit_trail_agreement_parties');
    await db.query('DROP TABLE audit_trail_entries');
  }
}
