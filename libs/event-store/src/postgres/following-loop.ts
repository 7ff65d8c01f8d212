import { FollowingWait } from '../following-wait.js';

/**
 * What a subscription and a head watch share: a loop that runs again when woken (an append in this
 * process, or a NOTIFY from another one) and at least every poll interval, backs off after failed
 * reads, and ends at once when stopped.
 */
export abstract class FollowingLoop {
  protected stopped = false;
  protected readonly waiting = new FollowingWait(() => this.stopped);
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly onError: ((error: unknown) => void) | undefined,
    protected readonly pollIntervalMs: number,
  ) {}

  start(): void {
    this.loop = this.run().finally(() => this.ended());
  }

  wake(): void {
    this.waiting.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    if (this.stoppedFromInside()) return;
    await this.loop;
  }

  protected abstract run(): Promise<void>;

  /** Called once when the loop has ended. */
  protected abstract ended(): void;

  /** Whether `stop()` is called from the loop itself, which must then not wait for itself. */
  protected stoppedFromInside(): boolean {
    return false;
  }

  /** Reports a failed read and waits before the next attempt, longer after each failure in a row. */
  protected async failed(error: unknown, failures: number): Promise<void> {
    this.report(error);
    await this.waiting.pause(Math.min(this.pollIntervalMs * 2 ** Math.min(failures, 5), 30_000), false);
  }

  protected report(error: unknown): void {
    try {
      this.onError?.(error);
    } catch {
      // An error handler that throws must not kill the loop.
    }
  }
}
