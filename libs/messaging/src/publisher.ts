import type { TopicSpec } from './topics.js';

/** One record for the broker: the value is already encoded. */
export interface OutboundMessage {
  readonly topic: string;
  /** The partitioning key: the stream id, so one aggregate's events keep their order. */
  readonly key: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The port the relay and the replay publish through; the kafkajs adapter is one implementation,
 * a librdkafka one could replace it without touching either.
 */
export interface MessagePublisher {
  /** Creates the topics that do not exist yet; existing ones are left as they are. */
  ensureTopics(topics: readonly TopicSpec[]): Promise<void>;
  /**
   * Publishes the messages and resolves only once the broker acknowledged all of them (every
   * in-sync replica). Messages of one key are written in the order given. A rejection means any
   * of them may or may not have been written.
   */
  publish(messages: readonly OutboundMessage[]): Promise<void>;
  close(): Promise<void>;
}
