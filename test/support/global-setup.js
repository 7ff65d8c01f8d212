// Plain JavaScript: Jest loads its global setup before any TypeScript transform.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres.js';

/**
 * Provides the services the integration and e2e tests talk to:
 * PostgreSQL from DATABASE_URL or an embedded throw-away server, and Kafka
 * from KAFKA_BROKERS or the local broker of infra/kafka when Java and Maven
 * are here. Workers inherit the environment set here. Unit tests need neither.
 */
export default async function globalSetup() {
  if (onlyUnitTestsSelected()) return;
  /** @type {{ postgres?: import('../../apps/api/src/database/embedded-postgres.js').EmbeddedDatabase, postgresDirectory?: string, kafkaStartedHere?: boolean }} */
  const services = {};
  Object.assign(globalThis, { __testServices: services });
  if (!process.env.DATABASE_URL) {
    const directory = mkdtempSync(join(tmpdir(), 'agreements-test-pg-'));
    services.postgresDirectory = directory;
    const postgres = await startEmbeddedPostgres({
      directory,
      port: Number(process.env.TEST_POSTGRES_PORT ?? 54339),
      database: 'test',
    });
    services.postgres = postgres;
    process.env.DATABASE_URL = postgres.url;
  }
  if (!process.env.KAFKA_BROKERS && hasCommand('java') && hasCommand('mvn')) {
    // A broker someone else started stays theirs to stop.
    services.kafkaStartedHere = spawnSync('bash', ['infra/kafka/kafka.sh', 'status']).status !== 0;
    execFileSync('bash', ['infra/kafka/kafka.sh', 'start'], { stdio: 'inherit' });
    process.env.KAFKA_BROKERS = `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`;
  }
  if (!process.env.EVENTSTORE_CONNECTION_STRING) {
    // Jest keeps the console of a file whose tests are all skipped to itself: say it here.
    process.stdout.write(
      '\nEventStoreDB adapter tests will be SKIPPED: EVENTSTORE_CONNECTION_STRING is not set (see libs/event-store/EVENTSTOREDB.md).\n',
    );
  }
  if (!process.env.KAFKA_BROKERS) {
    if (process.env.REQUIRE_KAFKA === '1') {
      throw new Error('REQUIRE_KAFKA=1 but no Kafka broker: set KAFKA_BROKERS or install Java and Maven');
    }
    process.stdout.write(
      '\nKafka tests will be SKIPPED: no KAFKA_BROKERS and no Java/Maven to start the local broker.\n',
    );
  }
}

/** `--selectProjects unit` alone needs no services; Jest keeps that flag out of the global setup's config. */
function onlyUnitTestsSelected() {
  const args = process.argv;
  const at = args.indexOf('--selectProjects');
  if (at === -1) return false;
  const selected = [];
  for (const arg of args.slice(at + 1)) {
    if (arg.startsWith('-')) break;
    selected.push(arg);
  }
  return selected.length > 0 && selected.every((project) => project === 'unit');
}

/** @param {string} command */
function hasCommand(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}
