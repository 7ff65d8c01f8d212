import { ChainTail } from '../chain/chain-tail.js';
import type { ChainCheckpoint } from '../chain/checkpoint.js';
import { createCheckpointSigner, type CheckpointSigner, type SigningKey } from '../chain/signing.js';
import type { ReadAllOptions, RecordedEvent, SubscribeOptions, Subscription } from '../event-store.js';
import type { CheckpointRevision, CheckpointStream } from './checkpoint-stream.js';

/** What the sealer needs of the EventStoreDB store: its log as stored, and its checkpoint stream. */
export interface CheckpointedLog {
  readAllAsStored(options: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAllAsStored(options: SubscribeOptions): Subscription;
  readonly chainCheckpoints: Pick<CheckpointStream, 'last' | 'append'>;
}

export interface EventStoreDbChainSealerOptions {
  /** Signs checkpoints; comes from configuration, never from the event store. */
  readonly signingKey: SigningKey;
  /** A signed checkpoint after every this many events (default 1000). */
  readonly checkpointEvery?: number;
  /** Events per read when catching up (default 2000). */
  readonly batchSize?: number;
  /** Wait before following again after the subscription dropped or failed (default 1000 ms). */
  readonly retryMs?: number;
  readonly onError?: (error: unknown) => void;
}

export interface ChainProgress {
  /** Position of the last signed checkpoint (0 when none). */
  readonly checkpointedUpTo: bigint;
  /** Position of the last event chained. */
  readonly chainedUpTo: bigint;
  /** Events chained since the last checkpoint, vouched for by no signature yet. */
  readonly pending: number;
}

/**
 * Seals an EventStoreDB log into the hash chain. EventStoreDB keeps no hash per event, so the chain
 * after the last checkpoint lives in memory: the sealer follows `$all` (a subscription that leaves
 * out system events and other stores' streams), chains each event as stored, and every
 * `checkpointEvery` events appends a checkpoint signed with a key from configuration to the
 * store's checkpoint stream. It trusts nothing in memory across restarts: it resumes from the last
 * checkpoint in the stream and chains again what came after it. Appends carry the expected
 * revision, so when two sealers race one of them loses, reloads the winner's checkpoint and goes on.
 */
export class EventStoreDbChainSealer {
  private readonly signer: CheckpointSigner;
  private readonly checkpointEvery: number;
  private readonly batchSize: number;
  private readonly retryMs: number;
  /** The chain since the last checkpoint, and the checkpoint stream's revision to append after. */
  private resumed: { tail: ChainTail; revision: CheckpointRevision } | undefined;
  private work: Promise<unknown> = Promise.resolve();
  private subscription: Subscription | undefined;
  private timer: NodeJS.Timeout | undefined;
  private started = false;

  constructor(
    private readonly log: CheckpointedLog,
    private readonly options: EventStoreDbChainSealerOptions,
  ) {
    this.signer = createCheckpointSigner(options.signingKey);
    this.checkpointEvery = options.checkpointEvery ?? 1000;
    this.batchSize = options.batchSize ?? 2000;
    this.retryMs = options.retryMs ?? 1000;
    if (!Number.isInteger(this.checkpointEvery) || this.checkpointEvery < 1)
      throw new RangeError('checkpointEvery must be >= 1');
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new RangeError('batchSize must be >= 1');
  }

  /** Chains every event up to now, signing a checkpoint every `checkpointEvery` events. */
  sealPending(): Promise<ChainProgress> {
    return this.serialized(async () => {
      await this.catchUp();
      return this.progress();
    });
  }

  /**
   * Chains what is pending, then signs a checkpoint at the last event (unless the latest checkpoint
   * is already there). Returns the latest checkpoint, or undefined when the log is empty.
   */
  checkpoint(): Promise<ChainCheckpoint | undefined> {
    return this.serialized(async () => {
      await this.catchUp();
      while ((await this.resume()).pending > 0) await this.record();
      return this.resumed?.tail.checkpoint;
    });
  }

  /** How far the chain has got in this process (nothing before the first call or `start()`). */
  progress(): ChainProgress {
    const tail = this.resumed?.tail;
    return {
      checkpointedUpTo: tail?.checkpoint?.position ?? 0n,
      chainedUpTo: tail?.position ?? 0n,
      pending: tail?.pending ?? 0,
    };
  }

  /** Follows `$all` in the background until `stop()`, following again after a failure. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.follow();
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.stop();
    await this.work.catch(() => undefined);
  }

  private follow(): void {
    const retry = (error: unknown) => {
      this.subscription = undefined;
      this.report(error);
      if (this.started) this.timer = setTimeout(() => this.follow(), this.retryMs);
    };
    this.serialized(() => this.resume())
      .then((tail) => {
        if (!this.started) return;
        this.subscription = this.log.subscribeToAllAsStored({
          fromPosition: tail.position,
          onEvent: (event) => this.serialized(() => this.add(event)),
          onError: retry,
        });
      })
      .catch(retry);
  }

  /** Runs one piece of work at a time: the subscription, catch-ups and on-demand checkpoints share the tail. */
  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const result = this.work.then(work);
    this.work = result.catch(() => undefined);
    return result;
  }

  private async resume(): Promise<ChainTail> {
    if (!this.resumed) {
      const { checkpoint, revision } = await this.log.chainCheckpoints.last();
      this.resumed = { tail: new ChainTail(checkpoint), revision };
    }
    return this.resumed.tail;
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const tail = await this.resume();
      const page = await this.log.readAllAsStored({ fromPosition: tail.position, limit: this.batchSize });
      for (const event of page) await this.add(event);
      if (page.length < this.batchSize) return;
    }
  }

  private async add(event: RecordedEvent): Promise<void> {
    const tail = await this.resume();
    // Already chained: delivered again after a catch-up, or covered by another sealer's checkpoint.
    if (event.globalPosition <= tail.position) return;
    tail.add(event);
    if (tail.pending >= this.checkpointEvery) await this.record();
  }

  /** Signs and appends a checkpoint of the pending events; after losing a race, continues from the winner's. */
  private async record(): Promise<void> {
    const { tail, revision } = this.resumed!;
    const checkpoint = tail.sign(this.signer, new Date())!;
    const next = await this.log.chainCheckpoints.append(checkpoint, revision);
    if (next === undefined) {
      this.resumed = undefined;
      await this.catchUp();
      return;
    }
    this.resumed = { tail: new ChainTail(checkpoint), revision: next };
  }

  private report(error: unknown): void {
    try {
      this.options.onError?.(error);
    } catch {
      // An error handler that throws must not stop the sealer.
    }
  }
}
