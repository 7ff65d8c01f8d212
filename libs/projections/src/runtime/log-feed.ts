import type { EventStore, RecordedEvent } from '@lib/event-store';

/** The next events of one projection, and the position its checkpoint may move to with them. */
export interface FeedBatch {
  readonly events: readonly RecordedEvent[];
  /** Every event of the projection's types up to here is in `events`; equals `from` when nothing is new. */
  readonly to: bigint;
  /** The read was cut at the batch size: more may be waiting. */
  readonly more: boolean;
}

interface Request {
  readonly from: bigint;
  readonly types: ReadonlySet<string> | undefined;
  readonly resolve: (batch: FeedBatch) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Reads the log for the projectors of one process. Projectors woken by the same append ask together,
 * and one read of the head and one read of the log serve them all (each still applies its share in
 * its own transaction, with its own checkpoint): the cost of following the log does not grow with
 * the number of projections. Requests made while a read is under way wait for the next one.
 */
export class LogFeed {
  private waiting: Request[] = [];
  private serving = false;

  constructor(
    private readonly store: EventStore,
    private readonly batchSize = 2_000,
  ) {}

  /** The events after `from` of `types` (all when omitted), up to the batch size. */
  next(from: bigint, types?: readonly string[]): Promise<FeedBatch> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ from, types: types ? new Set(types) : undefined, resolve, reject });
      if (!this.serving) {
        this.serving = true;
        // Lets the other projectors woken in this turn of the event loop join the read.
        setImmediate(() => void this.serve());
      }
    });
  }

  private async serve(): Promise<void> {
    const requests = this.waiting;
    this.waiting = [];
    try {
      await this.read(requests);
    } catch (error) {
      for (const request of requests) request.reject(error);
    }
    if (this.waiting.length > 0) setImmediate(() => void this.serve());
    else this.serving = false;
  }

  private async read(requests: readonly Request[]): Promise<void> {
    const filter = unionOf(requests);
    // Read for every type, a short page ends at the newest event there is: the head adds nothing.
    const head = filter ? await this.store.headPosition() : undefined;
    const behind = head === undefined ? requests : requests.filter((request) => request.from < head);
    for (const request of requests) if (!behind.includes(request)) request.resolve(nothingAfter(request.from));
    if (behind.length === 0) return;
    const from = behind.reduce((min, request) => (request.from < min ? request.from : min), behind[0]!.from);
    const page = await this.store.readAll({ fromPosition: from, limit: this.batchSize, filter });
    const full = page.length === this.batchSize;
    const last = page.length > 0 ? page[page.length - 1]!.globalPosition : from;
    // A short page holds every event of the types read up to the head read before it.
    const covered = head === undefined || full || last > head ? last : head;
    for (const request of behind) {
      if (covered > request.from) {
        const events = page.filter(
          (event) => event.globalPosition > request.from && (!request.types || request.types.has(event.type)),
        );
        request.resolve({ events, to: covered, more: full });
      } else if (full) {
        // Ahead of the others by more than a page: it reads on its own.
        request.resolve(await this.readFor(request, head ?? (await this.store.headPosition())));
      } else {
        request.resolve(nothingAfter(request.from));
      }
    }
  }

  private async readFor(request: Request, head: bigint): Promise<FeedBatch> {
    const events = await this.store.readAll({
      fromPosition: request.from,
      limit: this.batchSize,
      filter: request.types ? { types: [...request.types] } : undefined,
    });
    const full = events.length === this.batchSize;
    const last = events.length > 0 ? events[events.length - 1]!.globalPosition : request.from;
    return { events, to: full || last > head ? last : head, more: full };
  }
}

const nothingAfter = (from: bigint): FeedBatch => ({ events: [], to: from, more: false });

/** The types the requests read together; all when any of them reads every type. */
function unionOf(requests: readonly Request[]) {
  if (requests.some((request) => !request.types)) return undefined;
  return { types: [...new Set(requests.flatMap((request) => [...request.types!]))] };
}
