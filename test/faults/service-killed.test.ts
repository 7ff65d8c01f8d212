import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { describeWithKafka, kafkaBrokers } from '../support/kafka.js';
import { freePort, startService, stopProcess, type ServiceProcess } from '../support/service-process.js';
import {
  acknowledgedAtLeast,
  CommandLoad,
  compileService,
  FAULT_TEST_TIMEOUT,
  managerKey,
  projectionsCaughtUp,
  readModelsAndRebuild,
  storedEvents,
} from './harness.js';
import { expectInOrderPerKey, publishedMessages } from './published.js';

describeWithKafka('the service killed (SIGKILL) in the middle of a burst of commands', () => {
  const prefix = `faults-killed-${randomBytes(4).toString('hex')}`;
  let database: TestDatabase;
  let pool: pg.Pool;
  let outDir: string;
  let env: Record<string, string>;
  let port: number;
  let service: ServiceProcess | undefined;
  let load: CommandLoad | undefined;

  beforeAll(async () => {
    [outDir, database, port] = await Promise.all([compileService(), createTestDatabase('faults_killed'), freePort()]);
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
    env = { DATABASE_URL: database.url, KAFKA_BROKERS: kafkaBrokers()!.join(','), KAFKA_TOPIC_PREFIX: prefix };
  }, FAULT_TEST_TIMEOUT);
  afterAll(async () => {
    await load?.stop();
    if (service) await stopProcess(service);
    await pool?.end();
    await database?.drop();
  }, FAULT_TEST_TIMEOUT);

  it(
    'loses no acknowledged command, its read models equal a rebuild, and Kafka holds every event in order per key',
    async () => {
      service = await startService(outDir, port, env);
      const burst = new CommandLoad(service.url, await managerKey(database.url), 6);
      load = burst;
      await acknowledgedAtLeast(service, burst, 60);
      await stopProcess(service, 'SIGKILL');
      await burst.stop();
      // Only the commands cut off by the kill went unanswered.
      expect(burst.unexpected((refused) => refused.status === 0)).toEqual([]);

      service = await startService(outDir, port, env);
      const events = await storedEvents(pool);
      const stored = new Map(events.map((event) => [event.eventId, event]));
      for (const { streamId, events: recorded } of burst.acknowledged) {
        for (const event of recorded) {
          const { eventId, streamVersion, globalPosition } = event;
          expect(stored.get(eventId)).toEqual({ eventId, streamId, streamVersion, globalPosition });
        }
      }

      const after = new CommandLoad(service.url, await managerKey(database.url), 2);
      load = after;
      await acknowledgedAtLeast(service, after, 10);
      await after.stop();
      expect(after.unexpected()).toEqual([]);

      const all = await storedEvents(pool);
      expectInOrderPerKey(await publishedMessages(kafkaBrokers()!, prefix, all), all);

      await projectionsCaughtUp(service.url);
      await stopProcess(service, 'SIGTERM');
      service = undefined;
      const { built, rebuilt } = await readModelsAndRebuild(database.url);
      expect(built).toEqual(rebuilt);
    },
    FAULT_TEST_TIMEOUT,
  );
});
