import type { EventStore, RecordedEvent } from '@lib/event-store';
import type { CheckpointStore, LeaderLock } from '@lib/projections';
import { toAuditCheckpointMessage, type AuditCheckpointSource } from './audit-checkpoints.js';
import { toMessage } from './envelope.js';
import type { MessagePublisher, OutboundMessage } from './publisher.js';
import type { TopicMap } from './topics.js';

/** The relay's checkpoint in `processor_checkpoints`. */
export const RELAY_CHECKPOINT = 'kafka-relay';

export interface KafkaRelayOptions {
  /** Checkpoint (and leader lock) name; default `kafka-relay`. Audit checkpoints use `<name>:audit-checkpoints`. */
  readonly name?: string;
  /** Events read and published per batch (default 2000). */
  readonly batchSize?: number;
  /** How often a caught-up relay looks for new events (default 100 ms). */
  readonly idleMs?: number;
  /** How often a standby tries to take the lead (default 2 s). */
  readonly standbyRetryMs?: number;
  /** Backoff after a failure: doubles from `initial` up to `max` (default 250 ms to 10 s). */
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** Where the hash chain's signed checkpoints come from; none: the audit topic stays empty. */
  readonly auditCheckpoints?: AuditCheckpointSource;
  readonly log?: (level: 'info' | 'warn', message: string, detail?: Record<string, unknown>) => void;
}

export type RelayState = 'stopped' | 'standby' | 'publishing' | 'retrying';

export interface RelayStatus {
  readonly name: string;
  /** `publishing`: leads and publishes (or is caught up); `retrying`: leads but cannot publish. */
  readonly state: RelayState;
  /** The last position acknowledged by the broker and checkpointed, as this instance knows it. */
  readonly position: bigint;
  readonly publishedSinceStart: number;
  /** Events of streams outside every published context, passed over. */
  readonly skippedSinceStart: number;
  readonly lastPublishedAt?: Date;
  readonly error?: string;
  readonly failingSince?: Date;
  readonly nextRetryAt?: Date;
}

export interface RelayLag {
  /** The stored checkpoint: the same for every instance, leader or standby. */
  readonly position: bigint;
  readonly head: bigint;
  readonly positionsBehind: bigint;
  /** Age of the oldest event not yet published (0 when caught up). */
  readonly secondsBehind: number;
}

/**
 * Publishes the global log to Kafka in global order, in batches, from its stored checkpoint, on
 * the one instance that holds its leader lock. The checkpoint moves only after the broker
 * acknowledged a whole batch, so a crash in between publishes that batch again on restart
 * (at-least-once; consumers deduplicate by event id) and never skips one. While the broker is
 * unreachable it retries the same batch with a growing backoff; appends are not affected.
 */
