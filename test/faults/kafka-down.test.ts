import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { describeWithKafka } from '../support/kafka.js';
import {
  freePort,
  freePorts,
  startService,
  stopProcess,
  until,
  type ServiceProcess,
} from '../support/service-process.js';
import {
  CommandLoad,
  compileService,
  FAULT_TEST_TIMEOUT,
  health,
  managerKey,
  storedEvents,
  type HealthBody,
} from './harness.js';
import { expectInOrderPerKey, publishedMessages } from './published.js';

const OUTAGE_MS = 30_000;

type RelayHealth = NonNullable<HealthBody['components']['kafkaRelay']>;

describeWithKafka('the Kafka broker stopped for 30 s under a steady command load', () => {
  const prefix = `faults-kafka-${randomBytes(4).toString('hex')}`;
  // A broker of its own, on its own ports and state: the shared broker serves the other tests meanwhile.
  let stateDir: string | undefined;
  let brokerEnv: Record<string, string>;
  let database: TestDatabase;
  let outDir: string;
  let service: ServiceProcess | undefined;
  let load: CommandLoad | undefined;

  const broker = (command: 'start' | 'stop') =>
    promisify(execFile)('bash', ['infra/kafka/kafka.sh', command], {
      env: { ...process.env, ...brokerEnv },
      timeout: 240_000,
    });

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'faults-kafka-'));
    const [port, controllerPort] = await freePorts(2);
    brokerEnv = {
      KAFKA_STATE_DIR: stateDir,
      KAFKA_PORT: String(port),
      KAFKA_CONTROLLER_PORT: String(controllerPort),
      KAFKA_START_TIMEOUT: '180',
    };
    [outDir, database] = await Promise.all([compileService(), createTestDatabase('faults_kafka'), broker('start')]);
  }, FAULT_TEST_TIMEOUT);
  afterAll(async () => {
    await load?.stop();
    if (service) await stopProcess(service);
    if (stateDir) {
      await broker('stop');
      rmSync(stateDir, { recursive: true, force: true });
    }
    await database?.drop();
  }, FAULT_TEST_TIMEOUT);

  it(
    'fails no command, reports the lag on /health, catches up, and misses nothing',
    async () => {
      const brokers = [`127.0.0.1:${brokerEnv.KAFKA_PORT}`];
      const running = await startService(outDir, await freePort(), {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_TOPIC_PREFIX: prefix,
      });
      service = running;
      const relay = async (): Promise<RelayHealth | undefined> => {
        running.expectRunning();
        const answer = await health(running.url);
        return answer?.body.components.kafkaRelay;
      };
      const commands = new CommandLoad(running.url, await managerKey(database.url), 2, 100);
      load = commands;
      await until(async () => Number((await relay())?.position ?? 0) >= 20, 120_000, 'the relay publishes');

      await broker('stop');
      const stoppedAt = Date.now();
      const during: RelayHealth[] = [];
      while (Date.now() - stoppedAt < OUTAGE_MS) {
        const report = await relay();
        if (report) during.push(report);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(Math.max(...during.map((report) => report.positionsBehind ?? 0))).toBeGreaterThan(20);
      expect(during.some((report) => report.status === 'down')).toBe(true);

      await broker('start');
      let headAtRestart: bigint | undefined;
      await until(
        async () => {
          const report = await relay();
          headAtRestart ??= report?.head ? BigInt(report.head) : undefined;
          return headAtRestart !== undefined && BigInt(report?.position ?? 0) >= headAtRestart;
        },
        120_000,
        'the relay catches up',
      );
      await commands.stop();
      expect(commands.unexpected()).toEqual([]);
      await until(
        async () => {
          const report = await relay();
          return report?.positionsBehind === 0 && report.status === 'up';
        },
        60_000,
        'the relay publishes the last commands',
      );
      // Kafka is not critical: the service is healthy (a health check may time out on a starved machine, so poll).
      await until(async () => (await health(running.url))?.status === 200, 30_000, '/health answers 200');

      const pool = new pg.Pool({ connectionString: database.url, max: 1 });
      const events = await storedEvents(pool).finally(() => pool.end());
      expect(events.length).toBeGreaterThanOrEqual(commands.acknowledged.length);
      expectInOrderPerKey(await publishedMessages(brokers, prefix, events), events);
    },
    FAULT_TEST_TIMEOUT,
  );
});
