import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWithKafka } from '../../../test/support/kafka.js';
import { replay, type ReplayProgress } from '../src/replay.js';
import { createHarness, type Harness } from './harness.js';

describeWithKafka('Kafka replay (real broker)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await createHarness('replay');
    await harness.append(['complaint-a', 'agreement-b', 'complaint-c'], 30);
    await harness.checkpoints.save('kafka-relay', 5n);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('re-publishes exactly the requested range, marked as a replay, and leaves the relay checkpoint alone', async () => {
    const publisher = harness.publisher();
    const progress: ReplayProgress[] = [];
    const result = await replay(harness.store, publisher, harness.topics, {
      from: 11n,
      to: 20n,
      batchSize: 4,
      onProgress: (p) => progress.push(p),
    });
    expect(result).toMatchObject({ from: 11n, to: 20n, published: 10 });
    expect(progress.at(-1)).toMatchObject({ position: 20n, published: 10 });

    const messages = await harness.consume(10, { settleMs: 2_000 });
    const positions = messages.map((message) => Number(message.value.globalPosition)).sort((a, b) => a - b);
    expect(positions).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    for (const message of messages) expect(message.headers['x-replay']).toBe('true');
    expect(await harness.checkpoints.position('kafka-relay')).toBe(5n);
  });

  it('re-publishes only the topic asked for', async () => {
    const before = (await harness.consume(10, { settleMs: 1_000 })).length;
    const result = await replay(harness.store, harness.publisher(), harness.topics, {
      from: 1n,
      to: 9n,
      topic: harness.topics.topicOf('agreements'),
    });
    // agreement-b holds positions 2, 5 and 8 among the first nine.
    expect(result.published).toBe(3);
    const messages = await harness.consume(before + 3, { settleMs: 1_500 });
    const replayedAgreements = messages
      .filter((message) => message.topic === harness.topics.topicOf('agreements'))
      .map((message) => Number(message.value.globalPosition))
      .filter((position) => position < 10);
    expect(replayedAgreements.sort((a, b) => a - b)).toEqual([2, 5, 8]);
    expect(messages).toHaveLength(before + 3);
    await expect(
      replay(harness.store, harness.publisher(), harness.topics, { from: 1n, topic: 'no-such-topic' }),
    ).rejects.toThrow(/Unknown topic/);
  });
});
