import type pg from 'pg';
import { FollowingWait, type EventStore, type RecordedEvent } from '@lib/event-store';
import { CheckpointStore } from './checkpoint-store.js';
import type { LeaderLock } from './leader-lock.js';
import { LogFeed } from './log-feed.js';
import { CheckpointMovedError, applyAndCheckpoint, errorMessage, projectionCheckpoint } from './projection-batch.js';
import type { Projection } from './projection.js';

export interface ProjectorOptions {
  /** Events read and applied per transaction (default 2000). */
  readonly batchSize?: number;
  /** How often an idle projector looks for new events when nothing wakes it (default 1 s). */
  readonly pollIntervalMs?: number;
  /** How long a standby waits before trying to lead again, and a failed projector before retrying (default 2 s). */
  readonly retryMs?: number;
  readonly log?: (level: 'info' | 'warn' | 'error', message: string, detail?: Record<string, unknown>) => void;
}

export interface ProjectorFailure {
  readonly position: bigint;
  readonly message: string;
  readonly at: Date;
}

export interface ProjectorStatus {
  readonly name: string;
  /** On this instance: `running` leads and applies; `standby` waits for the lead; `failed` is stuck at an event. */
  readonly state: 'stopped' | 'standby' | 'running' | 'failed';
  /** The last checkpoint this instance saw or wrote. */
  readonly position: bigint;
  readonly failure?: ProjectorFailure;
}

/** An event the projection could not apply: it stopped before it. */
export class ProjectionFailedError extends Error {
  constructor(
    readonly projection: string,
    readonly position: bigint,
    cause: unknown,
  ) {
    super(`Projection ${projection} failed on the event at position ${position}: ${errorMessage(cause)}`, { cause });
  }
}

/**
 * Runs one projection: while it holds the projection's leader lock, it reads
 * the log after the stored checkpoint in batches and applies each batch with
 * the checkpoint move in one transaction. A failing batch is rolled back and
 * re-applied event by event, so the events before the failing one are kept
 * and the checkpoint stops right before it; the failure is recorded with the
 * checkpoint and retried after `retryMs`. Nothing is trusted from memory: each
 * round starts from the stored checkpoint, and the write transaction refuses
 * to commit if the checkpoint moved under it.
 */
export class Projector {
  private state: ProjectorStatus['state'] = 'stopped';
  private position = 0n;
  private failure: ProjectorFailure | undefined;
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private readonly waiting = new FollowingWait(() => !this.running);
  /**
   * The checkpoint this instance last read or wrote while leading: it saves reading it before every
   * batch, and is safe because the write transaction refuses a checkpoint that moved since.
   */
  private checkpoint: bigint | undefined;
  private readonly checkpoints: CheckpointStore;
  private readonly checkpointName: string;

  constructor(
    readonly projection: Projection,
    private readonly pool: pg.Pool,
    store: EventStore,
    private readonly lock: LeaderLock,
    private readonly options: ProjectorOptions = {},
    /** Where it reads the log: a feed shared with the other projectors of the process, or its own. */
    private readonly feed = new LogFeed(store, options.batchSize),
  ) {
    this.checkpoints = new CheckpointStore(pool);
    this.checkpointName = projectionCheckpoint(projection.name);
  }

  get name(): string {
    return this.projection.name;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.state = 'standby';
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await this.lock.release();
    this.state = 'stopped';
  }

  /** New events may be there: look now rather than at the next poll. */
  wake(): void {
    this.waiting.wake();
  }

  status(): ProjectorStatus {
    return {
      name: this.projection.name,
      state: this.state,
      position: this.position,
      ...(this.failure ? { failure: this.failure } : {}),
    };
  }

  private async run(): Promise<void> {
    const retryMs = this.options.retryMs ?? 2_000;
    while (this.running) {
      if (!this.lock.held) {
        this.checkpoint = undefined;
        const led = await this.lock
          .tryAcquire(() => this.wake())
          .catch((error: unknown) => {
            this.log('warn', 'cannot reach the database to take the lead', { error: errorMessage(error) });
            return false;
          });
        if (!led) {
          if (this.state !== 'failed') this.state = 'standby';
          await this.waiting.pause(retryMs, false);
          continue;
        }
        this.log('info', 'leads');
        if (!this.failure) this.state = 'running';
      }
      try {
        this.waiting.woken = false;
        const more = await this.step();
        if (!more) await this.waiting.pause(this.options.pollIntervalMs ?? 1_000, true);
      } catch (error) {
        this.checkpoint = undefined;
        if (error instanceof CheckpointMovedError) {
          this.log('info', 'its checkpoint was moved by another writer; resuming from it');
          continue;
        }
        if (!(error instanceof ProjectionFailedError)) {
          this.log('warn', 'cannot read or write', { error: errorMessage(error) });
        }
        await this.waiting.pause(retryMs, false);
      }
    }
  }

  /** One round: applies the next batch; answers whether more may be waiting. */
  private async step(): Promise<boolean> {
    const from = this.checkpoint ?? (await this.checkpoints.position(this.checkpointName));
    this.position = from;
    this.checkpoint = from;
    const { events, to, more } = await this.feed.next(from, this.projection.eventTypes);
    if (to <= from) return false;
    try {
      await applyAndCheckpoint(this.pool, this.projection, events, from, to);
    } catch (error) {
      if (error instanceof CheckpointMovedError || events.length === 0) throw error;
      this.checkpoint = undefined;
      await this.applyOneByOne(events, from, error);
      return true;
    }
    this.position = to;
    this.checkpoint = to;
    this.succeeded();
    return more;
  }

  /** The batch failed: keep what applies, and stop right before the event that does not. */
  private async applyOneByOne(events: readonly RecordedEvent[], from: bigint, batchError: unknown): Promise<void> {
    let at = from;
    for (const event of events) {
      try {
        await applyAndCheckpoint(this.pool, this.projection, [event], at, event.globalPosition);
      } catch (error) {
        if (error instanceof CheckpointMovedError) throw error;
        await this.failed(event, events.length === 1 ? batchError : error);
      }
      at = event.globalPosition;
      this.position = at;
    }
    // Every event applied on its own: the batch failed for a passing reason.
    this.succeeded();
  }

  private async failed(event: RecordedEvent, error: unknown): Promise<never> {
    const failure = { position: event.globalPosition, message: errorMessage(error), at: new Date() };
    this.failure = failure;
    this.state = 'failed';
    this.log('error', `stopped at position ${failure.position} (${event.type} of ${event.streamId})`, {
      position: failure.position.toString(),
      eventId: event.eventId,
      error: failure.message,
    });
    await this.checkpoints
      .recordFailure(this.checkpointName, failure.position, failure.message)
      .catch((recordError: unknown) =>
        this.log('warn', 'cannot record the failure', { error: errorMessage(recordError) }),
      );
    throw new ProjectionFailedError(this.projection.name, failure.position, error);
  }

  private succeeded(): void {
    if (this.failure) this.log('info', `applies again past position ${this.failure.position}`);
    this.failure = undefined;
    if (this.lock.held) this.state = 'running';
  }

  private log(level: 'info' | 'warn' | 'error', message: string, detail?: Record<string, unknown>): void {
    this.options.log?.(level, `projection ${this.projection.name}: ${message}`, detail);
  }
}
