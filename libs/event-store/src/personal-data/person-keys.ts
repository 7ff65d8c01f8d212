import { randomBytes } from 'node:crypto';
import type pg from 'pg';

/**
 * One data key per person, held outside the events. Destroying it
 * (forgetting the person) makes every encrypted field of theirs unreadable
 * for good, while the events, and so the audit chain, stay as they were.
 */
export class PersonKeys {
  constructor(private readonly pool: pg.Pool) {}

  /** The keys of these people, created for those who have none; forgotten people map to null. */
  async keysFor(personIds: readonly string[]): Promise<Map<string, Buffer | null>> {
    const ids = [...new Set(personIds)];
    if (ids.length === 0) return new Map();
    await this.pool.query(
      `INSERT INTO person_keys (person_id, data_key)
       SELECT id, key FROM unnest($1::text[], $2::bytea[]) AS fresh(id, key)
       ON CONFLICT (person_id) DO NOTHING`,
      [ids, ids.map(() => randomBytes(32))],
    );
    return this.existingKeys(ids);
  }

  /** Keys of those who have one; forgotten people map to null, unknown people are absent. */
  async existingKeys(personIds: readonly string[]): Promise<Map<string, Buffer | null>> {
    const ids = [...new Set(personIds)];
    if (ids.length === 0) return new Map();
    const { rows } = await this.pool.query<{ person_id: string; data_key: Buffer | null }>(
      'SELECT person_id, data_key FROM person_keys WHERE person_id = ANY($1::text[])',
      [ids],
    );
    return new Map(rows.map((row) => [row.person_id, row.data_key]));
  }

  /** Destroys the person's key. Answers false when there was no key to destroy. */
  async forget(personId: string): Promise<boolean> {
    const result = await this.pool.query(
      `INSERT INTO person_keys (person_id, data_key, forgotten_at) VALUES ($1, NULL, now())
       ON CONFLICT (person_id) DO UPDATE SET data_key = NULL, forgotten_at = now()
       WHERE person_keys.data_key IS NOT NULL
       RETURNING person_id`,
      [personId],
    );
    return result.rowCount === 1;
  }
}
