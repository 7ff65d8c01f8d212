import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { Kafka, logLevel } from 'kafkajs';
import request from 'supertest';
import { PersonKeys, type EventStore } from '@lib/event-store';
import { replay } from '@lib/messaging';
import { loadConfiguration } from '../../apps/api/src/config/configuration.js';
import { kafkaPublisher, topicMap } from '../../apps/api/src/messaging/kafka-settings.js';
import { EVENT_STORE } from '../../apps/api/src/tokens.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeWithKafka, kafkaBrokers } from '../support/kafka.js';

describeWithKafka('a forgotten person in Kafka messages', () => {
  const prefix = `privacy-${randomBytes(4).toString('hex')}`;
  const env = { KAFKA_BROKERS: kafkaBrokers()!.join(','), KAFKA_TOPIC_PREFIX: prefix };
  let service: TestApp;
  beforeAll(async () => {
    service = await startTestApp(env);
  });
  afterAll(() => service.close());

  const complaint = {
    customerId: 'customer-1',
    serviceId: 'email',
    description: 'Mailbox unreachable',
    channel: 'phone',
    receivedAt: '2026-03-02T09:00:00Z',
    complainant: { personId: 'person-eve', name: 'Eve Example', email: 'eve@example.com' },
  };

  type Message = { value: string; replay: boolean };

  /** Every message on the complaints topic, once those received satisfy `enough`. */
  async function complaintMessages(enough: (received: Message[]) => boolean): Promise<Message[]> {
    const kafka = new Kafka({ brokers: kafkaBrokers()!, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    // The relay creates its topics when it starts, in the background.
    while (!(await admin.listTopics()).includes(`${prefix}.complaints.v1`))
      await new Promise((r) => setTimeout(r, 100));
    await admin.disconnect();
    const consumer = kafka.consumer({ groupId: `${prefix}-${randomBytes(4).toString('hex')}` });
    await consumer.connect();
    await consumer.subscribe({ topic: `${prefix}.complaints.v1`, fromBeginning: true });
    const received: Message[] = [];
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          received.push({
            value: message.value!.toString(),
            replay: message.headers?.['x-replay']?.toString() === 'true',
          });
          if (enough(received)) resolve();
        },
      });
    });
    await consumer.disconnect();
    return received;
  }

  it('carries their data only in messages produced before they were forgotten', async () => {
    const manager = await service.as('relationship-manager');
    const first = await request(service.http).post('/complaints').set(manager).send(complaint).expect(201);
    const [before] = await complaintMessages((received) => received.length >= 1);
    expect(before!.value).toContain('eve@example.com');

    await new PersonKeys(service.database.pool).forget('person-eve');
    await request(service.http).post('/complaints').set(manager).send(complaint).expect(201);
    const config = loadConfiguration({ ...process.env, ...env });
    const publisher = kafkaPublisher(config, '-test-replay');
    try {
      await replay(service.app.get<EventStore>(EVENT_STORE), publisher, topicMap(config), { from: 1n });
    } finally {
      await publisher.close();
    }

    // Partitions interleave, and delivery is at least once: tell the first complaint's original
    // publication (made before the forgetting) by its stream and the replay header, not by order.
    const original = (message: Message) =>
      !message.replay && (JSON.parse(message.value) as { streamId: string }).streamId === first.body.streamId;
    const messages = await complaintMessages(
      (received) =>
        received.filter((message) => message.replay).length >= 2 &&
        received.some((message) => !message.replay && !original(message)),
    );
    const afterwards = messages.filter((message) => !original(message));
    expect(afterwards.filter((message) => message.replay).length).toBeGreaterThanOrEqual(2);
    expect(afterwards.length).toBeGreaterThanOrEqual(3);
    for (const message of afterwards) {
      expect(message.value).not.toMatch(/Eve Example|eve@example\.com/);
      expect(message.value).toContain('[erased]');
    }
  });
});
