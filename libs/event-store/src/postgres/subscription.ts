import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventFilter, RecordedEvent, SubscribeOptions, Subscription } from '../event-store.js';

export interface SubscriptionSource {
  /** Events readers may see after `fromPosition`, in global order. */
  read(fromPosition: bigint, limit: number, filter: EventFilter | undefined): Promise<RecordedEvent[]>;
  /** Called once when the subscription has ended. */
  done(subscription: PostgresSubscription): void;
}

/** Which subscription's handler is running, so that `stop()` called from inside it does not wait for itself. */
const handling = new AsyncLocalStorage<PostgresSubscription>();

/**
 * Catches up in batches, then follows the log: re-reads when woken (an append in this process, or
 * a NOTIFY from another one) and at least every poll interval. Events are delivered one at a time,
 * each after the previous handler settled, in strictly increasing position; the cursor only moves
 * past an event once its handler succeeded. A failing handler ends the subscription (onError gets
 * the error; resume from the last handled position); a failing read is reported and retried.
 */
export class PostgresSubscription implements Subscription {
  private position: bigint;
  private stopped = false;
  private woken = false;
  private wakeUp: (() => void) | undefined;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly source: SubscriptionSource,
    private readonly options: SubscribeOptions,
    private readonly settings: { pollIntervalMs: number; batchSize: number },
  ) {
    this.position = options.fromPosition ?? 0n;
  }

  /** The position of the last event handled (or the start position). */
  get lastPosition(): bigint {
    return this.position;
  }

  start(): void {
    this.loop = this.run().finally(() => this.source.done(this));
  }

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    if (handling.getStore() === this) return;
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      let batch: RecordedEvent[];
      this.woken = false;
      try {
        batch = await this.source.read(this.position, this.settings.batchSize, this.options.filter);
        failures = 0;
      } catch (error) {
        if (this.stopped) return;
        this.report(error);
        failures++;
        await this.pause(Math.min(this.settings.pollIntervalMs * 2 ** Math.min(failures, 5), 30_000), false);
        continue;
      }
      for (const event of batch) {
        if (this.stopped) return;
        try {
          await handling.run(this, () => this.options.onEvent(event));
        } catch (error) {
          this.stopped = true;
          this.report(error);
          return;
        }
        this.position = event.globalPosition;
      }
      if (batch.length < this.settings.batchSize && !this.woken && !this.stopped) {
        await this.pause(this.settings.pollIntervalMs, true);
      }
    }
  }

  /** Waits `ms`, or less when stopped (or, if `wakeable`, when woken). */
  private pause(ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = () => {
        if (wakeable || this.stopped) done();
      };
      if ((wakeable && this.woken) || this.stopped) done();
    });
  }

  private report(error: unknown): void {
    try {
      this.options.onError?.(error);
    } catch {
      // An error handler that throws must not kill the loop.
    }
  }
}
