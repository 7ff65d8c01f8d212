import { KafkaJsPublisher, TopicMap } from '@lib/messaging';
import type { Configuration } from '../config/configuration.js';

/** The brokers of KAFKA_BROKERS, or undefined when Kafka is disabled. */
export const kafkaBrokers = (config: Configuration): string[] | undefined =>
  config.KAFKA_BROKERS?.split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);

export const topicMap = (config: Configuration): TopicMap =>
  new TopicMap({
    prefix: config.KAFKA_TOPIC_PREFIX,
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: config.KAFKA_TOPIC_REPLICATION,
  });

export function kafkaPublisher(config: Configuration, clientSuffix = ''): KafkaJsPublisher {
  const brokers = kafkaBrokers(config);
  if (!brokers?.length) throw new Error('KAFKA_BROKERS is not set: Kafka is disabled');
  return new KafkaJsPublisher({ brokers, clientId: `${config.KAFKA_CLIENT_ID}${clientSuffix}` });
}
