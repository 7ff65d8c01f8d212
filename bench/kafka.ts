/**
 * Kafka relay benchmark: `npm run bench:kafka` (builds, then runs dist/bench/kafka.js).
 *
 * On a fresh database of the server in DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test),
 * migrated like the service's, and the brokers of KAFKA_BROKERS (default 127.0.0.1:9092), with topics
 * of a prefix of its own:
 * 1. relay throughput: BENCH_EVENTS events (default 100,000) appended first, then the time the relay
 *    (the service's settings: batches of KAFKA_RELAY_BATCH_SIZE, default 2000, idempotent producer,
 *    acks all) takes to publish them all, checkpoint included;
 * 2. append-to-consume latency: BENCH_RATE events/s (default 1,000) appended for BENCH_SECONDS
 *    (default 10) while the relay runs and a consumer group reads the topic; the latency of each event
 *    is from just before its append to its arrival at the consumer.
 * Prints a table and writes bench/results/kafka.json. Targets: >= 20,000 events/s; p99 < 1 s.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { createDataSource } from '../apps/api/src/database/database.js';
import { PostgresEventStore, type EventStore, type NewEvent } from '../libs/event-store/src/index.js';
import { PersonKeys, PersonalDataEventStore } from '../libs/event-store/src/personal-data/index.js';
import { KafkaJsPublisher, KafkaRelay, RELAY_CHECKPOINT, TopicMap } from '../libs/messaging/src/index.js';
import { CheckpointStore, LeaderLock } from '../libs/projections/src/index.js';
import { figure, writeSuiteResults } from './support/results.js';
import { admin, dropDatabase, serverUrl } from './support/database.js';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((broker) => broker.trim());
const totalEvents = Number(process.env.BENCH_EVENTS ?? 100_000);
const rate = Number(process.env.BENCH_RATE ?? 1_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const batchSize = Number(process.env.KAFKA_RELAY_BATCH_SIZE ?? 2000);
const log = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const now = () => performance.timeOrigin + performance.now();

const event = (streamId: string, sentAt?: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'ComplaintInvestigated',
  schemaVersion: 1,
  data: {
    complaintId: streamId.slice('complaint-'.length),
    findings: 'The incident was caused by a certificate that expired on the load balancer; renewed and monitored.',
    at: new Date().toISOString(),
    by: 'person-bench',
    ...(sentAt === undefined ? {} : { sentAt }),
  },
  metadata: {
    actor: 'user:service-manager',
    correlationId: randomUUID(),
    causationId: randomUUID(),
    clauses: ['8.3.2'],
  },
});

async function main(): Promise<void> {
  const name = `bench_kafka_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 40 });
  const topics = new TopicMap({ prefix: `bench-${randomBytes(3).toString('hex')}`, partitions: 3 });
  const publishers: KafkaJsPublisher[] = [];
  const relays: KafkaRelay[] = [];
  let store: EventStore | undefined;
  try {
    const dataSource = createDataSource(url.toString());
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.destroy();
    store = new PersonalDataEventStore(new PostgresEventStore(pool), new PersonKeys(pool));
    const checkpoints = new CheckpointStore(pool);
    const startRelay = () => {
      const publisher = new KafkaJsPublisher({ brokers, clientId: 'bench-relay' });
      publishers.push(publisher);
      const relay = new KafkaRelay(
        store!,
        checkpoints,
        new LeaderLock({ connectionString: url.toString() }, RELAY_CHECKPOINT),
        publisher,
        topics,
        { batchSize },
      );
      relays.push(relay);
      relay.start();
      return relay;
    };

    log(`appending ${totalEvents} events (16 writers, 50 events per append)...`);
    const writers = 16;
    const perAppend = 50;
    let next = 0;
    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        for (let round = 0; ; round++) {
          const start = next;
          if (start >= totalEvents) return;
          next += perAppend;
          const streamId = `complaint-bench-${writer}-${round}`;
          const count = Math.min(perAppend, totalEvents - start);
          await store!.appendToStream(
            streamId,
            Array.from({ length: count }, () => event(streamId)),
            { expectedVersion: 'no-stream' },
          );
        }
      }),
    );
    const head = await store.headPosition();

    const readStarted = performance.now();
    for (let from = 0n; from < head;) {
      const page = await store.readAll({ fromPosition: from, limit: batchSize });
      from = page[page.length - 1]!.globalPosition;
    }
    const readSeconds = (performance.now() - readStarted) / 1000;
    log(`reading the log alone: ${Math.round(Number(head) / readSeconds)} events/s`);

    log(`relay: publishing ${head} events in batches of ${batchSize}...`);
    await new KafkaJsPublisher({ brokers }).ensureTopics(topics.specs());
    const relayStarted = performance.now();
    const relay = startRelay();
    while ((await checkpoints.position(RELAY_CHECKPOINT)) < head) await sleep(20);
    const relaySeconds = (performance.now() - relayStarted) / 1000;
    const throughput = Number(head) / relaySeconds;
    log(`relay: ${Number(head)} events in ${relaySeconds.toFixed(2)} s = ${Math.round(throughput)} events/s`);

    log(`latency: ${rate} events/s for ${seconds} s...`);
    const consumer = new Kafka({ clientId: 'bench-consumer', brokers, logLevel: logLevel.NOTHING }).consumer({
      groupId: `bench-${randomUUID()}`,
    });
    const latencies: number[] = [];
    const commitToConsume: number[] = [];
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
    await consumer.connect();
    await consumer.subscribe({ topic: topics.topicOf('complaints'), fromBeginning: false });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const arrived = now();
        const value = JSON.parse(message.value!.toString()) as { recordedAt: string; data: { sentAt?: number } };
        if (value.data.sentAt === undefined) return;
        latencies.push(arrived - value.data.sentAt);
        commitToConsume.push(arrived - Date.parse(value.recordedAt));
      },
    });
    while (!joined) await sleep(50);
    await sleep(1_000);
    const tickMs = 10;
    const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
    const ticks = Math.round((seconds * 1000) / tickMs);
    const started = performance.now();
    const appends: Promise<unknown>[] = [];
    let appendFailures = 0;
    for (let tick = 0; tick < ticks; tick++) {
      const due = started + tick * tickMs;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      for (let i = 0; i < perTick; i++) {
        const streamId = `complaint-latency-${tick}-${i}`;
        appends.push(
          store
            .appendToStream(streamId, [event(streamId, now())], { expectedVersion: 'no-stream' })
            .catch(() => appendFailures++),
        );
      }
    }
    await Promise.all(appends);
    const sent = ticks * perTick;
    const deadline = performance.now() + 30_000;
    while (latencies.length < sent && performance.now() < deadline) await sleep(50);
    await consumer.disconnect();
    await relay.stop();

    const sorted = [...latencies].sort((a, b) => a - b);
    const pct = (p: number, list = sorted) =>
      list[Math.min(list.length - 1, Math.floor((p / 100) * list.length))] ?? NaN;
    const fromCommit = [...commitToConsume].sort((a, b) => a - b);
    const results = {
      brokers,
      partitions: topics.partitions,
      relayBatchSize: batchSize,
      throughput: {
        events: Number(head),
        readOnlyEventsPerSecond: Math.round(Number(head) / readSeconds),
        seconds: round(relaySeconds, 3),
        eventsPerSecond: Math.round(throughput),
        target: 20_000,
        met: throughput >= 20_000,
      },
      latency: {
        rate,
        seconds,
        sent,
        received: latencies.length,
        appendFailures,
        p50Ms: round(pct(50), 1),
        p99Ms: round(pct(99), 1),
        maxMs: round(sorted[sorted.length - 1] ?? NaN, 1),
        commitToConsumeP50Ms: round(pct(50, fromCommit), 1),
        commitToConsumeP99Ms: round(pct(99, fromCommit), 1),
        targetP99Ms: 1_000,
        met: pct(99) < 1_000 && latencies.length === sent,
      },
    };
    log('');
    log('| measure                          | value        | target       |');
    log('| -------------------------------- | ------------ | ------------ |');
    log(`| relay throughput (events/s)      | ${pad(results.throughput.eventsPerSecond)} | ${pad('>= 20000')} |`);
    log(
      `| ${`relay time for ${Number(head)} events`.padEnd(32)} | ${pad(`${results.throughput.seconds} s`)} |              |`,
    );
    log(`| append-to-consume p50 (ms)       | ${pad(results.latency.p50Ms)} |              |`);
    log(`| append-to-consume p99 (ms)       | ${pad(results.latency.p99Ms)} | ${pad('< 1000')} |`);
    log(`| append-to-consume max (ms)       | ${pad(results.latency.maxMs)} |              |`);
    log(
      `| commit-to-consume p50/p99 (ms)   | ${pad(`${results.latency.commitToConsumeP50Ms}/${results.latency.commitToConsumeP99Ms}`)} |              |`,
    );
    log(`| ${`received / sent at ${rate}/s`.padEnd(32)} | ${pad(`${latencies.length}/${sent}`)} |              |`);
    const file = writeSuiteResults(
      'kafka',
      [
        figure('relay throughput', results.throughput.eventsPerSecond, 'events/s', '>= 20000'),
        figure(`append-to-consume p50 at ${rate}/s`, results.latency.p50Ms, 'ms'),
        figure(`append-to-consume p99 at ${rate}/s`, results.latency.p99Ms, 'ms', '< 1000'),
        figure('events consumed of those appended', results.latency.received / Math.max(1, sent), 'fraction', '>= 1'),
      ],
      results,
    );
    log(`\nresults written to ${file}`);
  } finally {
    await Promise.all(relays.map((relay) => relay.stop()));
    await Promise.all(publishers.map((publisher) => publisher.close()));
    await store?.close();
    await pool.end();
    await dropDatabase(name);
    await deleteTopics(topics).catch(() => undefined);
  }
}

async function deleteTopics(topics: TopicMap): Promise<void> {
  const kafkaAdmin = new Kafka({ clientId: 'bench-admin', brokers, logLevel: logLevel.NOTHING }).admin();
  await kafkaAdmin.connect();
  try {
    await kafkaAdmin.deleteTopics({ topics: topics.specs().map((spec) => spec.topic) });
  } finally {
    await kafkaAdmin.disconnect();
  }
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const pad = (value: unknown, width = 12) => String(value).padStart(width);

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
