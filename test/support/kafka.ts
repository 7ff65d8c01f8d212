import { describe } from '@jest/globals';

/** The brokers the global setup found or started, or undefined when Kafka tests are skipped. */
export const kafkaBrokers = (): string[] | undefined =>
  process.env.KAFKA_BROKERS?.split(',').map((broker) => broker.trim());

/** `describe` when a broker is available, else a skipped block that says why. */
export const describeWithKafka = (name: string, body: () => void) =>
  kafkaBrokers() ? describe(name, body) : describe.skip(`${name} (skipped: no Kafka broker)`, body);
