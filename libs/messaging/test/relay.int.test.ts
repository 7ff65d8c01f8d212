import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWithKafka, kafkaBrokers } from '../../../test/support/kafka.js';
import { ChainSealer } from '../../event-store/src/chain/chain-sealer.js';
import { PostgresAuditCheckpointSource } from '../src/audit-checkpoints.js';
import { eventEnvelopeSchema } from '../src/envelope.js';
import type { MessagePublisher, OutboundMessage } from '../src/publisher.js';
import type { TopicSpec } from '../src/topics.js';
import { createHarness, dedupe, sleep, versionsByKey, type Harness, type Received } from './harness.js';

const streams = ['complaint-a', 'complaint-b', 'agreement-c', 'agreement-d', 'complaint-e', 'agreement-f'];

/** Every key's events arrive in stream order, without a gap, once deduplicated by event id. */
function expectPerKeyOrder(messages: readonly Received[], expectedPerKey?: number): void {
  for (const [key, versions] of versionsByKey(dedupe(messages))) {
    const length = expectedPerKey ?? versions.length;
    expect({ key, versions }).toEqual({ key, versions: Array.from({ length }, (_, i) => i) });
  }
  for (const [key, versions] of versionsByKey(messages)) {
    // Redelivered events only ever repeat a stretch already seen: the order never goes back past a gap.
    let highest = -1;
    for (const version of versions) {
      expect({ key, version, ok: version <= highest + 1 }).toEqual({ key, version, ok: true });
      highest = Math.max(highest, version);
    }
  }
}

describeWithKafka('Kafka relay (real broker)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await createHarness('relay');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('keeps every key in order across partitions and a restart, with the envelope and headers of the contract', async () => {
    await harness.append(streams, 60);
    const first = harness.relay(harness.publisher(), { batchSize: 7 });
    first.start();
    await harness.relayedUpTo(21n);
    await first.stop();
    await harness.append(streams, 60);
    const second = harness.relay(harness.publisher(), { batchSize: 7 });
    second.start();
    await harness.relayedUpTo(120n);
    await second.stop();

    const messages = await harness.consume(120);
    expect(dedupe(messages)).toHaveLength(120);
    expectPerKeyOrder(messages, 20);
    const partitionsOfKey = new Map<string, Set<number>>();
    for (const message of messages) {
      partitionsOfKey.set(message.key, (partitionsOfKey.get(message.key) ?? new Set()).add(message.partition));
    }
    for (const partitions of partitionsOfKey.values()) expect(partitions.size).toBe(1);
    expect(new Set(messages.map((message) => `${message.topic}/${message.partition}`)).size).toBeGreaterThan(2);

    const message = messages.find((m) => m.key === 'complaint-a')!;
    expect(message.topic).toBe(harness.topics.topicOf('complaints'));
    expect(eventEnvelopeSchema.parse(message.value)).toMatchObject({
      context: 'complaints',
      type: 'ComplaintInvestigated',
      streamId: 'complaint-a',
      actor: 'person-alice',
      clauses: ['8.3.2'],
    });
    expect(message.value.globalPosition).toMatch(/^[1-9][0-9]*$/);
    expect(message.headers).toEqual({
      'event-id': message.value.eventId,
      'event-type': 'ComplaintInvestigated',
      'content-type': 'application/json',
    });
    expect(messages.some((m) => m.topic === harness.topics.topicOf('agreements'))).toBe(true);
  });
});

