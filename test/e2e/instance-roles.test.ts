import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * The scaled-out layout on one database: a stateless API instance (PROCESSORS=none) that reads
 * its queries through a read-only connection as it would from a replica (READ_DATABASE_URL), and a
 * worker instance that runs the projectors, reactions, sealer and relay.
 */
describe('instance roles', () => {
  let database: TestDatabase;
  let worker: TestApp;
  let api: TestApp;
  const reader = `reader_${process.pid}_${Date.now()}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return await client.query(sql);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase('roles');
    worker = await startTestApp({ PROCESSORS: 'all' }, database);
    // A hot standby answers reads and refuses writes: so does this role.
    await admin(`CREATE ROLE ${reader} LOGIN; ALTER ROLE ${reader} SET default_transaction_read_only = on;
      GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${reader}`);
    const readUrl = new URL(database.url);
    readUrl.username = reader;
    api = await startTestApp({ PROCESSORS: 'none', READ_DATABASE_URL: readUrl.toString() }, database);
  });
  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await admin(`DROP OWNED BY ${reader}; DROP ROLE ${reader}`).catch(() => undefined);
    await database?.drop();
  });

  it('runs no background work on a stateless instance and says so on /health', async () => {
    const { body } = await request(api.http).get('/health').expect(200);
    expect(body.components.projections.status).toBe('disabled');
    expect(body.components.reactions.status).toBe('disabled');
    expect(body.components.kafkaRelay.status).toBe('disabled');
    expect(body.components.auditChain.status).toBe('disabled');
    const onWorker = await request(worker.http).get('/health').expect(200);
    expect(onWorker.body.components.projections.status).toBe('up');
  });

  it('takes commands on the stateless instance, projects them on the worker and answers queries from the read connection', async () => {
    const sam = await api.as('service-manager', 'sam');
    const drafted = await request(api.http)
      .post('/agreements')
      .set(sam)
      .send({
        kind: 'SLA',
        title: 'SLA for payroll',
        providerPartyId: 'party-provider',
        counterpartyPartyId: 'party-acme',
        counterpartyRole: 'customer',
      })
      .expect(201);
    const id = String(drafted.headers.location).split('/').pop();

    let found = 0;
    for (const deadline = Date.now() + 20_000; found === 0 && Date.now() < deadline;) {
      const { body } = await request(api.http).get(`/read-models/agreements/${id}`).set(sam);
      found = body.agreementId === id ? 1 : 0;
      if (!found) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(found).toBe(1);
    const { rows } = await admin(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = '${reader}' AND datname = current_database()`,
    );
    expect(rows[0].n).toBeGreaterThan(0);
  });
});