export class KafkaRelay {
  private readonly name: string;
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly standbyRetryMs: number;
  private readonly backoff: { readonly initialMs: number; readonly maxMs: number };
  private state: RelayState = 'stopped';
  private position = 0n;
  private auditPosition = 0n;
  private published = 0;
  private skipped = 0;
  private lastPublishedAt: Date | undefined;
  private error: string | undefined;
  private failingSince: Date | undefined;
  private nextRetryAt: Date | undefined;
  private failures = 0;
  private topicsReady = false;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private prefetched: { from: bigint; events: Promise<RecordedEvent[]> } | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly lock: LeaderLock,
    private readonly publisher: MessagePublisher,
    private readonly topics: TopicMap,
    private readonly options: KafkaRelayOptions = {},
  ) {
    this.name = options.name ?? RELAY_CHECKPOINT;
    this.batchSize = options.batchSize ?? 2000;
    this.idleMs = options.idleMs ?? 100;
    this.standbyRetryMs = options.standbyRetryMs ?? 2_000;
    this.backoff = options.backoff ?? { initialMs: 250, maxMs: 10_000 };
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new RangeError('batchSize must be >= 1');
  }

  get auditCheckpointName(): string {
    return `${this.name}:audit-checkpoints`;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.state = 'standby';
    this.loop = this.run();
  }

  /** Stops after the batch in flight (its checkpoint is stored if the broker acknowledged it) and lets go of the lead. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    this.prefetched = undefined;
    await this.lock.release();
    this.state = 'stopped';
  }

  status(): RelayStatus {
    return {
      name: this.name,
      state: this.state,
      position: this.position,
      publishedSinceStart: this.published,
      skippedSinceStart: this.skipped,
      ...(this.lastPublishedAt ? { lastPublishedAt: this.lastPublishedAt } : {}),
      ...(this.error ? { error: this.error } : {}),
      ...(this.failingSince ? { failingSince: this.failingSince } : {}),
      ...(this.nextRetryAt ? { nextRetryAt: this.nextRetryAt } : {}),
    };
  }

  /** How far the stored checkpoint is behind the head of the log. */
  async lag(now: Date = new Date()): Promise<RelayLag> {
    const [position, head] = await Promise.all([this.checkpoints.position(this.name), this.store.headPosition()]);
    const positionsBehind = head > position ? head - position : 0n;
    let secondsBehind = 0;
    if (positionsBehind > 0n) {
      const [next] = await this.store.readAll({ fromPosition: position, limit: 1 });
      if (next) secondsBehind = Math.max(0, (now.getTime() - next.recordedAt.getTime()) / 1000);
    }
    return { position, head, positionsBehind, secondsBehind };
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (!this.lock.held) {
          const led = await this.lock.tryAcquire(() => {
            this.prefetched = undefined;
            if (this.running) this.state = 'standby';
            this.wake?.();
          });
          if (!led) {
            this.state = 'standby';
            await this.sleep(this.standbyRetryMs);
            continue;
          }
          this.position = await this.checkpoints.position(this.name);
          if (this.options.auditCheckpoints) {
            this.auditPosition = await this.checkpoints.position(this.auditCheckpointName);
          }
          this.topicsReady = false;
          this.options.log?.('info', 'kafka relay leads', { position: this.position.toString() });
        }
        if (!this.topicsReady) {
          await this.publisher.ensureTopics(this.topics.specs());
          this.topicsReady = true;
        }
        const events = await this.publishNextBatch();
        const checkpoints = await this.publishAuditCheckpoints();
        this.recovered();
        if (events < this.batchSize && checkpoints === 0) await this.sleep(this.idleMs);
      } catch (error) {
        await this.failed(error);
      }
    }
  }

  /** Publishes the next batch after the checkpoint; returns how many events it read. */
  private async publishNextBatch(): Promise<number> {
    const from = this.position;
    const events = await this.read(from);
    if (events.length === 0 || !this.lock.held) return 0;
    const last = events[events.length - 1]!.globalPosition;
    if (events.length === this.batchSize) this.prefetch(last);
    const messages: OutboundMessage[] = [];
    for (const event of events) {
      const message = toMessage(event, this.topics);
      if (message) messages.push(message);
    }
    await this.publisher.publish(messages);
    await this.checkpoints.save(this.name, last);
    this.position = last;
    this.published += messages.length;
    this.skipped += events.length - messages.length;
    this.lastPublishedAt = new Date();
    return events.length;
  }

  private async publishAuditCheckpoints(): Promise<number> {
    const source = this.options.auditCheckpoints;
    if (!source || !this.lock.held) return 0;
    const checkpoints = await source.after(this.auditPosition, 100);
    if (checkpoints.length === 0) return 0;
    await this.publisher.publish(checkpoints.map((checkpoint) => toAuditCheckpointMessage(checkpoint, this.topics)));
    const last = checkpoints[checkpoints.length - 1]!.position;
    await this.checkpoints.save(this.auditCheckpointName, last);
    this.auditPosition = last;
    return checkpoints.length;
  }

  /** Reads a batch, using the one read ahead while the previous batch was being published. */
  private read(from: bigint): Promise<RecordedEvent[]> {
    const ahead = this.prefetched;
    this.prefetched = undefined;
    if (ahead?.from === from) return ahead.events;
    return this.store.readAll({ fromPosition: from, limit: this.batchSize });
  }

  private prefetch(from: bigint): void {
    const events = this.store.readAll({ fromPosition: from, limit: this.batchSize });
    events.catch(() => undefined);
    this.prefetched = { from, events };
  }

  private recovered(): void {
    if (this.failures > 0) {
      this.options.log?.('info', 'kafka relay publishes again', { position: this.position.toString() });
    }
    this.failures = 0;
    this.error = undefined;
    this.failingSince = undefined;
    this.nextRetryAt = undefined;
    if (this.lock.held) this.state = 'publishing';
  }

  private async failed(error: unknown): Promise<void> {
    this.prefetched = undefined;
    // Make sure of the topics again once the broker answers (it may be a new one).
    this.topicsReady = false;
    const message = error instanceof Error ? error.message || error.name : String(error);
    const delay = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** Math.min(this.failures, 20));
    this.failures++;
    if (this.failures === 1) this.failingSince = new Date();
    this.error = message;
    this.nextRetryAt = new Date(Date.now() + delay);
    if (this.running) this.state = 'retrying';
    this.options.log?.('warn', 'kafka relay cannot publish; retrying', {
      error: message,
      position: this.position.toString(),
      attempt: this.failures,
      retryInMs: delay,
    });
    await this.sleep(delay);
  }

  /** Waits, or less when stopped or when the lead is lost. */
  private sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
