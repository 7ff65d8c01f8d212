import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { describeWithKafka, kafkaBrokers } from '../../../test/support/kafka.js';

describeWithKafka('the service runs the relay and reports it on /health (real broker)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      KAFKA_BROKERS: kafkaBrokers()!.join(','),
      KAFKA_TOPIC_PREFIX: `test-api-${randomBytes(4).toString('hex')}`,
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('reports kafkaRelay up with its lag', async () => {
    const deadline = Date.now() + 20_000;
    let relay: Record<string, unknown> = {};
    while (Date.now() < deadline) {
      const response = await request(app.http).get('/health');
      expect(response.status).toBe(200);
      relay = response.body.components.kafkaRelay;
      if (relay.state === 'publishing') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(relay).toMatchObject({ status: 'up', state: 'publishing', positionsBehind: 0, secondsBehind: 0 });
    expect(relay.position).toEqual(expect.any(String));
  });
});

describe('the service without Kafka', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ KAFKA_BROKERS: '' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('reports kafkaRelay disabled and stays healthy', async () => {
    const response = await request(app.http).get('/health');
    expect(response.status).toBe(200);
    expect(response.body.components.kafkaRelay).toEqual({ status: 'disabled' });
  });

  it('serves the event schemas to every role, auditors included', async () => {
    const list = await request(app.http)
      .get('/schemas/events')
      .set(await app.as('auditor'));
    expect(list.status).toBe(200);
    expect(list.body.eventTypes).toContainEqual({
      id: 'complaints.ComplaintRecorded',
      context: 'complaints',
      type: 'ComplaintRecorded',
    });
    const one = await request(app.http)
      .get('/schemas/events/ComplaintRecorded')
      .set(await app.as('supplier-manager'));
    expect(one.status).toBe(200);
    expect(one.body.properties.type).toMatchObject({ const: 'ComplaintRecorded' });
    const qualified = await request(app.http)
      .get('/schemas/events/satisfaction.SurveyImprovementRaised')
      .set(await app.as('auditor'));
    expect({ status: qualified.status, body: qualified.body }).toMatchObject({
      status: 200,
      body: { properties: { context: { const: 'satisfaction' } } },
    });
    expect(
      (
        await request(app.http)
          .get('/schemas/events/NoSuchEvent')
          .set(await app.as('auditor'))
      ).status,
    ).toBe(404);
    expect((await request(app.http).get('/schemas/events')).status).toBe(401);
  });
});
