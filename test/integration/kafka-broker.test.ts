import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { describeWithKafka, kafkaBrokers } from '../support/kafka.js';

describeWithKafka('the Kafka broker used by the tests', () => {
  const topic = `broker-check-${randomUUID()}`;
  let kafka: Kafka;
  let producer: Producer;
  let consumer: Consumer;

  beforeAll(async () => {
    kafka = new Kafka({ clientId: 'broker-check', brokers: kafkaBrokers()!, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    consumer = kafka.consumer({ groupId: `broker-check-${randomUUID()}` });
    await Promise.all([producer.connect(), consumer.connect()]);
  });

  afterAll(async () => {
    await Promise.all([producer?.disconnect(), consumer?.disconnect()]);
  });

  it('creates a topic, and gives back in order per key what was produced', async () => {
    const sent = Array.from({ length: 30 }, (_, i) => ({ key: `stream-${i % 3}`, value: `event-${i}` }));
    await producer.send({ topic, messages: sent });

    const received: { key: string; value: string }[] = [];
    await consumer.subscribe({ topic, fromBeginning: true });
    const allReceived = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          received.push({ key: message.key!.toString(), value: message.value!.toString() });
          if (received.length === sent.length) resolve();
        },
      });
    });
    await allReceived;

    expect(received).toHaveLength(sent.length);
    for (const key of ['stream-0', 'stream-1', 'stream-2']) {
      const inOrder = sent.filter((m) => m.key === key).map((m) => m.value);
      expect(received.filter((m) => m.key === key).map((m) => m.value)).toEqual(inOrder);
    }
  });
});
