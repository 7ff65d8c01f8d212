import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-person data keys for crypto-shredding; a forgotten person keeps a row with no key. */
export class PersonKeys1790000050000 implements MigrationInterface {
  name = 'PersonKeys1790000050000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE person_keys (
        person_id text PRIMARY KEY,
        data_key bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        forgotten_at timestamptz
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE person_keys');
  }
}
