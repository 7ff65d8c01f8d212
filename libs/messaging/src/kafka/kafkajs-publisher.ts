import { Kafka, logLevel, type Admin, type BrokersFunction, type Message, type Producer } from 'kafkajs';
import type { MessagePublisher, OutboundMessage } from '../publisher.js';
import type { TopicSpec } from '../topics.js';

export interface KafkaJsPublisherOptions {
  /** Broker addresses, or a function kafkajs asks whenever it (re)connects. */
  readonly brokers: string[] | BrokersFunction;
  readonly clientId?: string;
  /** Connecting to a broker gives up after this long (default 3 s). */
  readonly connectionTimeoutMs?: number;
  /** A produce request gives up after this long (default 30 s). */
  readonly requestTimeoutMs?: number;
  /** Retries of kafkajs itself before `publish` rejects (default 3); the relay retries after that. */
  readonly retries?: number;
  /**
   * Upper bound of the encoded messages of one topic in one produce request (default 768 KiB), which
   * keeps every partition's record batch under the broker's default `message.max.bytes` (1 MiB).
   */
  readonly maxTopicBytesPerRequest?: number;
  readonly logLevel?: logLevel;
}

/**
 * The MessagePublisher on kafkajs: an idempotent producer that waits for every in-sync replica
 * (acks all) with one request in flight, so a retried request can neither duplicate nor reorder
 * messages within a partition. After a failure the producer is dropped and the next call starts
 * a fresh one (a new producer id), which is what at-least-once delivery needs.
 */
export class KafkaJsPublisher implements MessagePublisher {
  private readonly kafka: Kafka;
  private producer: Promise<Producer> | undefined;
  private readonly maxTopicBytes: number;

  constructor(options: KafkaJsPublisherOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'relationship-agreement',
      brokers: options.brokers,
      connectionTimeout: options.connectionTimeoutMs ?? 3_000,
      requestTimeout: options.requestTimeoutMs ?? 30_000,
      logLevel: options.logLevel ?? logLevel.NOTHING,
      retry: { retries: options.retries ?? 3, initialRetryTime: 200, maxRetryTime: 5_000 },
    });
    this.maxTopicBytes = options.maxTopicBytesPerRequest ?? 768 * 1024;
  }

  async ensureTopics(topics: readonly TopicSpec[]): Promise<void> {
    const admin: Admin = this.kafka.admin();
    try {
      await admin.connect();
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((spec) => !existing.has(spec.topic));
      if (missing.length === 0) return;
      try {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((spec) => ({
            topic: spec.topic,
            numPartitions: spec.numPartitions,
            replicationFactor: spec.replicationFactor,
          })),
        });
      } catch (error) {
        // Another instance may have created them in between.
        if ((error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw error;
      }
      await this.waitForLeaders(
        admin,
        missing.map((spec) => spec.topic),
      );
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** New topics take a moment before every partition has a leader that accepts writes. */
  private async waitForLeaders(admin: Admin, topics: string[]): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      if (metadata.every((topic) => topic.partitions.every((partition) => partition.leader >= 0))) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async publish(messages: readonly OutboundMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.connectedProducer();
    try {
      for (const chunk of this.chunks(messages)) {
        await producer.sendBatch({ acks: -1, topicMessages: chunk });
      }
    } catch (error) {
      await this.dropProducer();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.dropProducer();
  }

  private connectedProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      });
      this.producer = producer.connect().then(
        () => producer,
        async (error: unknown) => {
          this.producer = undefined;
          await producer.disconnect().catch(() => undefined);
          throw error;
        },
      );
    }
    return this.producer;
  }

  private async dropProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.then((p) => p.disconnect()).catch(() => undefined);
  }

  /**
   * Splits the messages, in order, into produce requests grouped by topic, none carrying more than
   * `maxTopicBytes` for one topic. A message never moves ahead of an earlier one of its topic.
   */
  private *chunks(messages: readonly OutboundMessage[]): Generator<{ topic: string; messages: Message[] }[]> {
    let byTopic = new Map<string, { messages: Message[]; bytes: number }>();
    for (const message of messages) {
      const size = message.value.length + message.key.length + 64;
      let entry = byTopic.get(message.topic);
      if (entry && entry.bytes + size > this.maxTopicBytes) {
        yield [...byTopic].map(([topic, { messages: list }]) => ({ topic, messages: list }));
        byTopic = new Map();
        entry = undefined;
      }
      if (!entry) byTopic.set(message.topic, (entry = { messages: [], bytes: 0 }));
      entry.messages.push({ key: message.key, value: message.value, headers: { ...message.headers } });
      entry.bytes += size;
    }
    if (byTopic.size > 0) yield [...byTopic].map(([topic, { messages: list }]) => ({ topic, messages: list }));
  }
}
