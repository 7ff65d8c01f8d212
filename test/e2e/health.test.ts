import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app.js';

describe('service shell', () => {
  let service: TestApp;
  beforeAll(async () => {
    service = await startTestApp();
  });
  afterAll(() => service.close());

  it('reports the event store, the read-model database and the Kafka relay on /health', async () => {
    const response = await request(service.http).get('/health').expect(200);
    expect(response.body.status).toBe('up');
    expect(response.body.components.eventStore.status).toBe('up');
    expect(response.body.components.readModels.status).toBe('up');
    expect(['up', 'down', 'disabled']).toContain(response.body.components.kafkaRelay.status);
  });

  it('serves the OpenAPI document at /docs-json', async () => {
    const response = await request(service.http).get('/docs-json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(response.body.paths['/health']).toBeDefined();
  });

  it('answers an unknown route with a problem-details body', async () => {
    const response = await request(service.http).get('/no-such-route').expect(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 404, title: 'Not Found' });
  });
});
