import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Customer relationships: per customer party, its owner, satisfaction, complaints and reviews. */
export class CustomerRelationshipsReadModel1790000530000 implements MigrationInterface {
  name = 'CustomerRelationshipsReadModel1790000530000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE customer_relationships (
        party_id text PRIMARY KEY,
        party_name text,
        relationship_status text,
        customer_since date,
        customer_until date,
        owner_person_id text,
        owner_from date,
        latest_survey_id text,
        latest_survey_mean double precision,
        latest_survey_responses integer,
        latest_survey_invited integer,
        latest_analysed_at timestamptz,
        previous_survey_id text,
        previous_survey_mean double precision,
        satisfaction_change double precision,
        satisfaction_trend text,
        position bigint NOT NULL
      )`);
    await db.query(`
      CREATE TABLE customer_satisfaction (
        party_id text NOT NULL,
        survey_id text NOT NULL,
        mean double precision,
        responses integer NOT NULL,
        invited integer NOT NULL,
        analysed_at timestamptz NOT NULL,
        analysed_position bigint NOT NULL,
        PRIMARY KEY (party_id, survey_id)
      )`);
    await db.query(`
      CREATE TABLE customer_complaints (
        complaint_id text PRIMARY KEY,
        party_id text NOT NULL,
        status text NOT NULL,
        received_at timestamptz NOT NULL,
        position bigint NOT NULL
      )`);
    await db.query('CREATE INDEX customer_complaints_by_party ON customer_complaints (party_id)');
    await db.query(`
      CREATE TABLE customer_reviews (
        review_id text PRIMARY KEY,
        party_id text NOT NULL,
        status text NOT NULL,
        due_on date NOT NULL,
        held_on date,
        position bigint NOT NULL
      )`);
    await db.query('CREATE INDEX customer_reviews_by_party ON customer_reviews (party_id)');
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'customer_reviews',
      'customer_complaints',
      'customer_satisfaction',
      'customer_relationships',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
