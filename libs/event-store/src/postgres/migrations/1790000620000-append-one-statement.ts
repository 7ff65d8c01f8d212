import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APPEND_ONE_FUNCTION } from './1790000610000-lean-append.js';

/**
 * A one-event append is now one statement of the adapter's (`APPEND_ONE_STATEMENT`), which does
 * what `event_store_append_one` did without the cost of a PL/pgSQL call: the function is dropped.
 */
export class EventStoreAppendOneStatement1790000620000 implements MigrationInterface {
  readonly name = 'EventStoreAppendOneStatement1790000620000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP FUNCTION event_store_append_one(text, bigint, uuid, text, integer, jsonb, jsonb, boolean)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(APPEND_ONE_FUNCTION);
  }
}
