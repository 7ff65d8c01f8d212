/**
 * The wait of a loop that follows the log, between one look and the next: it ends early when the
 * loop stops and, where the wait allows it, when the loop is woken (new events may be there).
 */
export class FollowingWait {
  /** Woken since the loop last set this back, before it looked. */
  woken = false;
  private cutShort: (() => void) | undefined;

  constructor(private readonly stopped: () => boolean) {}

  /** New events may be there; a loop being stopped is woken too, to notice. */
  wake(): void {
    this.woken = true;
    this.cutShort?.();
  }

  /** Waits `ms`, or less when stopped (or, if `wakeable`, when woken). */
  pause(ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.cutShort = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.cutShort = () => {
        if (wakeable || this.stopped()) done();
      };
      if ((wakeable && this.woken) || this.stopped()) done();
    });
  }
}
