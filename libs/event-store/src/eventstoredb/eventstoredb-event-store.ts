import { AsyncLocalStorage } from 'node:async_hooks';
import {
  BACKWARDS,
  END,
  ErrorType,
  EventStoreDBClient,
  FORWARDS,
  START,
  isCommandError,
  type AllStreamRecordedEvent,
  type Position,
  type ReadPosition,
  type RecordedEvent as EsdbRecordedEvent,
  type StreamingRead,
} from '@eventstore/db-client';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../errors.js';
import { UpcasterRegistry } from '../upcasting/upcaster-registry.js';
import type {
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  WatchHeadOptions,
} from '../event-store.js';
import {
  StoreEventMatcher,
  StreamNaming,
  sameContent,
  toActualVersion,
  toEventData,
  toExpectedRevision,
  toGlobalPosition,
  toReadPosition,
  toRecordedEvent,
  toServerFilter,
} from './mapping.js';
import { checkpointStreamName } from './checkpoint-record.js';
import { CheckpointStream } from './checkpoint-stream.js';

export interface EventStoreDbEventStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false`; credentials go in it (`esdb://admin:changeit@host:2113`). */
  readonly connectionString?: string;
  /** A client to use instead of a connection string; `close()` then leaves it open. */
  readonly client?: EventStoreDBClient;
  /** Prepended to every stream id to form the ESDB stream name (default: none). Must not start with `$`. */
  readonly streamPrefix?: string;
  /** How many events one `$all` read request fetches (default 500, at least 2). */
  readonly readPageSize?: number;
  /** Applied on every read (readStream, readAll, subscriptions); events stay stored as written. */
  readonly upcasters?: UpcasterRegistry;
}

const isEsdbError = (error: unknown, type: ErrorType): boolean =>
  error instanceof Error && isCommandError(error) && error.type === type;

const notify = (onError: ((error: unknown) => void) | undefined, error: unknown): void => {
  try {
    onError?.(error);
  } catch {
    // An error handler that throws must not turn into an unhandled rejection.
  }
};

/**
 * Visits a read until `visit` returns false, then drains the rest of it unvisited. Reads are bounded
 * (a page, or one stream), and one left early by the consumer is never ended by the client: it would
 * hold `client.dispose()` forever once the server had already sent all of it.
 */
async function readEach<T>(read: StreamingRead<T>, visit: (item: T) => boolean | void): Promise<void> {
  let done = false;
  let failure: { error: unknown } | undefined;
  for await (const item of read) {
    if (done) continue;
    try {
      if (visit(item) === false) done = true;
    } catch (error) {
      failure = { error };
      done = true;
    }
  }
  if (failure) throw failure.error;
}

/** Total order of `$all` positions. */
const compare = (a: Position, b: Position): number =>
  a.commit === b.commit ? (a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1) : a.commit < b.commit ? -1 : 1;

