import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../apps/api/src/database/embedded-postgres.js';
import { freePort, startService, stopProcess, until, type ServiceProcess } from '../support/service-process.js';
import {
  acknowledgedAtLeast,
  CommandLoad,
  compileService,
  FAULT_TEST_TIMEOUT,
  health,
  managerKey,
  projectionsCaughtUp,
  storedEvents,
  type Refused,
} from './harness.js';

const unavailable = (refused: Refused) =>
  refused.status === 503 &&
  refused.contentType.startsWith('application/problem+json') &&
  (refused.body as { status?: unknown }).status === 503;

describe('PostgreSQL restarted under load', () => {
  // A throw-away server of its own: the machine's PostgreSQL serves the other tests meanwhile.
  let directory: string | undefined;
  let options: { directory: string; port: number; database: string };
  let postgres: EmbeddedDatabase | undefined;
  let outDir: string;
  let service: ServiceProcess | undefined;
  let load: CommandLoad | undefined;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'faults-pg-'));
    options = { directory, port: await freePort(), database: 'faults' };
    [outDir, postgres] = await Promise.all([compileService(), startEmbeddedPostgres(options)]);
  }, FAULT_TEST_TIMEOUT);
  afterAll(async () => {
    await load?.stop();
    if (service) await stopProcess(service);
    await postgres?.stop();
    if (directory) rmSync(directory, { recursive: true, force: true });
  }, FAULT_TEST_TIMEOUT);

  it(
    'answers 503 problems while it is down, recovers by itself, and loses nothing acknowledged',
    async () => {
      const url = postgres!.url;
      const running = await startService(outDir, await freePort(), { DATABASE_URL: url });
      service = running;
      const commands = new CommandLoad(running.url, await managerKey(url), 4);
      load = commands;
      await acknowledgedAtLeast(running, commands, 30);

      await postgres!.stop();
      postgres = undefined;
      await until(
        () => {
          running.expectRunning();
          return commands.refused.filter(unavailable).length >= 10;
        },
        60_000,
        '503 answers while PostgreSQL is down',
      );
      await until(async () => (await health(running.url))?.status === 503, 30_000, '/health answers 503');
      // Each refusal is logged with the request it answered, so the line can be matched with its flow.
      expect(
        running.lines.some((line) => /"msg":"POST \/[^ ]+ \(req-\d+, correlation [0-9a-f-]{36}\): /.test(line)),
      ).toBe(true);

      postgres = await startEmbeddedPostgres(options);
      await acknowledgedAtLeast(running, commands, commands.acknowledged.length + 30);
      await commands.stop();
      expect(commands.unexpected(unavailable)).toEqual([]);
      await until(async () => (await health(running.url))?.status === 200, 30_000, '/health answers 200');

      const pool = new pg.Pool({ connectionString: url, max: 1 });
      try {
        const stored = new Map((await storedEvents(pool)).map((event) => [event.eventId, event]));
        for (const { streamId, events } of commands.acknowledged) {
          for (const { eventId, streamVersion, globalPosition } of events) {
            expect(stored.get(eventId)).toEqual({ eventId, streamId, streamVersion, globalPosition });
          }
        }
      } finally {
        await pool.end();
      }
      await projectionsCaughtUp(running.url);
    },
    FAULT_TEST_TIMEOUT,
  );
});
