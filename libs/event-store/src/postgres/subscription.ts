import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventFilter, RecordedEvent, SubscribeOptions, Subscription } from '../event-store.js';
import { FollowingLoop } from './following-loop.js';

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
export class PostgresSubscription extends FollowingLoop implements Subscription {
  private position: bigint;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly options: SubscribeOptions,
    private readonly settings: { pollIntervalMs: number; batchSize: number },
  ) {
    super(options.onError, settings.pollIntervalMs);
    this.position = options.fromPosition ?? 0n;
  }

  /** The position of the last event handled (or the start position). */
  get lastPosition(): bigint {
    return this.position;
  }

  protected ended(): void {
    this.source.done(this);
  }

  protected override stoppedFromInside(): boolean {
    return handling.getStore() === this;
  }

  protected async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      let batch: RecordedEvent[];
      this.waiting.woken = false;
      try {
        batch = await this.source.read(this.position, this.settings.batchSize, this.options.filter);
        failures = 0;
      } catch (error) {
        if (this.stopped) return;
        await this.failed(error, ++failures);
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
      // A wake-up or a stop since the read ends the pause at once.
      if (batch.length < this.settings.batchSize) await this.waiting.pause(this.pollIntervalMs, true);
    }
  }
}
