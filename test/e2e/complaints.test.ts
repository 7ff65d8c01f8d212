import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app.js';

describe('complaints over HTTP', () => {
  let service: TestApp;
  const eventCount = async () =>
    Number((await service.database.pool.query('SELECT count(*) FROM events')).rows[0].count);

  beforeAll(async () => {
    service = await startTestApp();
  });
  afterAll(() => service.close());

  const complaint = {
    customerId: 'customer-1',
    serviceId: 'email',
    description: 'Mail delivery delayed by hours',
    channel: 'email',
    receivedAt: '2026-03-02T09:00:00Z',
  };

  it('records a complaint, escalates, resolves and closes it, with the actor from the credential', async () => {
    const manager = await service.as('relationship-manager', 'rita');
    const recorded = await request(service.http).post('/complaints').set(manager).send(complaint).expect(201);
    const { streamId } = recorded.body;
    const id = recorded.headers.location.split('/').pop();
    expect(streamId).toBe(`complaint-${id}`);
    expect(recorded.headers.etag).toBe('"0"');

    await request(service.http)
      .post(`/complaints/${id}/escalation`)
      .set(manager)
      .send({ route: 'service owner', escalatedTo: 'sam', reason: 'no fix within a day' })
      .expect(200);
    await request(service.http)
      .post(`/complaints/${id}/resolution`)
      .set(manager)
      .send({ resolution: 'queue fixed' })
      .expect(200);
    await request(service.http)
      .post(`/complaints/${id}/closure`)
      .set(manager)
      .send({ basis: 'customer-confirmed', confirmedBy: 'carla' })
      .expect(200);

    const read = await request(service.http)
      .get(`/complaints/${id}`)
      .set(await service.as('auditor'))
      .expect(200);
    expect(read.body.version).toBe(3);
    expect(read.headers.etag).toBe('"3"');
    const { rows } = await service.database.pool.query('SELECT metadata FROM events WHERE stream_id = $1', [streamId]);
    expect(rows.map((row) => row.metadata.actor)).toEqual(['rita', 'rita', 'rita', 'rita']);
    expect(rows[0].metadata.clauses).toEqual(['8.3.2']);
  });

  it('shows the complaint as it stood at an earlier instant', async () => {
    const manager = await service.as('relationship-manager');
    const { headers } = await request(service.http).post('/complaints').set(manager).send(complaint).expect(201);
    const before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await request(service.http)
      .post(`${headers.location}/resolution`)
      .set(manager)
      .send({ resolution: 'done' })
      .expect(200);
    const then = await request(service.http).get(`${headers.location}?asOf=${before}`).set(manager).expect(200);
    expect(then.body.version).toBe(0);
  });

  it('refuses bad input with a problem and writes nothing', async () => {
    const manager = await service.as('relationship-manager');
    const before = await eventCount();
    const missing = await request(service.http).post('/complaints').set(manager).send({ description: 'x' }).expect(400);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.body.errors.length).toBeGreaterThan(0);
    await request(service.http)
      .post('/complaints')
      .set(manager)
      .send({ ...complaint, extra: 1 })
      .expect(400);
    await request(service.http)
      .post('/complaints')
      .set(manager)
      .set('content-type', 'application/json')
      .send('{"bad json')
      .expect(400);
    await request(service.http)
      .post('/complaints/unknown/resolution')
      .set(manager)
      .send({ resolution: 'x' })
      .expect(404);
    const { headers } = await request(service.http).post('/complaints').set(manager).send(complaint).expect(201);
    const afterCreate = await eventCount();
    const refused = await request(service.http)
      .post(`${headers.location}/closure`)
      .set(manager)
      .send({ basis: 'customer-confirmed', confirmedBy: 'carla' })
      .expect(422);
    expect(refused.body.code).toBeDefined();
    expect(await eventCount()).toBe(afterCreate);
    expect(afterCreate).toBe(before + 1);
  });

  it('needs a credential, and a role the route admits', async () => {
    await request(service.http).post('/complaints').send(complaint).expect(401);
    const auditor = await service.as('auditor');
    const forbidden = await request(service.http).post('/complaints').set(auditor).send(complaint).expect(403);
    expect(forbidden.body.status).toBe(403);
  });

  it('runs a command once per Idempotency-Key', async () => {
    const manager = { ...(await service.as('relationship-manager')), 'Idempotency-Key': 'complaint-42' };
    const before = await eventCount();
    const first = await request(service.http).post('/complaints').set(manager).send(complaint).expect(201);
    const again = await request(service.http).post('/complaints').set(manager).send(complaint).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await eventCount()).toBe(before + 1);
    await request(service.http)
      .post('/complaints')
      .set(manager)
      .send({ ...complaint, serviceId: 'other' })
      .expect(422);
  });

  it('answers a stale If-Match with 409 and the current version', async () => {
    const manager = await service.as('relationship-manager');
    const { headers } = await request(service.http).post('/complaints').set(manager).send(complaint).expect(201);
    const [a, b] = await Promise.all([
      request(service.http)
        .post(`${headers.location}/actions`)
        .set(manager)
        .set('If-Match', '"0"')
        .send({ action: 'called the customer' }),
      request(service.http)
        .post(`${headers.location}/actions`)
        .set(manager)
        .set('If-Match', '"0"')
        .send({ action: 'restarted the queue' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const conflict = a.status === 409 ? a : b;
    expect(conflict.body.currentVersion).toBe(1);
  });
});
