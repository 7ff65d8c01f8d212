import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Where each processor (projection, reaction, relay) of the log has got to, and what stopped it. */
export class ProcessorCheckpoints1790000200000 implements MigrationInterface {
  name = 'ProcessorCheckpoints1790000200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE processor_checkpoints (
        name text PRIMARY KEY,
        position bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        failed_position bigint,
        failure text,
        failed_at timestamptz
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE processor_checkpoints');
  }
}
