import type { EventStore } from '@lib/event-store';
import { toAuditCheckpointMessage, type AuditCheckpointSource } from './audit-checkpoints.js';
import { toMessage } from './envelope.js';
import type { MessagePublisher, OutboundMessage } from './publisher.js';
import { AUDIT_CHECKPOINTS, type TopicMap } from './topics.js';

export interface ReplayOptions {
  /** First global position to re-publish (inclusive, >= 1). */
  readonly from: bigint;
  /** Last global position to re-publish (inclusive); default: the head of the log when the replay starts. */
  readonly to?: bigint;
  /** Only this topic (full name or context name, e.g. `complaints` or `iso20000.complaints.v1`). */
  readonly topic?: string;
  /** Events per batch (default 2000). */
  readonly batchSize?: number;
  /** Called after every acknowledged batch. */
  readonly onProgress?: (progress: ReplayProgress) => void;
  /** Needed to replay the audit-checkpoints topic. */
  readonly auditCheckpoints?: AuditCheckpointSource;
}

export interface ReplayProgress {
  readonly from: bigint;
  readonly to: bigint;
  /** The last position covered so far. */
  readonly position: bigint;
  readonly published: number;
}

export interface ReplayResult {
  readonly from: bigint;
  readonly to: bigint;
  readonly published: number;
  readonly seconds: number;
}

/**
 * Re-publishes a range of the log, marked with the `x-replay: true` header, for operators. It
 * never reads or moves the relay's checkpoint: the relay keeps going on its own.
 */
export async function replay(
  store: EventStore,
  publisher: MessagePublisher,
  topics: TopicMap,
  options: ReplayOptions,
): Promise<ReplayResult> {
  const started = performance.now();
  if (options.from < 1n) throw new RangeError('--from must be a position >= 1');
  const to = options.to ?? (await store.headPosition());
  const selected = options.topic === undefined ? undefined : topics.resolve(options.topic);
  if (options.topic !== undefined && !selected) {
    throw new RangeError(
      `Unknown topic ${options.topic}: one of ${topics
        .specs()
        .map((spec) => spec.topic)
        .join(', ')}`,
    );
  }
  const batchSize = options.batchSize ?? 2000;
  await publisher.ensureTopics(topics.specs());
  let published = 0;
  let position = options.from - 1n;
  const report = () => options.onProgress?.({ from: options.from, to, position, published });
  if (selected?.context === AUDIT_CHECKPOINTS) {
    if (!options.auditCheckpoints) throw new Error('No audit checkpoint source: cannot replay audit checkpoints');
    while (position < to) {
      const page = (await options.auditCheckpoints.after(position, 100)).filter((c) => c.position <= to);
      if (page.length === 0) break;
      await publisher.publish(page.map((checkpoint) => toAuditCheckpointMessage(checkpoint, topics, { replay: true })));
      published += page.length;
      position = page[page.length - 1]!.position;
      report();
    }
  } else {
    const filter = selected ? { streamIdPrefix: topics.contextOfName(selected.context)!.streamPrefix } : undefined;
    while (position < to) {
      const events = (await store.readAll({ fromPosition: position, limit: batchSize, filter })).filter(
        (event) => event.globalPosition <= to,
      );
      if (events.length === 0) break;
      const messages: OutboundMessage[] = [];
      for (const event of events) {
        const message = toMessage(event, topics, { replay: true });
        if (message) messages.push(message);
      }
      await publisher.publish(messages);
      published += messages.length;
      position = events[events.length - 1]!.globalPosition;
      report();
    }
  }
  position = to;
  report();
  return { from: options.from, to, published, seconds: (performance.now() - started) / 1000 };
}