describeWithKafka('Kafka relay crash between publish and checkpoint (real broker)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await createHarness('crash');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('publishes the unacknowledged batch again on restart: duplicates possible, nothing missing', async () => {
    await harness.append(streams, 50);
    const real = harness.publisher();
    let calls = 0;
    let crashed!: () => void;
    const crash = new Promise<void>((resolve) => (crashed = resolve));
    let buried!: () => void;
    const dead = new Promise<void>((resolve) => (buried = resolve));
    /** The real publisher, but the process "dies" right after the broker acknowledged the third batch. */
    const dying: MessagePublisher = {
      ensureTopics: (topics: readonly TopicSpec[]) => real.ensureTopics(topics),
      close: () => real.close(),
      async publish(messages: readonly OutboundMessage[]) {
        await real.publish(messages);
        if (++calls === 3) {
          crashed();
          await dead; // no checkpoint is ever stored for this batch
          throw new Error('the process is gone');
        }
      },
    };
    const doomed = harness.relay(dying, { batchSize: 10 });
    doomed.start();
    await crash;
    expect(await harness.checkpoints.position('kafka-relay')).toBe(20n);
    // The lock goes with the dead process's connection.
    await harness.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks
       WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );

    const restarted = harness.relay(harness.publisher(), { batchSize: 10 });
    restarted.start();
    await harness.relayedUpTo(50n);
    await restarted.stop();
    buried();
    await doomed.stop();

    const messages = await harness.consume(60);
    expect(messages.length).toBeGreaterThanOrEqual(60);
    const ids = new Set(messages.map((message) => message.headers['event-id']));
    expect(ids.size).toBe(50);
    const positions = dedupe(messages)
      .map((message) => Number(message.value.globalPosition))
      .sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expectPerKeyOrder(messages);
  });
});

describeWithKafka('Kafka relay while the broker is away (real broker)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await createHarness('outage');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('lets every append succeed, reports the lag, and catches up when the broker returns', async () => {
    let brokers = ['127.0.0.1:1']; // nothing listens there
    const relay = harness.relay(
      harness.publisher(() => brokers),
      { batchSize: 25 },
    );
    relay.start();
    let appended = 0;
    for (let round = 0; round < 10; round++) {
      appended += await harness.append(streams, 12);
      await sleep(100);
    }
    expect(appended).toBe(120);
    expect(relay.status()).toMatchObject({ state: 'retrying', publishedSinceStart: 0 });
    expect(relay.status().error).toBeTruthy();
    const lag = await relay.lag();
    expect(lag).toMatchObject({ position: 0n, head: 120n, positionsBehind: 120n });
    expect(lag.secondsBehind).toBeGreaterThan(0.5);

    brokers = kafkaBrokers()!;
    await harness.relayedUpTo(120n);
    expect(relay.status()).toMatchObject({ state: 'publishing', publishedSinceStart: 120 });
    expect(relay.status().error).toBeUndefined();
    expect((await relay.lag()).positionsBehind).toBe(0n);
    await relay.stop();

    const messages = await harness.consume(120);
    expect(new Set(messages.map((message) => message.headers['event-id'])).size).toBe(120);
    expectPerKeyOrder(messages, 20);
  });

  it('publishes the signed checkpoints of the hash chain to the audit-checkpoints topic', async () => {
    const sealer = new ChainSealer(harness.pool, {
      signingKey: generateKeyPairSync('ed25519').privateKey,
      checkpointEvery: 50,
    });
    await sealer.sealPending();
    const relay = harness.relay(harness.publisher(), {
      auditCheckpoints: new PostgresAuditCheckpointSource(harness.pool),
    });
    relay.start();
    const deadline = Date.now() + 20_000;
    while ((await harness.checkpoints.position(relay.auditCheckpointName)) < 100n && Date.now() < deadline) {
      await sleep(50);
    }
    await relay.stop();
    const audit = (await harness.consume(122)).filter((m) => m.topic === harness.topics.auditCheckpointsTopic);
    expect(audit.map((m) => m.value.position)).toEqual(['50', '100']);
    expect(audit[1]).toMatchObject({
      key: 'event-store',
      headers: { 'event-id': 'checkpoint-100', 'event-type': 'ChainCheckpointSigned' },
      value: { kind: 'event-store-checkpoint/1', previousPosition: '50', algorithm: 'ed25519' },
    });
  });
});
