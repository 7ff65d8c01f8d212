import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app.js';

type Headers = { Authorization: string };

describe('the complaint register and customer relationships over HTTP', () => {
  let service: TestApp;
  let rita: Headers;
  let auditor: Headers;
  const complaintIds: string[] = [];

  const post = (path: string, body: object) => request(service.http).post(path).set(rita).send(body);
  const register = (query: Record<string, string | number> = {}) =>
    request(service.http)
      .get('/read-models/registers/complaints')
      .query({ customerId: 'acme', ...query })
      .set(auditor);

  async function eventually<T>(read: () => Promise<T>, ready: (value: T) => boolean): Promise<T> {
    for (let attempt = 0; attempt < 150; attempt++) {
      const value = await read();
      if (ready(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the read model never caught up');
  }

  const complaint = (receivedAt: string) => ({
    customerId: 'acme',
    serviceId: 'payroll',
    description: 'Payslips arrived late',
    channel: 'email',
    receivedAt,
    complainant: { personId: 'person-pat', name: 'Pat Complainant', email: 'pat@example.com' },
  });

  beforeAll(async () => {
    service = await startTestApp();
    rita = await service.as('relationship-manager', 'rita');
    auditor = await service.as('auditor', 'audrey');
    for (const receivedAt of ['2026-03-01T09:00:00Z', '2026-03-10T09:00:00Z', '2026-03-20T09:00:00Z']) {
      const recorded = await post('/complaints', complaint(receivedAt)).expect(201);
      complaintIds.push(recorded.headers.location.split('/').pop()!);
    }
    const [first, second] = complaintIds;
    await post(`/complaints/${first}/assignment`, { assigneeId: 'olga' }).expect(200);
    await post(`/complaints/${first}/escalation`, {
      route: 'service owner',
      escalatedTo: 'sam',
      reason: 'slow',
    }).expect(200);
    await post(`/complaints/${second}/resolution`, { resolution: 'Queue fixed' }).expect(200);
    await post(`/complaints/${second}/closure`, { basis: 'customer-confirmed', confirmedBy: 'person-pat' }).expect(200);
  });
  afterAll(() => service.close());

  it('lists complaints oldest first with status, owner and age at asAt, and never the complainant', async () => {
    const { body } = await eventually(
      () => register({ asAt: '2026-04-01T09:00:00Z' }),
      (response) =>
        response.status === 200 &&
        response.body.items.length === 3 &&
        response.body.items.some((item: { status: string }) => item.status === 'closed'),
    );
    const [first, second, third] = body.items;
    expect(first).toMatchObject({
      complaintId: complaintIds[0],
      status: 'open',
      ownerId: 'olga',
      escalatedTo: 'sam',
      openedAt: '2026-03-01T09:00:00.000Z',
      closedAt: null,
      ageDays: 31,
    });
    expect(second).toMatchObject({
      complaintId: complaintIds[1],
      status: 'closed',
      closureBasis: 'customer-confirmed',
    });
    // A closed complaint's age stops at its closing; the closing happened now, long after it was received.
    expect(second.ageDays).toBeGreaterThan(200);
    expect(third).toMatchObject({ complaintId: complaintIds[2], status: 'open', ageDays: 12 });
    expect(JSON.stringify(body)).not.toMatch(/Pat Complainant|pat@example\.com/);
  });

  it('filters by status and age, and pages with a cursor', async () => {
    const open = await register({ status: 'open' }).expect(200);
    expect(open.body.items.map((item: { complaintId: string }) => item.complaintId)).toEqual([
      complaintIds[0],
      complaintIds[2],
    ]);
    const old = await register({ status: 'open', asAt: '2026-03-25T09:00:00Z', minAgeDays: 10 }).expect(200);
    expect(old.body.items.map((item: { complaintId: string }) => item.complaintId)).toEqual([complaintIds[0]]);

    const firstPage = await register({ limit: 2 }).expect(200);
    expect(firstPage.body.items).toHaveLength(2);
    expect(firstPage.body.nextCursor).toEqual(expect.any(String));
    const secondPage = await register({ limit: 2, cursor: firstPage.body.nextCursor }).expect(200);
    expect(secondPage.body).toEqual({
      items: [expect.objectContaining({ complaintId: complaintIds[2] })],
      nextCursor: null,
    });

    await register({ status: 'pending' }).expect(400);
    await register({ overdue: 'true' }).expect(400);
    await register({ cursor: '!!' }).expect(400);
  });

  it('counts the open complaints in the customer relationship', async () => {
    const { body } = await eventually(
      () => request(service.http).get('/read-models/customers/acme').set(auditor),
      (response) => response.status === 200 && response.body.complaints === 3 && response.body.openComplaints === 2,
    );
    expect(body).toMatchObject({ partyId: 'acme', status: 'customer', openComplaints: 2, complaints: 3 });
    const list = await request(service.http).get('/read-models/customers').set(auditor).expect(200);
    expect(list.body.items.map((item: { partyId: string }) => item.partyId)).toContain('acme');
    await request(service.http).get('/read-models/customers/nobody').set(auditor).expect(404);
  });

  it('answers the other registers and the supplier scorecards, paged, for every reader', async () => {
    for (const path of [
      '/read-models/registers/disputes?status=open',
      '/read-models/registers/improvements?overdue=true',
      '/read-models/registers/reviews?overdue=false&asAt=2026-06-01T00:00:00Z',
      '/read-models/suppliers/scorecards?periods=3',
      '/read-models/service-level-workload',
    ]) {
      const response = await request(service.http).get(path).set(auditor).expect(200);
      expect(response.body).toEqual({ items: expect.any(Array), nextCursor: null });
    }
    await request(service.http).get('/read-models/suppliers/nobody/scorecard').set(auditor).expect(404);
    await request(service.http).get('/read-models/registers/reviews?overdue=maybe').set(auditor).expect(400);
    await request(service.http).get('/read-models/registers/disputes').set(rita).expect(200);
  });
});
