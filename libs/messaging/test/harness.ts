import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import pg from 'pg';
import { createDataSource } from '../../../apps/api/src/database/database.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { kafkaBrokers } from '../../../test/support/kafka.js';
import { PostgresEventStore, type NewEvent } from '../../event-store/src/index.js';
import { CheckpointStore, LeaderLock } from '../../projections/src/index.js';
import { KafkaJsPublisher } from '../src/kafka/kafkajs-publisher.js';
import type { MessagePublisher } from '../src/publisher.js';
import { KafkaRelay, RELAY_CHECKPOINT, type KafkaRelayOptions } from '../src/relay.js';
import { TopicMap } from '../src/topics.js';

export interface Received {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string;
  readonly value: Record<string, unknown>;
  readonly headers: Record<string, string>;
}

/** A migrated database of its own, a PostgreSQL event store on it, and topics with a prefix of their own. */
export interface Harness {
  readonly pool: pg.Pool;
  readonly url: string;
  readonly store: PostgresEventStore;
  readonly checkpoints: CheckpointStore;
  readonly topics: TopicMap;
  publisher(brokers?: () => string[]): KafkaJsPublisher;
  relay(publisher: MessagePublisher, options?: KafkaRelayOptions): KafkaRelay;
  /** Appends `count` one-event appends round-robin over `streams`; returns how many succeeded. */
  append(streams: readonly string[], count: number): Promise<number>;
  /** Waits until the relay's stored checkpoint reaches `position`. */
  relayedUpTo(position: bigint, timeoutMs?: number): Promise<void>;
  /** Reads every topic from the beginning until `count` messages arrived (and `settleMs` more). */
  consume(count: number, options?: { settleMs?: number; timeoutMs?: number }): Promise<Received[]>;
  close(): Promise<void>;
}

export async function createHarness(label: string): Promise<Harness> {
  const database: TestDatabase = await createTestDatabase(label);
  const dataSource = createDataSource(database.url);
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
  const pool = new pg.Pool({ connectionString: database.url, max: 10 });
  const store = new PostgresEventStore(pool);
  const checkpoints = new CheckpointStore(pool);
  const topics = new TopicMap({ prefix: `test-${label}-${randomBytes(4).toString('hex')}`, partitions: 3 });
  const brokers = kafkaBrokers()!;
  const closables: { close(): Promise<void> }[] = [];
  const relays: KafkaRelay[] = [];
  let versions = new Map<string, number>();

  return {
    pool,
    url: database.url,
    store,
    checkpoints,
    topics,
    publisher(brokersFn) {
      const publisher = new KafkaJsPublisher({
        brokers: brokersFn ?? brokers,
        clientId: `test-${label}`,
        connectionTimeoutMs: 1_000,
      });
      closables.push(publisher);
      return publisher;
    },
    relay(publisher, options = {}) {
      const relay = new KafkaRelay(
        store,
        checkpoints,
        new LeaderLock({ connectionString: database.url }, options.name ?? RELAY_CHECKPOINT),
        publisher,
        topics,
        {
          idleMs: 20,
          backoff: { initialMs: 50, maxMs: 400 },
          log: (level, message, detail) => {
            if (process.env.RELAY_LOG) console.log(level, message, detail);
          },
          ...options,
        },
      );
      relays.push(relay);
      return relay;
    },
    async append(streams, count) {
      let done = 0;
      for (let i = 0; i < count; i++) {
        const streamId = streams[i % streams.length]!;
        const version = versions.get(streamId) ?? -1;
        await store.appendToStream(streamId, [newEvent(streamId, version + 1)], {
          expectedVersion: version < 0 ? 'no-stream' : version,
        });
        versions.set(streamId, version + 1);
        done++;
      }
      return done;
    },
    async relayedUpTo(position, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while ((await checkpoints.position(RELAY_CHECKPOINT)) < position) {
        if (Date.now() > deadline) throw new Error(`relay did not reach position ${position} in ${timeoutMs} ms`);
        await sleep(50);
      }
    },
    async consume(count, { settleMs = 1_000, timeoutMs = 30_000 } = {}) {
      const consumer: Consumer = new Kafka({
        clientId: `test-${label}-consumer`,
        brokers,
        logLevel: logLevel.NOTHING,
      }).consumer({
        groupId: `test-${label}-${randomUUID()}`,
      });
      // By offset: what the topics hold, whatever a rebalance of this consumer delivers twice.
      const received = new Map<string, Received>();
      await consumer.connect();
      try {
        await consumer.subscribe({ topics: topics.specs().map((spec) => spec.topic), fromBeginning: true });
        await consumer.run({
          eachMessage: async ({ topic, partition, message }) => {
            received.set(`${topic}/${partition}/${message.offset}`, {
              topic,
              partition,
              offset: message.offset,
              key: message.key!.toString(),
              value: JSON.parse(message.value!.toString()) as Record<string, unknown>,
              headers: Object.fromEntries(
                Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
              ),
            });
          },
        });
        const deadline = Date.now() + timeoutMs;
        while (received.size < count && Date.now() < deadline) await sleep(50);
        await sleep(settleMs);
      } finally {
        await consumer.disconnect();
      }
      // In log order within each partition (which is all Kafka orders).
      return [...received.values()].sort(
        (a, b) =>
          a.topic.localeCompare(b.topic) || a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)),
      );
    },
    async close() {
      await Promise.all(relays.map((relay) => relay.stop()));
      await Promise.all(closables.map((closable) => closable.close()));
      await store.close();
      await pool.end();
      await database.drop();
      versions = new Map();
    },
  };
}

export function newEvent(streamId: string, version: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: streamId.startsWith('complaint-') ? 'ComplaintInvestigated' : 'AgreementReviewed',
    schemaVersion: 1,
    data: { streamId, version, note: 'relay test' },
    metadata: { actor: 'person-alice', correlationId: randomUUID(), causationId: randomUUID(), clauses: ['8.3.2'] },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The events' stream versions per key, in the order received. */
export function versionsByKey(messages: readonly Received[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (const message of messages) {
    const list = byKey.get(message.key) ?? [];
    list.push(message.value.streamVersion as number);
    byKey.set(message.key, list);
  }
  return byKey;
}

/** Keeps the first message of each event id. */
export function dedupe(messages: readonly Received[]): Received[] {
  const seen = new Set<string>();
  return messages.filter((message) => {
    const id = message.headers['event-id']!;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
