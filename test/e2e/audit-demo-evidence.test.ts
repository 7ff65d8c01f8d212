import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { readZip, REQUIREMENTS, verifyEvidencePack } from '@lib/audit';
import { seedDemo } from '../../apps/cli/src/seed/index.js';
import { loadConfiguration } from '../../apps/api/src/config/configuration.js';
import { openDatabase } from '../../apps/api/src/database/database.js';
import { openEventStore } from '../../apps/api/src/event-store/open-event-store.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const SECRET = 'test-audit-checkpoint-secret-of-32-characters';

/** The demo data is recorded now (its `at` dates are in 2025): the pack of the current quarter holds all of it. */
function currentQuarter(): { from: string; to: string } {
  const now = new Date();
  const first = Math.floor(now.getUTCMonth() / 3) * 3;
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return {
    from: day(new Date(Date.UTC(now.getUTCFullYear(), first, 1))),
    to: day(new Date(Date.UTC(now.getUTCFullYear(), first + 3, 0))),
  };
}

const binary = (response: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('the evidence pack of the demo data set', () => {
  let service: TestApp;
  let demo: TestDatabase;
  let archive: Buffer;
  let milliseconds: number;

  beforeAll(async () => {
    // Seeded before the service starts, as the seeder asks (its reactions would race it).
    demo = await createTestDatabase('demo');
    const config = loadConfiguration({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: demo.url });
    const database = await openDatabase(config);
    try {
      await seedDemo(await openEventStore(config, database));
    } finally {
      await database.close();
    }
    service = await startTestApp({ DATABASE_URL: demo.url });
    const auditor = await service.as('auditor', 'audrey');
    // Let the reactions raise the improvements of the breaches before the pack is made.
    for (let attempt = 0; attempt < 300; attempt++) {
      const { rows } = await service.database.pool.query(
        `SELECT count(*)::int AS n FROM events WHERE event_type = 'ImprovementOpportunityRaised'`,
      );
      if (rows[0].n >= 8) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const started = Date.now();
    const response = await request(service.http)
      .get('/audit/evidence')
      .query(currentQuarter())
      .set(auditor)
      .buffer(true)
      .parse(binary)
      .expect(200);
    milliseconds = Date.now() - started;
    archive = response.body as Buffer;
  }, 180_000);
  afterAll(async () => {
    await service?.close();
    await demo?.drop();
  });

  it('lists every requirement of 8.3.2 to 8.3.4.2, each with records or a visible gap, and verifies offline', () => {
    const { files, problems } = readZip(archive);
    expect(problems).toEqual([]);
    const html = files.get('index.html')!.toString();
    const results = JSON.parse(files.get('requirements.json')!.toString()).results as {
      id: string;
      status: 'evidenced' | 'gap';
      records: unknown[];
    }[];
    expect(results.map((result) => result.id)).toEqual(REQUIREMENTS.map((requirement) => requirement.id));
    for (const result of results) {
      expect(html).toContain(`id="req-${result.id}"`);
      if (result.status === 'evidenced') expect(result.records.length).toBeGreaterThan(0);
      else expect(html).toMatch(new RegExp(`id="req-${result.id.replace(/\./g, '\\.')}">[^<]*<span class="bad">GAP`));
    }
    const gaps = results.filter((result) => result.status === 'gap').map((result) => result.id);
    const lines = files.get('events.ndjson')!.toString().trim().split('\n').length;
    process.stdout.write(
      `demo evidence pack: ${lines} events, ${archive.length} bytes in ${milliseconds} ms; gaps: ${gaps.join(', ') || 'none'}\n`,
    );
    // A year of demo data evidences nearly everything: the registers, the SLAs, monitoring, improvement, disputes.
    for (const id of [
      '8.3.2-parties',
      '8.3.2-owners',
      '8.3.2-communication',
      '8.3.2-complaints',
      '8.3.2-satisfaction-sample',
      '8.3.3-slas',
      '8.3.3-targets',
      '8.3.3-monitoring',
      '8.3.3-improvement',
      '8.3.4.1-contract',
      '8.3.4.1-alignment',
      '8.3.4.1-disputes',
      '8.3.4.2-agreement',
    ]) {
      expect([id, results.find((result) => result.id === id)!.status]).toEqual([id, 'evidenced']);
    }
    expect(html.match(/<svg /g)!.length).toBeGreaterThan(4);

    const verified = verifyEvidencePack(archive, { key: SECRET });
    expect(verified.problems).toEqual([]);
    expect(verified.ok).toBe(true);
  });

  it('names the file in which one byte was changed', () => {
    const { ranges } = readZip(archive);
    for (const [name, range] of ranges) {
      if (range.end - range.start < 2) continue;
      const altered = Buffer.from(archive);
      const at = range.start + Math.floor((range.end - range.start) / 3);
      altered[at] = altered[at]! ^ 0x04;
      const result = verifyEvidencePack(altered, { key: SECRET });
      expect([name, result.ok]).toEqual([name, false]);
      expect(result.problems.map((problem) => problem.file)).toContain(name);
    }
  });
});
