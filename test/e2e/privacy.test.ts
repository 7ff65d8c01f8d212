import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { ChainSealer, PersonKeys, verifyChain, type EventStore } from '@lib/event-store';
import { EVENT_STORE } from '../../apps/api/src/tokens.js';
import { startTestApp, type TestApp } from '../support/app.js';

describe('personal data that can be erased', () => {
  let service: TestApp;
  beforeAll(async () => {
    service = await startTestApp();
  });
  afterAll(() => service.close());

  const complaint = (personId: string) => ({
    customerId: 'customer-1',
    serviceId: 'email',
    description: 'Mailbox full warnings every day',
    channel: 'phone',
    receivedAt: '2026-03-02T09:00:00Z',
    complainant: { personId, name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0000' },
  });

  it('stores names, e-mail and phone encrypted, shows them to readers, and erases them when the person is forgotten', async () => {
    const manager = await service.as('relationship-manager');
    const store = service.app.get<EventStore>(EVENT_STORE);
    const complainantIn = async (location: string) => {
      const [recorded] = await store.readStream(`complaint-${location.split('/').pop()}`);
      return JSON.stringify(recorded!.data.complainant);
    };
    const { headers } = await request(service.http)
      .post('/complaints')
      .set(manager)
      .send(complaint('person-ada'))
      .expect(201);
    const other = await request(service.http)
      .post('/complaints')
      .set(manager)
      .send(complaint('person-bob'))
      .expect(201);

    const stored = await service.database.pool.query('SELECT data::text AS data FROM events');
    for (const row of stored.rows) {
      expect(row.data).not.toMatch(/Ada Lovelace|ada@example\.com|7946/);
    }
    expect(await complainantIn(headers.location)).toContain('ada@example.com');

    const signingKey = 'test-audit-checkpoint-secret-of-32-characters';
    // The service seals in the background too; a checkpoint waits for the chain lock.
    const checkpoint = async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await new ChainSealer(service.database.pool, { signingKey }).checkpoint();
        } catch (error) {
          if (attempt > 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    };
    await checkpoint();
    expect(await new PersonKeys(service.database.pool).forget('person-ada')).toBe(true);
    await checkpoint();
    expect(await verifyChain(service.database.pool, { verificationKeys: [signingKey] })).toMatchObject({
      intact: true,
    });

    const erased = await complainantIn(headers.location);
    expect(erased).not.toMatch(/Ada Lovelace|ada@example\.com|7946/);
    expect(JSON.parse(erased)).toEqual({
      personId: 'person-ada',
      name: '[erased]',
      email: '[erased]',
      phone: '[erased]',
    });
    await request(service.http).get(headers.location).set(manager).expect(200);
    expect(await complainantIn(other.headers.location)).toContain('ada@example.com');

    await request(service.http).post('/complaints').set(manager).send(complaint('person-ada')).expect(201);
    const latest = await service.database.pool.query(
      "SELECT data::text AS data FROM events WHERE data->'complainant'->>'personId' = 'person-ada' ORDER BY global_position DESC LIMIT 1",
    );
    expect(latest.rows[0].data).toContain('[erased]');
  });
});
