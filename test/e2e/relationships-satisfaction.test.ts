import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
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

const questions = [
  { questionId: 'q1', text: 'How satisfied are you with the service overall?' },
  { questionId: 'q2', text: 'How satisfied are you with how incidents are handled?' },
];
const invitation = (personId: string, customerId: string, serviceId: string) => ({
  respondent: { personId, name: `Name of ${personId}`, email: `${personId}@example.com` },
  customerId,
  serviceId,
});

describe('a customer satisfaction survey from plan to reported results', () => {
  let service: TestApp;
  let manager: { Authorization: string };
  const eventCount = async () =>
    Number((await service.database.pool.query('SELECT count(*) FROM events')).rows[0].count);
  const post = (path: string, body: object) => request(service.http).post(path).set(manager).send(body);

  beforeAll(async () => {
    service = await startTestApp();
    manager = await service.as('relationship-manager', 'rita');
  });
  afterAll(() => service.close());

  const plan = (title: string, samplingMethod: object, populationSize: number) => ({
    title,
    period: { from: '2026-01-01', to: '2026-01-31' },
    sampleFrame: { customerIds: ['acme', 'globex'], serviceIds: ['email', 'hosting'], populationSize },
    samplingMethod,
    questions,
    scale: { min: 1, max: 5 },
  });

  /** Plans, samples, collects the responses and closes a survey; answers its URL. */
  async function surveyed(
    title: string,
    samplingMethod: object,
    populationSize: number,
    invitations: object[],
    responses: { respondentId: string; scores: { questionId: string; score: number }[] }[],
  ): Promise<string> {
    const planned = await post('/surveys', plan(title, samplingMethod, populationSize)).expect(201);
    const url = planned.headers.location as string;
    await post(`${url}/sample`, { invitations }).expect(200);
    for (const response of responses) await post(`${url}/responses`, response).expect(200);
    await post(`${url}/closure`, {}).expect(200);
    return url;
  }

  let firstUrl: string;

  it('plans on a sample frame, draws the sample, records responses, analyses and reports', async () => {
    await post('/parties', {
      name: 'Acme Ltd',
      roles: ['customer'],
      rolesFrom: '2025-01-01',
    }).expect(201);

    firstUrl = await surveyed(
      'Customer satisfaction Q1',
      { kind: 'simple-random', sampleSize: 4 },
      10,
      [
        invitation('p1', 'acme', 'email'),
        invitation('p2', 'acme', 'hosting'),
        invitation('p3', 'globex', 'email'),
        invitation('p4', 'globex', 'hosting'),
      ],
      [
        {
          respondentId: 'p1',
          scores: [
            { questionId: 'q1', score: 4 },
            { questionId: 'q2', score: 5 },
          ],
        },
        {
          respondentId: 'p2',
          scores: [
            { questionId: 'q1', score: 2 },
            { questionId: 'q2', score: 3 },
          ],
        },
        { respondentId: 'p3', scores: [{ questionId: 'q1', score: 5 }] },
      ],
    );
    await post(`${firstUrl}/analysis`, {}).expect(200);
    await post(`${firstUrl}/report`, {
      recipients: [{ personId: 'person-carol', name: 'Carol' }],
      summary: 'Three of four answered; incident handling scores lowest',
    }).expect(200);

    const read = await request(service.http)
      .get(firstUrl)
      .set(await service.as('auditor'))
      .expect(200);
    expect(read.body.state.status).toBe('analysed');
    const { rows } = await service.database.pool.query(
      `SELECT data, metadata FROM events WHERE stream_id = $1 AND event_type = 'SurveyAnalysed'`,
      [read.body.streamId],
    );
    expect(rows[0].metadata.clauses).toEqual(['8.3.2']);
    expect(rows[0].data.analysis).toEqual({
      invited: 4,
      responses: 3,
      responseRate: 0.75,
      overallMean: 3.8,
      perQuestion: [
        { questionId: 'q1', answers: 3, mean: 3.6667 },
        { questionId: 'q2', answers: 2, mean: 4 },
      ],
      perCustomer: [
        { customerId: 'acme', invited: 2, responses: 2, mean: 3.5 },
        { customerId: 'globex', invited: 2, responses: 1, mean: 5 },
      ],
      perService: [
        { serviceId: 'email', invited: 2, responses: 2, mean: 4.6667 },
        { serviceId: 'hosting', invited: 2, responses: 1, mean: 2.5 },
      ],
      trend: null,
    });
  });

  it('analyses a later survey against the previous one, and raises an improvement from it', async () => {
    const secondUrl = await surveyed(
      'Customer satisfaction Q2',
      { kind: 'census' },
      2,
      [invitation('p1', 'acme', 'email'), invitation('p3', 'globex', 'email')],
      [
        {
          respondentId: 'p1',
          scores: [
            { questionId: 'q1', score: 3 },
            { questionId: 'q2', score: 3 },
          ],
        },
        {
          respondentId: 'p3',
          scores: [
            { questionId: 'q1', score: 4 },
            { questionId: 'q2', score: 4 },
          ],
        },
      ],
    );
    const previousSurveyId = firstUrl.split('/').pop();
    await post(`${secondUrl}/analysis`, { previousSurveyId }).expect(200);
    const { rows } = await service.database.pool.query(
      `SELECT data FROM events WHERE stream_id = $1 AND event_type = 'SurveyAnalysed'`,
      [`survey-${secondUrl.split('/').pop()}`],
    );
    const { analysis } = rows[0].data;
    expect(analysis).toMatchObject({ invited: 2, responses: 2, responseRate: 1, overallMean: 3.5 });
    expect(analysis.trend).toEqual({
      previousSurveyId,
      overallMeanChange: -0.3,
      responseRateChange: 0.25,
      perQuestion: [
        { questionId: 'q1', previousMean: 3.6667, mean: 3.5, change: -0.1667 },
        { questionId: 'q2', previousMean: 4, mean: 3.5, change: -0.5 },
      ],
    });

    const raised = await post(`${secondUrl}/improvements`, {
      description: 'Overall satisfaction fell; review incident communication',
    }).expect(200);
    const read = await request(service.http).get(secondUrl).set(manager).expect(200);
    const [improvementId] = read.body.state.improvementIds as string[];
    const improvement = await eventually(async () => {
      const response = await request(service.http)
        .get(`/improvements/${improvementId}`)
        .set(await service.as('auditor'))
        .expect(200);
      return response.body;
    });
    expect(improvement.state.cause).toEqual({
      kind: 'survey',
      streamId: read.body.streamId,
      eventId: raised.body.events[0].eventId,
    });
  });

  it('refuses bad input with a problem and writes nothing', async () => {
    const planned = await post('/surveys', plan('Census', { kind: 'census' }, 2)).expect(201);
    const url = planned.headers.location as string;
    const closedUrl = await surveyed(
      'Closed, not analysed',
      { kind: 'census' },
      1,
      [invitation('p9', 'acme', 'hosting')],
      [],
    );
    const before = await eventCount();

    const malformed = await post('/surveys', { ...plan('x', { kind: 'census' }, 2), extra: true }).expect(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    await post('/surveys', plan('x', { kind: 'simple-random', sampleSize: 0 }, 2)).expect(400);
    const tooLarge = await post('/surveys', plan('x', { kind: 'simple-random', sampleSize: 5 }, 2)).expect(422);
    expect(tooLarge.body.code).toBe('survey.sample-larger-than-population');
    const short = await post(`${url}/sample`, { invitations: [invitation('p1', 'acme', 'email')] }).expect(422);
    expect(short.body.code).toBe('survey.sample-size-mismatch');
    const outside = await post(`${url}/sample`, {
      invitations: [invitation('p1', 'acme', 'email'), invitation('p2', 'initech', 'email')],
    }).expect(422);
    expect(outside.body.code).toBe('survey.outside-sample-frame');
    await post('/surveys/no-such-survey/closure', {}).expect(404);
    await post(`${url}/closure`, { early: true }).expect(400);
    const unknownPrevious = await post(`${closedUrl}/analysis`, { previousSurveyId: 'no-such-survey' }).expect(404);
    expect(unknownPrevious.body.code).toBe('survey.previous-not-found');
    const notAnalysed = await post(`${closedUrl}/analysis`, { previousSurveyId: url.split('/').pop() }).expect(422);
    expect(notAnalysed.body.code).toBe('survey.previous-results-missing');
    await post(`${closedUrl}/report`, { recipients: [{ personId: 'p', name: 'P' }], summary: 's' }).expect(422);
    expect(await eventCount()).toBe(before);
  });
});
