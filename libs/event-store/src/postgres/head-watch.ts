import type { Subscription, WatchHeadOptions } from '../event-store.js';

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
export class PostgresHeadWatch implements Subscription {
  private position: bigint;
  private stopped = false;
  private woken = false;
  private wakeUp: (() => void) | undefined;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly source: HeadSource,
    private readonly options: WatchHeadOptions,
    private readonly pollIntervalMs: number,
  ) {
    this.position = options.fromPosition ?? 0n;
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
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      this.woken = false;
      let position: bigint;
      try {
        position = await this.source.safePosition();
        failures = 0;
      } catch (error) {
        if (this.stopped) return;
        this.report(error);
        failures++;
        await this.pause(Math.min(this.pollIntervalMs * 2 ** Math.min(failures, 5), 30_000), false);
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
      if (!this.woken && !this.stopped) await this.pause(this.pollIntervalMs, true);
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
      if (this.stopped) done();
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
