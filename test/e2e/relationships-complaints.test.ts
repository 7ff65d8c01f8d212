import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EventStore } from '@lib/event-store';
import request from 'supertest';
import { AggregateStore } from '../../apps/api/src/commands/aggregate-store.js';
import { complaintImprovementReaction } from '../../apps/api/src/complaints/complaints.module.js';
import { EVENT_STORE } from '../../apps/api/src/tokens.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** Polls until `check` passes: reactions run after the command, from the log. */
async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe('a complaint managed to closure, and the improvement it gives rise to', () => {
  let service: TestApp;
  const eventCount = async () =>
    Number((await service.database.pool.query('SELECT count(*) FROM events')).rows[0].count);

  beforeAll(async () => {
    service = await startTestApp();
  });
  afterAll(() => service.close());

  const complaint = {
    customerId: 'customer-acme',
    serviceId: 'payroll',
    description: 'Payslips were sent a day late',
    channel: 'portal',
    receivedAt: '2026-03-02T09:00:00Z',
    complainant: { personId: 'person-carla', name: 'Carla Jones', email: 'carla@acme.example' },
  };

  it('records, assigns, investigates, escalates, resolves and closes a complaint, then raises an improvement', async () => {
    const rita = await service.as('relationship-manager', 'rita');
    const sam = await service.as('service-manager', 'sam');
    const recorded = await request(service.http).post('/complaints').set(rita).send(complaint).expect(201);
    const url = recorded.headers.location as string;
    const complaintId = url.split('/').pop()!;

    await request(service.http).post(`${url}/assignment`).set(rita).send({ assigneeId: 'person-rita' }).expect(200);
    await request(service.http)
      .post(`${url}/investigation`)
      .set(rita)
      .send({ findings: 'The payslip batch job ran after the mail cut-off' })
      .expect(200);
    await request(service.http)
      .post(`${url}/escalation`)
      .set(rita)
      .send({ route: 'service owner', escalatedTo: 'person-sam', reason: 'Second late run this quarter' })
      .expect(200);
    await request(service.http)
      .post(`${url}/actions`)
      .set(sam)
      .send({ action: 'Moved the batch job two hours earlier' })
      .expect(200);
    await request(service.http)
      .post(`${url}/resolution`)
      .set(sam)
      .send({ resolution: 'Batch job rescheduled' })
      .expect(200);
    await request(service.http)
      .post(`${url}/closure`)
      .set(rita)
      .send({ basis: 'customer-confirmed', confirmedBy: 'person-carla' })
      .expect(200);

    const raised = await request(service.http)
      .post(`${url}/improvements`)
      .set(sam)
      .send({ description: 'Alert when the payslip batch finishes after the cut-off' })
      .expect(200);
    expect(raised.body.events.map((event: { type: string }) => event.type)).toEqual(['ComplaintImprovementRaised']);

    const read = await request(service.http)
      .get(url)
      .set(await service.as('auditor'))
      .expect(200);
    expect(read.body.version).toBe(7);
    expect(read.body.state.status).toBe('closed');
    const [improvementId] = read.body.state.improvementIds as string[];
    expect(improvementId).toEqual(expect.any(String));

    // The reaction opens the improvement record, linked to the complaint event that raised it.
    const improvement = await eventually(async () => {
      const response = await request(service.http).get(`/improvements/${improvementId}`).set(sam).expect(200);
      return response.body;
    });
    expect(improvement.state.cause).toEqual({
      kind: 'complaint',
      streamId: `complaint-${complaintId}`,
      eventId: raised.body.events[0].eventId,
    });
    const { rows } = await service.database.pool.query(
      'SELECT metadata FROM events WHERE stream_id = $1 ORDER BY stream_version',
      [`improvement-${improvementId}`],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].metadata.clauses).toEqual(['8.3.2']);
    expect(rows[0].metadata.causationId).toBe(raised.body.events[0].eventId);
    expect(rows[0].metadata.actor).toMatch(/^system:/);

    // Delivered again (the runner delivers at least once): nothing new is recorded.
    const events = await service.app.get<symbol, EventStore>(EVENT_STORE).readStream(`complaint-${complaintId}`);
    const cause = events.find((event) => event.type === 'ComplaintImprovementRaised')!;
    await complaintImprovementReaction.react(cause, service.app.get(AggregateStore));
    const after = await service.database.pool.query('SELECT count(*) FROM events WHERE stream_id = $1', [
      `improvement-${improvementId}`,
    ]);
    expect(Number(after.rows[0].count)).toBe(1);
  });

  it('refuses bad input with a problem and writes nothing', async () => {
    const manager = await service.as('relationship-manager');
    const { headers } = await request(service.http).post('/complaints').set(manager).send(complaint).expect(201);
    const before = await eventCount();

    const empty = await request(service.http)
      .post(`${headers.location}/improvements`)
      .set(manager)
      .send({})
      .expect(400);
    expect(empty.headers['content-type']).toContain('application/problem+json');
    await request(service.http)
      .post(`${headers.location}/improvements`)
      .set(manager)
      .send({ description: 'x', improvementId: 'chosen-by-client' })
      .expect(400);
    const unknown = await request(service.http)
      .post('/complaints/no-such-complaint/improvements')
      .set(manager)
      .send({ description: 'x' })
      .expect(404);
    expect(unknown.body.code).toBe('complaint.not-found');
    const closed = await request(service.http)
      .post(`${headers.location}/closure`)
      .set(manager)
      .send({ basis: 'customer-confirmed', confirmedBy: 'person-carla' })
      .expect(422);
    expect(closed.body).toMatchObject({ status: 422, code: expect.any(String) });
    expect(await eventCount()).toBe(before);
  });
});
