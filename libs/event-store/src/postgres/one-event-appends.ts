import type { NewEvent } from '../event-store.js';

/** A one-event append as the store sends it: the expected version is encoded (-1 no stream, -2 any). */
export interface OneEventAppend {
  readonly streamId: string;
  readonly expected: number;
  readonly event: NewEvent;
}

/** Where an append went; undefined when it could not simply be appended (the precise path decides). */
export type OneEventAppended = { readonly streamVersion: string; readonly position: string } | undefined;

interface Queued {
  readonly append: OneEventAppend;
  readonly resolve: (appended: OneEventAppended) => void;
  readonly reject: (error: unknown) => void;
}

/** Appends sent together at most: a statement's arrays stay small. */
const MOST_PER_STATEMENT = 200;

/**
 * Group commit of one-event appends. An append made while another is on its way waits for it, and
 * then goes with every other waiting append in one statement and one commit, one per stream (a
 * second append to the same stream waits for the next statement). Alone, an append goes at once.
 * Under load this saves a round trip, a statement and a commit per event, on both sides.
 */
export class OneEventAppends {
  private queued: Queued[] = [];
  private sending = false;

  constructor(private readonly send: (appends: readonly OneEventAppend[]) => Promise<OneEventAppended[]>) {}

  append(append: OneEventAppend): Promise<OneEventAppended> {
    return new Promise((resolve, reject) => {
      this.queued.push({ append, resolve, reject });
      if (!this.sending) void this.sendQueued();
    });
  }

  private async sendQueued(): Promise<void> {
    this.sending = true;
    while (this.queued.length > 0) {
      const batch = this.nextBatch();
      try {
        const appended = await this.send(batch.map((queued) => queued.append));
        batch.forEach((queued, i) => queued.resolve(appended[i]));
      } catch (error) {
        for (const queued of batch) queued.reject(error);
      }
    }
    this.sending = false;
  }

  /** The oldest waiting appends, one per stream, in the order they were made. */
  private nextBatch(): Queued[] {
    const streams = new Set<string>();
    const batch: Queued[] = [];
    const rest: Queued[] = [];
    for (const queued of this.queued) {
      if (batch.length < MOST_PER_STATEMENT && !streams.has(queued.append.streamId)) {
        streams.add(queued.append.streamId);
        batch.push(queued);
      } else {
        rest.push(queued);
      }
    }
    this.queued = rest;
    return batch;
  }
}
