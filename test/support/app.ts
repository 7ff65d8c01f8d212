import type { INestApplication } from '@nestjs/common';
import { createApp } from '../../apps/api/src/app.js';
import { loadConfiguration } from '../../apps/api/src/config/configuration.js';
import { openDatabase, type Database } from '../../apps/api/src/database/database.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestApp {
  readonly app: INestApplication;
  readonly http: ReturnType<INestApplication['getHttpServer']>;
  readonly database: Database;
  close(): Promise<void>;
}

/** The whole service on a fresh database of its own, ready for supertest. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const testDatabase: TestDatabase = await createTestDatabase('e2e');
  const config = loadConfiguration({ ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: testDatabase.url, ...env });
  const database = await openDatabase(config);
  const app = await createApp(config, database);
  await app.init();
  return {
    app,
    http: app.getHttpServer(),
    database,
    async close() {
      await app.close();
      await database.close();
      await testDatabase.drop();
    },
  };
}
