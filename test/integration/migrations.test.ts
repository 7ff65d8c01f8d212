import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { loadConfiguration } from '../../apps/api/src/config/configuration.js';
import { openDatabase } from '../../apps/api/src/database/database.js';
import { migrations } from '../../apps/api/src/database/migrations.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

describe('schema migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('migrations');
  });
  afterAll(() => database.drop());

  it('run once when several instances start on a new database at the same time', async () => {
    const config = loadConfiguration({ NODE_ENV: 'test', DATABASE_URL: database.url });
    const instances = await Promise.all(Array.from({ length: 4 }, () => openDatabase(config)));
    await Promise.all(instances.map((instance) => instance.close()));

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY id');
      expect(rows.map((row) => row.name)).toEqual(migrations.map((migration) => migration.name));
    } finally {
      await client.end();
    }
  });
});
