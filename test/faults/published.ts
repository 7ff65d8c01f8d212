import { randomBytes } from 'node:crypto';
import { expect } from '@jest/globals';
import { Kafka, logLevel } from 'kafkajs';
import type { StoredEvent } from './harness.js';

export interface Published {
  readonly topic: string;
  readonly partition: number;
  readonly key: string;
  readonly eventId: string;
  readonly streamVersion: number;
}

/**
 * Reads every event topic of `prefix` from the beginning until each of `events` has arrived at
 * least once; rejects naming how many are missing after `timeoutMs`.
 */
export async function publishedMessages(
  brokers: string[],
  prefix: string,
  events: readonly StoredEvent[],
  timeoutMs = 120_000,
): Promise<Published[]> {
  const kafka = new Kafka({ brokers, logLevel: logLevel.NOTHING, clientId: 'fault-test' });
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter(
    (topic) => topic.startsWith(`${prefix}.`) && !topic.includes('audit-checkpoints'),
  );
  await admin.disconnect();
  const consumer = kafka.consumer({ groupId: `${prefix}-check-${randomBytes(4).toString('hex')}` });
  const received: Published[] = [];
  const missing = new Set(events.map((event) => event.eventId));
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${missing.size} of ${events.length} events never reached Kafka`)),
        timeoutMs,
      );
      const check = () => {
        if (missing.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      };
      check();
      void consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          const value = JSON.parse(message.value!.toString()) as { eventId: string; streamVersion: number };
          received.push({
            topic,
            partition,
            key: message.key!.toString(),
            eventId: value.eventId,
            streamVersion: value.streamVersion,
          });
          missing.delete(value.eventId);
          check();
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return received;
}

/**
 * Every stream's messages sit in one partition, keyed by the stream, and the first delivery of
 * each event comes in stream order: redeliveries (at least once) may repeat, never reorder.
 */
export function expectInOrderPerKey(messages: readonly Published[], events: readonly StoredEvent[]): void {
  const byKey = new Map<string, Published[]>();
  for (const message of messages) byKey.set(message.key, [...(byKey.get(message.key) ?? []), message]);
  const streams = new Map<string, number[]>();
  for (const event of events)
    streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event.streamVersion]);
  for (const [streamId, versions] of streams) {
    const keyed = byKey.get(streamId) ?? [];
    expect(new Set(keyed.map((message) => `${message.topic}/${message.partition}`)).size).toBe(1);
    const seen = new Set<string>();
    const firstDeliveries = keyed.filter((message) => !seen.has(message.eventId) && seen.add(message.eventId));
    expect(firstDeliveries.map((message) => message.streamVersion)).toEqual(versions);
  }
}