/**
 * The event store port on EventStoreDB (gRPC client `@eventstore/db-client`).
 *
 * - Streams: port stream `s` is ESDB stream `streamPrefix + s`; `$all` reads and subscriptions see
 *   only streams with that prefix and never system (`$`) streams or event types.
 * - Global position: the ESDB commit position (strictly increasing, not dense).
 * - Event ids are ESDB event ids. ESDB makes a retry with the same ids idempotent; the adapter reads the
 *   stored events back to return their positions and to refuse the same id with other content.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly naming: StreamNaming;
  readonly upcasters: UpcasterRegistry;
  /** Where the signed checkpoints of this store's hash chain are kept (see `EventStoreDbChainSealer`). */
  readonly chainCheckpoints: CheckpointStream;
  private readonly client: EventStoreDBClient;
  private readonly ownsClient: boolean;
  private readonly pageSize: number;
  private readonly subscriptions = new Set<Subscription>();
  private readonly delivering = new AsyncLocalStorage<object>();
  private closed = false;

  constructor(options: EventStoreDbEventStoreOptions) {
    if (options.client) {
      this.client = options.client;
      this.ownsClient = false;
    } else if (options.connectionString) {
      this.client = EventStoreDBClient.connectionString(options.connectionString);
      this.ownsClient = true;
    } else {
      throw new Error('EventStoreDbEventStore needs a connectionString or a client');
    }
    this.naming = new StreamNaming(options.streamPrefix ?? '');
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.chainCheckpoints = new CheckpointStream(this.client, checkpointStreamName(this.naming));
    this.pageSize = options.readPageSize ?? 500;
    // A page read from a position starts with the event at it, so a page must hold at least two.
    if (!Number.isSafeInteger(this.pageSize) || this.pageSize < 2) {
      throw new RangeError('readPageSize must be at least 2');
    }
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedVersion: ExpectedVersion },
  ): Promise<AppendResult> {
    const streamName = this.naming.toStreamName(streamId);
    const expectedRevision = toExpectedRevision(options.expectedVersion);
    const ids = new Set(events.map((event) => event.eventId.toLowerCase()));
    if (ids.size !== events.length) throw new RangeError('An append must not carry the same event id twice');
    if (events.length === 0) return this.appendNothing(streamId, streamName, options.expectedVersion);
    // ESDB only recognises a retry at the same expected version; an id already in the stream is
    // found here whatever the expected version: the same events give back the original result.
    const earlier = await this.findStored(streamName, events);
    if (earlier) return earlier;

    let lastRevision: bigint;
    try {
      const result = await this.client.appendToStream(streamName, events.map(toEventData), {
        expectedRevision,
        requiresLeader: true,
      });
      lastRevision = result.nextExpectedRevision;
    } catch (error) {
      if (!isEsdbError(error, ErrorType.WRONG_EXPECTED_VERSION)) throw error;
      // A retry whose expected version is stale by now: the same events may be stored already.
      const original = await this.findStored(streamName, events);
      if (original) return original;
      const actual = (error as { actualVersion: Parameters<typeof toActualVersion>[0] }).actualVersion;
      throw new WrongExpectedVersionError(streamId, options.expectedVersion, toActualVersion(actual));
    }

    // A fresh write and an idempotent one (ESDB answers a retry with the original revisions) both end
    // at `lastRevision`; read the batch back for its $all positions and to compare content.
    const firstRevision = lastRevision - BigInt(events.length) + 1n;
    const stored = firstRevision >= 0n ? await this.readRevisions(streamName, firstRevision, events.length) : [];
    const matched = this.matchStored(events, stored);
    if (matched) return matched;
    const found = await this.findStored(streamName, events);
    if (found) return found;
    throw new Error(`Append to ${streamName} succeeded, but the events were not found at revision ${firstRevision}`);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const streamName = this.naming.toStreamName(streamId);
    const fromVersion = options.fromVersion ?? 0;
    if (!Number.isSafeInteger(fromVersion) || fromVersion < 0) throw new RangeError('fromVersion must be >= 0');
    const toVersion = options.toVersion;
    if (toVersion !== undefined && toVersion < fromVersion) return [];
    const asOf = options.asOf?.getTime();
    const out: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamName, {
        fromRevision: BigInt(fromVersion),
        direction: FORWARDS,
        ...(toVersion === undefined ? {} : { maxCount: BigInt(toVersion - fromVersion + 1) }),
      });
      await readEach(read, ({ event }) => {
        if (!event) return;
        // The state "as of" an instant is a prefix of the stream: stop at the first later event.
        if (asOf !== undefined && event.created.getTime() > asOf) return false;
        out.push(this.upcasters.upcast(toRecordedEvent(this.naming, event)));
      });
    } catch (error) {
      if (isEsdbError(error, ErrorType.STREAM_NOT_FOUND)) return [];
      throw error;
    }
    return out;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return (await this.readAllAsStored(options)).map((event) => this.upcasters.upcast(event));
  }

  /** `readAll` without upcasting: the events exactly as stored (what the hash chain covers). */
  async readAllAsStored(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.fromPosition ?? 0n;
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const matcher = new StoreEventMatcher(this.naming, options.filter);
    const out: RecordedEvent[] = [];
    if (limit <= 0) return out;
    // The 6.x client reads $all without a server-side filter: page through it and filter here.
    let from: ReadPosition = toReadPosition(after);
    let last: Position | undefined;
    for (;;) {
      let count = 0;
      const read = this.client.readAll({ fromPosition: from, maxCount: this.pageSize, direction: FORWARDS });
      await readEach(read, ({ event }) => {
        count += 1;
        if (!event || (last !== undefined && compare(event.position, last) <= 0)) return;
        last = event.position;
        if (after > 0n && toGlobalPosition(event.position) <= after) return;
        if (!matcher.matches(event)) return;
        out.push(toRecordedEvent(this.naming, event));
        return out.length < limit;
      });
      if (out.length >= limit || count < this.pageSize || last === undefined) return out;
      from = last;
    }
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    return this.subscribe(options, (event) => this.upcasters.upcast(event));
  }

  /** `subscribeToAll` without upcasting: the events exactly as stored (what the hash chain covers). */
  subscribeToAllAsStored(options: SubscribeOptions): Subscription {
    return this.subscribe(options, (event) => event);
  }

  /** ESDB pushes every event of $all as it commits: its positions tell how far the log is final. */
  watchHead(options: WatchHeadOptions): Subscription {
    return this.subscribe(
      {
        fromPosition: options.fromPosition,
        onEvent: (event) => options.onAdvance(event.globalPosition),
        onError: options.onError,
      },
      (event) => event,
    );
  }

  async headPosition(): Promise<bigint> {
    const matcher = new StoreEventMatcher(this.naming, undefined);
    let from: ReadPosition = END;
    let last: Position | undefined;
    for (;;) {
      let count = 0;
      let head: bigint | undefined;
      const read = this.client.readAll({ fromPosition: from, maxCount: this.pageSize, direction: BACKWARDS });
      await readEach(read, ({ event }) => {
        count += 1;
        if (!event || (last !== undefined && compare(event.position, last) >= 0)) return;
        last = event.position;
        if (!matcher.matches(event)) return;
        head = toGlobalPosition(event.position);
        return false;
      });
      if (head !== undefined) return head;
      if (count < this.pageSize || last === undefined) return 0n;
      from = last;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    if (this.ownsClient) await this.client.dispose();
  }

  private subscribe(options: SubscribeOptions, deliver: (event: RecordedEvent) => RecordedEvent): Subscription {
    if (this.closed) throw new Error('The event store is closed');
    const after = options.fromPosition ?? 0n;
    const matcher = new StoreEventMatcher(this.naming, options.filter);
    const esdb = this.client.subscribeToAll({
      fromPosition: toReadPosition(after),
      filter: toServerFilter(this.naming, options.filter),
    });
    const token = {};
    let stopped = false;
    const run = (async () => {
      try {
        for await (const resolved of esdb) {
          if (stopped) break;
          const event: AllStreamRecordedEvent | undefined = resolved.event;
          if (!event) continue;
          if (after > 0n && toGlobalPosition(event.position) <= after) continue;
          if (!matcher.matches(event)) continue;
          const recorded = deliver(toRecordedEvent(this.naming, event));
          await this.delivering.run(token, () => options.onEvent(recorded));
        }
      } catch (error) {
        if (!stopped) notify(options.onError, error);
      } finally {
        stopped = true;
        await esdb.unsubscribe().catch(() => undefined);
      }
    })();
    const subscription: Subscription = {
      stop: async () => {
        stopped = true;
        this.subscriptions.delete(subscription);
        await esdb.unsubscribe();
        // Drops what was buffered and ends the loop even if the cancelled call never ends the stream.
        esdb.destroy();
        // Waits for the event being handled, unless stop() is called from inside that handler.
        if (this.delivering.getStore() !== token) await run;
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** An empty append only checks the expected version. */
  private async appendNothing(streamId: string, streamName: string, expected: ExpectedVersion): Promise<AppendResult> {
    const current = await this.lastRevision(streamName);
    const ok =
      expected === 'any' ||
      ((expected === 'no-stream' || expected === -1) && current === -1) ||
      (typeof expected === 'number' && expected === current);
    if (!ok) throw new WrongExpectedVersionError(streamId, expected, current);
    return { nextExpectedVersion: current, positions: [] };
  }

  private async lastRevision(streamName: string): Promise<number> {
    let revision = -1;
    try {
      const read = this.client.readStream(streamName, {
        fromRevision: END,
        direction: BACKWARDS,
        maxCount: 1,
        requiresLeader: true,
      });
      await readEach(read, ({ event }) => {
        if (event) revision = Number(event.revision);
      });
    } catch (error) {
      if (!isEsdbError(error, ErrorType.STREAM_NOT_FOUND)) throw error;
    }
    return revision;
  }

  private async readRevisions(streamName: string, from: bigint, count: number): Promise<EsdbRecordedEvent[]> {
    const out: EsdbRecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamName, {
        fromRevision: from,
        maxCount: count,
        direction: FORWARDS,
        requiresLeader: true,
      });
      await readEach(read, ({ event }) => {
        if (event) out.push(event);
      });
    } catch (error) {
      if (isEsdbError(error, ErrorType.STREAM_NOT_FOUND)) return [];
      throw error;
    }
    return out;
  }

  /**
   * The result of an earlier append of these events, when `stored` starts with them (same ids in
   * order): their original positions, or DuplicateEventIdError when an id holds other content.
   */
  private matchStored(events: readonly NewEvent[], stored: readonly EsdbRecordedEvent[]): AppendResult | undefined {
    if (stored.length < events.length) return undefined;
    const batch = stored.slice(0, events.length);
    if (!batch.every((s, i) => s.id.toLowerCase() === events[i]!.eventId.toLowerCase())) return undefined;
    events.forEach((event, i) => {
      if (!sameContent(event, batch[i]!)) throw new DuplicateEventIdError(event.eventId);
    });
    const positions = batch.map((s) => {
      if (s.position === undefined) {
        throw new Error(`Event ${s.id} came without its $all position (EventStoreDB 22.10 or later is required)`);
      }
      return toGlobalPosition(s.position);
    });
    return { nextExpectedVersion: Number(batch[batch.length - 1]!.revision), positions };
  }

  /**
   * An earlier append of these events, found by their ids in the stream: its result when the batch
   * is stored as is (same ids in order, same content), DuplicateEventIdError when any id of the
   * batch is stored otherwise, undefined when none is stored.
   */
  private async findStored(streamName: string, events: readonly NewEvent[]): Promise<AppendResult | undefined> {
    const wanted = new Set(events.map((event) => event.eventId.toLowerCase()));
    const found = new Map<string, bigint>();
    try {
      const read = this.client.readStream(streamName, {
        direction: FORWARDS,
        fromRevision: START,
        requiresLeader: true,
      });
      await readEach(read, ({ event }) => {
        const id = event?.id.toLowerCase();
        if (id !== undefined && wanted.has(id)) found.set(id, event!.revision);
      });
    } catch (error) {
      if (isEsdbError(error, ErrorType.STREAM_NOT_FOUND)) return undefined;
      throw error;
    }
    if (found.size === 0) return undefined;
    const start = found.get(events[0]!.eventId.toLowerCase());
    const stored = start === undefined ? [] : await this.readRevisions(streamName, start, events.length);
    const matched = this.matchStored(events, stored);
    if (matched) return matched;
    const reused = events.find((event) => found.has(event.eventId.toLowerCase()))!;
    throw new DuplicateEventIdError(reused.eventId);
  }
}
