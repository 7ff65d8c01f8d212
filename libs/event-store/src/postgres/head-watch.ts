import type { Subscription, WatchHeadOptions } from '../event-store.js';
import { FollowingLoop } from './following-loop.js';

export interface HeadSource {
  /** The position up to which the log is final. */
  safePosition(): Promise<bigint>;
  /** Called once when the watch has ended. */
  done(watch: PostgresHeadWatch): void;
}

/**
 * Follows how far the log is final without reading events: asks for the safe position when woken
 * (an append in this process, or a NOTIFY from another one) and at least every poll interval, and
 * reports it when it grew. A failing read is reported and retried.
 */
export class PostgresHeadWatch extends FollowingLoop implements Subscription {
  private position: bigint;

  constructor(
    private readonly source: HeadSource,
    private readonly options: WatchHeadOptions,
    pollIntervalMs: number,
  ) {
    super(options.onError, pollIntervalMs);
    this.position = options.fromPosition ?? 0n;
  }

  protected ended(): void {
    this.source.done(this);
  }

  protected async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      this.waiting.woken = false;
      let position: bigint;
      try {
        position = await this.source.safePosition();
        failures = 0;
      } catch (error) {
        if (this.stopped) return;
        await this.failed(error, ++failures);
        continue;
      }
      if (position > this.position && !this.stopped) {
        this.position = position;
        try {
          this.options.onAdvance(position);
        } catch (error) {
          this.report(error);
        }
      }
      // A wake-up or a stop since the read ends the pause at once.
      await this.waiting.pause(this.pollIntervalMs, true);
    }
  }
}
