import type { INestApplication } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../apps/api/src/app.js';
import type { Role } from '../../apps/api/src/auth/roles.js';
import { Tokens } from '../../apps/api/src/auth/tokens.js';
import { loadConfiguration } from '../../apps/api/src/config/configuration.js';
import { openDatabase, type Database } from '../../apps/api/src/database/database.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestApp {
  readonly app: INestApplication;
  readonly http: ReturnType<INestApplication['getHttpServer']>;
  readonly database: Database;
  /** An Authorization header for a person holding `role` (the subject defaults to `<role>-person`). */
  as(role: Role, subject?: string): Promise<{ Authorization: string }>;
  close(): Promise<void>;
}

const JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256';

/**
 * The whole service on a fresh database of its own, ready for supertest; or, given `on`, another
 * instance on that database (which its creator drops).
 */
export async function startTestApp(env: Record<string, string> = {}, on?: TestDatabase): Promise<TestApp> {
  const testDatabase: TestDatabase = on ?? (await createTestDatabase('e2e'));
  const config = loadConfiguration({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: testDatabase.url,
    AUTH_JWT_SECRET: JWT_SECRET,
    AUDIT_SIGNING_KEY: 'test-audit-checkpoint-secret-of-32-characters',
    ...env,
  });
  const database = await openDatabase(config);
  const app = await createApp(config, database);
  await app.init();
  // Fastify loads its plugins on ready(); supertest talks to the bare server, so it must be ready first.
  await (app.getHttpAdapter().getInstance() as FastifyInstance).ready();
  const tokens = new Tokens(JWT_SECRET, database.pool);
  return {
    app,
    http: app.getHttpServer(),
    database,
    as: async (role, subject = `${role}-person`) => ({
      Authorization: `Bearer ${(await tokens.issue(subject, [role])).token}`,
    }),
    async close() {
      await app.close();
      await database.close();
      if (!on) await testDatabase.drop();
    },
  };
}
