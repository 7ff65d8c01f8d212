import type { EventFilter, EventStore, RecordedEvent, Subscription } from '@lib/event-store';
import type { CheckpointStore } from './checkpoint-store.js';
import type { LeaderLock } from './leader-lock.js';

export interface LogProcessorOptions {
  readonly name: string;
  readonly filter?: EventFilter;
  /** Handles one event; the checkpoint moves past it only when this settles. */
  readonly handle: (event: RecordedEvent) => Promise<void>;
  /** How often a standby tries to take the lead, and a failed processor retries (default 2 s). */
  readonly retryMs?: number;
  readonly log?: (message: string, detail?: Record<string, unknown>) => void;
}

export interface LogProcessorStatus {
  readonly name: string;
  readonly state: 'stopped' | 'standby' | 'running' | 'failed';
  readonly position: bigint;
  readonly failure?: { position: bigint; message: string };
}

/**
 * Follows the global log from its stored checkpoint, one event at a time,
 * while it holds its leader lock. A failing event stops it at that event:
 * the failure is recorded, the checkpoint stays before it, and it tries
 * again after `retryMs`, so a transient fault heals and a lasting one stays
 * visible in its status.
 */
export class LogProcessor {
  private state: LogProcessorStatus['state'] = 'stopped';
  private position = 0n;
  private failure: LogProcessorStatus['failure'];
  private subscription: Subscription | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly lock: LeaderLock,
    private readonly options: LogProcessorOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.state = 'standby';
    void this.lead();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.subscription?.stop();
    this.subscription = undefined;
    await this.lock.release();
    this.state = 'stopped';
  }

  status(): LogProcessorStatus {
    return {
      name: this.options.name,
      state: this.state,
      position: this.position,
      ...(this.failure ? { failure: this.failure } : {}),
    };
  }

  private retryLater(): void {
    if (!this.running) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.lead(), this.options.retryMs ?? 2_000);
  }

  private async lead(): Promise<void> {
    if (!this.running) return;
    try {
      if (!this.lock.held && !(await this.lock.tryAcquire(() => void this.lostLead()))) return this.retryLater();
      this.position = await this.checkpoints.position(this.options.name);
      this.state = 'running';
      this.subscription = this.store.subscribeToAll({
        fromPosition: this.position,
        filter: this.options.filter,
        onEvent: (event) => this.process(event),
        onError: (error) => void this.failed(error),
      });
    } catch (error) {
      this.options.log?.(`${this.options.name}: cannot start`, { error: String(error) });
      this.retryLater();
    }
  }

  private async process(event: RecordedEvent): Promise<void> {
    try {
      await this.options.handle(event);
    } catch (error) {
      this.failure = {
        position: event.globalPosition,
        message: error instanceof Error ? error.message : String(error),
      };
      await this.checkpoints
        .recordFailure(this.options.name, event.globalPosition, this.failure.message)
        .catch(() => undefined);
      throw error;
    }
    await this.checkpoints.save(this.options.name, event.globalPosition);
    this.position = event.globalPosition;
    this.failure = undefined;
  }

  /** The subscription ended on an error (a failed event, or the database): start again from the checkpoint. */
  private async failed(error: unknown): Promise<void> {
    this.options.log?.(`${this.options.name}: stopped at position ${this.failure?.position ?? this.position}`, {
      error: error instanceof Error ? error.message : String(error),
    });
    const ended = this.subscription;
    this.subscription = undefined;
    await ended?.stop();
    if (this.failure) this.state = 'failed';
    this.retryLater();
  }

  private async lostLead(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
    if (this.running) this.state = 'standby';
    this.retryLater();
  }
}
