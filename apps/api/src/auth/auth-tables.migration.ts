import type { MigrationInterface, QueryRunner } from 'typeorm';

/** API keys (stored as SHA-256 of the secret), revoked token ids and idempotency records. */
export class AuthTables1790000100000 implements MigrationInterface {
  name = 'AuthTables1790000100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE api_keys (
        id text PRIMARY KEY,
        name text NOT NULL,
        role text NOT NULL,
        secret_sha256 bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await db.query(`
      CREATE TABLE revoked_tokens (
        jti text PRIMARY KEY,
        revoked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE idempotency_records (
        principal text NOT NULL,
        idempotency_key text NOT NULL,
        request_sha256 text NOT NULL,
        status_code integer,
        response_body jsonb,
        response_headers jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (principal, idempotency_key)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE idempotency_records');
    await db.query('DROP TABLE revoked_tokens');
    await db.query('DROP TABLE api_keys');
  }
}
