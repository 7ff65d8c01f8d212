import pg from 'pg';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../errors.js';
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
import { UpcasterRegistry } from '../upcasting/upcaster-registry.js';
import { NOTIFY_CHANNEL } from './constants.js';
import { APPEND_ONE_EACH_STATEMENT, APPEND_ONE_STATEMENT } from './append-one-statement.js';
import { OneEventAppends, type OneEventAppend, type OneEventAppended } from './one-event-appends.js';
import { EVENT_COLUMNS, readAllQuery, safePosition, valuesToRecordedEvent, type EventValues } from './rows.js';
import { PostgresHeadWatch } from './head-watch.js';
import { PostgresSubscription } from './subscription.js';

/** What appends and notifications wake. */
type Follower = PostgresSubscription | PostgresHeadWatch;

/**
 * How subscribers in other processes learn about new events (they also poll, so none is ever lost):
 * - `after-commit` (default): a NOTIFY sent right after the append committed, coalesced so that at
 *   most one is in flight per store. A NOTIFY inside the append transaction makes PostgreSQL
 *   serialise the commits of all notifying transactions (it holds a global lock from before the
 *   commit record until the end of the commit), which costs more than half of the append
 *   throughput; a crash between commit and NOTIFY only delays subscribers until their next poll.
 * - `in-transaction`: NOTIFY inside the append transaction (delivered exactly at commit).
 * - `none`: subscribers in this process are woken directly; others only poll.
 */
export type AppendNotification = 'after-commit' | 'in-transaction' | 'none';

export interface PostgresEventStoreOptions {
  /** Upcasters applied to every event read (readStream, readAll, subscriptions). */
  readonly upcasters?: UpcasterRegistry;
  readonly notification?: AppendNotification;
  /** Subscriptions re-read the log at least this often, notification or not (default 500 ms). */
  readonly pollIntervalMs?: number;
  /** Events read per query by subscriptions (default 500). */
  readonly subscriptionBatchSize?: number;
  /** Connection of the dedicated LISTEN client (default: the pool's own settings). */
  readonly listenConnection?: pg.ClientConfig;
}

const EXPECTED_ANY = -2;
const EXPECTED_NO_STREAM = -1;
const MAX_APPEND_ATTEMPTS = 10;
const NOTIFY_INTERVAL_MS = 5;
/** Prepared (named): planned once per connection, it costs the server about half as much. */
const NOTIFY_STATEMENT = {
  name: 'event_store_notify',
  text: "SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, $2)",
};
/** The unique constraints an append can run into; the primary key comes from the sequence. */
const APPEND_CONSTRAINTS = new Set(['events_event_id_key', 'events_stream_version_key']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface AppendRow {
  status: 'ok' | 'idempotent' | 'duplicate' | 'wrong-version';
  stream_version: string | null;
  positions: string[] | null;
  conflict_event_id: string | null;
}

const OK = { status: 'ok', conflict_event_id: null } as const;

/**
 * The event store on PostgreSQL (schema: `eventStoreMigrations`). The pool belongs to the caller:
 * `close()` stops subscriptions and the LISTEN client but leaves the pool open.
 */
export class PostgresEventStore implements EventStore {
  readonly upcasters: UpcasterRegistry;
  private readonly notification: AppendNotification;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly subscriptions = new Set<Follower>();
  private listener: pg.Client | undefined;
  private listenerStarting: Promise<void> | undefined;
  private listenerRetry: NodeJS.Timeout | undefined;
  private notifying = false;
  private notifyAgain = false;
  private notifyDone: Promise<void> = Promise.resolve();
  private lastNotifiedAt = -Infinity;
  private lastAppended = 0n;
  private knownSafePosition = 0n;
  private readonly oneEventAppends = new OneEventAppends((appends) => this.sendOneEventAppends(appends));
  private safePositionAsked: Promise<bigint> | undefined;
  private closed = false;

  constructor(
    readonly pool: pg.Pool,
    private readonly options: PostgresEventStoreOptions = {},
  ) {
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.notification = options.notification ?? 'after-commit';
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.batchSize = options.subscriptionBatchSize ?? 500;
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedVersion: ExpectedVersion },
  ): Promise<AppendResult> {
    this.assertOpen();
    if (typeof streamId !== 'string' || streamId.length === 0)
      throw new TypeError('streamId must be a non-empty string');
    const expected = encodeExpectedVersion(options.expectedVersion);
    validateEvents(events);
    if (events.length === 0) return this.appendNothing(streamId, options.expectedVersion);
    for (let attempt = 1; ; attempt++) {
      // The first call takes the lean path, which only appends; when the events cannot simply be
      // appended (a known id, another version, a concurrent append that committed first) it changes
      // nothing, and the next calls look the ids up first and give the precise answer.
      const row =
        attempt === 1
          ? await this.appendLean(streamId, expected, events)
          : await this.callAppend(streamId, expected, eventsPayload(events), attempt > 1);
      if (!row) {
        if (attempt < MAX_APPEND_ATTEMPTS) continue;
        throw new Error(`Append to ${streamId} kept colliding with concurrent appends`);
      }
      switch (row.status) {
        case 'ok':
        case 'idempotent': {
          const positions = row.positions!.map((position) => BigInt(position));
          if (row.status === 'ok') this.appended(positions[positions.length - 1]!);
          return { nextExpectedVersion: Number(row.stream_version), positions };
        }
        case 'duplicate':
          throw new DuplicateEventIdError(row.conflict_event_id!);
        case 'wrong-version':
          throw new WrongExpectedVersionError(streamId, options.expectedVersion, Number(row.stream_version));
      }
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const values: unknown[] = [streamId, options.fromVersion ?? 0, options.toVersion ?? 2_147_483_647];
    let text = `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND stream_version BETWEEN $2 AND $3`;
    if (options.asOf) {
      values.push(options.asOf);
      text += ' AND recorded_at <= $4';
    }
    return this.readEvents(`${text} ORDER BY stream_version`, values);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    if (options.limit !== undefined && (!Number.isInteger(options.limit) || options.limit < 0)) {
      throw new RangeError('limit must be a non-negative integer');
    }
    return this.readSafe(options.fromPosition ?? 0n, options.limit, options.filter);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    this.assertOpen();
    const subscription = new PostgresSubscription(
      {
        read: (from, limit, filter) => this.readSafe(from, limit, filter),
        done: (finished) => this.forget(finished),
      },
      options,
      { pollIntervalMs: this.pollIntervalMs, batchSize: this.batchSize },
    );
    return this.follow(subscription);
  }

  watchHead(options: WatchHeadOptions): Subscription {
    this.assertOpen();
    const watch = new PostgresHeadWatch(
      { safePosition: () => this.safePosition(), done: (finished) => this.forget(finished) },
      options,
      this.pollIntervalMs,
    );
    return this.follow(watch);
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    const upTo = await this.safePosition();
    const { rows } = await this.pool.query<{ global_position: string }>(
      'SELECT global_position FROM events WHERE global_position <= $1 ORDER BY global_position DESC LIMIT 1',
      [upTo.toString()],
    );
    return rows.length ? BigInt(rows[0]!.global_position) : 0n;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.notifyDone;
    await this.stopListener();
  }

  /** The events readers may see after `fromPosition`, in global order, upcast. */
  private async readSafe(
    fromPosition: bigint,
    limit: number | undefined,
    filter: ReadAllOptions['filter'],
  ): Promise<RecordedEvent[]> {
    if ((filter?.types && filter.types.length === 0) || limit === 0) return [];
    // A position once final stays final, so a read that fits below the last safe position seen
    // does not ask again (asking scans the lock table): catching up over a long log asks once, not
    // once per batch. Only when that read comes back short is there possibly more to see.
    const known = this.knownSafePosition;
    if (limit !== undefined && fromPosition + BigInt(limit) <= known) {
      const rows = await this.readUpTo(fromPosition, known, limit, filter);
      if (rows.length === limit) return rows;
      const next = rows.length ? rows[rows.length - 1]!.globalPosition : fromPosition;
      return [...rows, ...(await this.readUpTo(next, await this.safePosition(), limit - rows.length, filter))];
    }
    return this.readUpTo(fromPosition, await this.safePosition(), limit, filter);
  }

  private async readUpTo(
    fromPosition: bigint,
    upTo: bigint,
    limit: number | undefined,
    filter: ReadAllOptions['filter'],
  ): Promise<RecordedEvent[]> {
    if (upTo <= fromPosition) return [];
    const { text, values } = readAllQuery(fromPosition, upTo, limit, filter);
    return this.readEvents(text, values);
  }

  /** Runs a query of `EVENT_COLUMNS` and returns its events, upcast. */
  private async readEvents(text: string, values: unknown[]): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventValues>({ text, values, rowMode: 'array' });
    const events = new Array<RecordedEvent>(rows.length);
    for (let i = 0; i < rows.length; i++) events[i] = this.upcasters.upcast(valuesToRecordedEvent(rows[i]!));
    return events;
  }

  /**
   * The callers of one turn of the event loop share one query, sent after the last of them asked,
   * so each gets an answer at least as new as its own would be. An append wakes every follower of
   * the log in this process at once, and the query (it reads the whole lock table) is not cheap.
   */
  private safePosition(): Promise<bigint> {
    this.safePositionAsked ??= new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      this.safePositionAsked = undefined;
      const upTo = await safePosition(this.pool);
      if (upTo > this.knownSafePosition) this.knownSafePosition = upTo;
      return upTo;
    });
    return this.safePositionAsked;
  }

  /**
   * One event by `APPEND_ONE_STATEMENT`, or more by `event_store_append_many`
   * (EventStoreLeanAppend1790000610000); undefined when the events cannot simply be appended.
   */
  private async appendLean(
    streamId: string,
    expected: number,
    events: readonly NewEvent[],
  ): Promise<AppendRow | undefined> {
    if (events.length === 1) {
      const appended = await this.oneEventAppends.append({ streamId, expected, event: events[0]! });
      return appended && { ...OK, stream_version: appended.streamVersion, positions: [appended.position] };
    }
    const row = await this.append<{ stream_version: string; positions: string[] }>({
      name: 'event_store_append_many',
      text: 'SELECT * FROM event_store_append_many($1, $2, $3, $4)',
      values: [streamId, expected, eventsPayload(events), this.notification === 'in-transaction'],
    });
    return row && { ...OK, ...row };
  }

  /**
   * Sends one-event appends to different streams: one alone by `APPEND_ONE_STATEMENT`, more together.
   * An append alone by the array statement took about 80 % more client CPU (an A/B run, one writer).
   */
  private async sendOneEventAppends(appends: readonly OneEventAppend[]): Promise<OneEventAppended[]> {
    const inTransaction = this.notification === 'in-transaction';
    if (appends.length === 1) {
      const { streamId, expected, event } = appends[0]!;
      const row = await this.append<{ stream_version: string; global_position: string }>({
        ...APPEND_ONE_STATEMENT,
        values: [
          streamId,
          expected,
          event.eventId,
          event.type,
          event.schemaVersion,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
          inTransaction,
        ],
      });
      return [row && { streamVersion: row.stream_version, position: row.global_position }];
    }
    const rows = await this.appendRows<{ stream_id: string; stream_version: string; global_position: string }>({
      ...APPEND_ONE_EACH_STATEMENT,
      values: [
        appends.map((append) => append.streamId),
        appends.map((append) => append.expected),
        appends.map((append) => append.event.eventId),
        appends.map((append) => append.event.type),
        appends.map((append) => append.event.schemaVersion),
        appends.map((append) => JSON.stringify(append.event.data)),
        appends.map((append) => JSON.stringify(append.event.metadata)),
        inTransaction,
      ],
    });
    const byStream = new Map(rows?.map((row) => [row.stream_id, row]));
    return appends.map((append) => {
      const row = byStream.get(append.streamId);
      return row && { streamVersion: row.stream_version, position: row.global_position };
    });
  }

  /** One call of `event_store_append`, or undefined when it collided with a concurrent append. */
  private callAppend(
    streamId: string,
    expected: number,
    payload: string,
    checkIds: boolean,
  ): Promise<AppendRow | undefined> {
    return this.append<AppendRow>({
      name: 'event_store_append',
      text: 'SELECT * FROM event_store_append($1, $2, $3, $4, $5)',
      values: [streamId, expected, payload, this.notification === 'in-transaction', checkIds],
    });
  }

  /**
   * The row of one append (a function call or the one-event statement), or undefined when it
   * collided (see `isCollision`) or, for the statement, found the stream short of the expected version.
   */
  private async append<T extends pg.QueryResultRow>(query: pg.QueryConfig): Promise<T | undefined> {
    return (await this.appendRows<T>(query))?.[0];
  }

  /** The rows of an append statement, or undefined when it collided (see `isCollision`). */
  private async appendRows<T extends pg.QueryResultRow>(query: pg.QueryConfig): Promise<T[] | undefined> {
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query<T>(query);
      client.release();
      return rows;
    } catch (error) {
      const collided = isCollision(error);
      // Any other failure may have interrupted the function anywhere: drop the connection, so that
      // nothing it held outlives it.
      client.release(collided ? undefined : (error as Error));
      if (collided) return undefined;
      throw error;
    }
  }

  private async appendNothing(streamId: string, expectedVersion: ExpectedVersion): Promise<AppendResult> {
    const { rows } = await this.pool.query<{ version: number }>(
      'SELECT coalesce(max(stream_version), -1) AS version FROM events WHERE stream_id = $1',
      [streamId],
    );
    const actual = rows[0]!.version;
    const ok =
      expectedVersion === 'any' || (expectedVersion === 'no-stream' ? actual === -1 : actual === expectedVersion);
    if (!ok) throw new WrongExpectedVersionError(streamId, expectedVersion, actual);
    return { nextExpectedVersion: actual, positions: [] };
  }

  /** After a commit: wake local subscriptions at once, and the others through a coalesced NOTIFY. */
  private appended(lastPosition: bigint): void {
    if (lastPosition > this.lastAppended) this.lastAppended = lastPosition;
    for (const subscription of this.subscriptions) subscription.wake();
    if (this.notification !== 'after-commit') return;
    if (this.notifying) {
      this.notifyAgain = true;
    } else {
      this.notifying = true;
      this.notifyDone = this.sendNotifications();
    }
  }

  /**
   * A NOTIFY is a transaction of its own that competes with the appends for commits, so it commits
   * without waiting for its WAL flush (it records nothing worth keeping) and is sent at most once
   * per NOTIFY_INTERVAL_MS, each naming the last position appended by then. The interval counts
   * from the last one sent, not only while one is in flight: a single writer's next append
   * commits after its NOTIFY has, and would otherwise send one of its own.
   */
  private async sendNotifications(): Promise<void> {
    do {
      const wait = this.lastNotifiedAt + NOTIFY_INTERVAL_MS - performance.now();
      if (wait > 0) await new Promise((done) => setTimeout(done, wait));
      this.notifyAgain = false;
      this.lastNotifiedAt = performance.now();
      try {
        await this.pool.query({ ...NOTIFY_STATEMENT, values: [NOTIFY_CHANNEL, this.lastAppended.toString()] });
      } catch {
        // Subscribers poll as well; a lost notification only delays them.
      }
      // Closing sends what is still due: the last appends are announced too (none come after).
    } while (this.notifyAgain);
    this.notifying = false;
  }

  private follow<T extends Follower>(follower: T): T {
    this.subscriptions.add(follower);
    if (this.notification !== 'none') void this.ensureListener();
    follower.start();
    return follower;
  }

  private forget(subscription: Follower): void {
    this.subscriptions.delete(subscription);
    if (this.subscriptions.size === 0) void this.stopListener();
  }

  private wakeAll = (): void => {
    for (const subscription of this.subscriptions) subscription.wake();
  };

  private async ensureListener(): Promise<void> {
    if (this.listener || this.listenerStarting || this.closed) return;
    this.listenerStarting = (async () => {
      const client = new pg.Client(this.options.listenConnection ?? this.pool.options);
      client.on('notification', this.wakeAll);
      client.on('error', () => this.dropListener(client));
      try {
        await client.connect();
        await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
      } catch {
        this.dropListener(client);
        return;
      }
      if (this.closed || this.subscriptions.size === 0) {
        await client.end().catch(() => undefined);
        return;
      }
      this.listener = client;
      // Events committed while the listener was down are picked up at once.
      this.wakeAll();
    })().finally(() => {
      this.listenerStarting = undefined;
    });
    await this.listenerStarting;
  }

  /** The LISTEN connection failed: subscriptions keep polling; reconnect after a pause. */
  private dropListener(client: pg.Client): void {
    if (this.listener === client) this.listener = undefined;
    client.end().catch(() => undefined);
    if (this.closed || this.subscriptions.size === 0 || this.listenerRetry) return;
    this.listenerRetry = setTimeout(() => {
      this.listenerRetry = undefined;
      if (this.subscriptions.size > 0) void this.ensureListener();
    }, 1_000);
    this.listenerRetry.unref();
  }

  private async stopListener(): Promise<void> {
    if (this.listenerRetry) clearTimeout(this.listenerRetry);
    this.listenerRetry = undefined;
    await this.listenerStarting;
    const client = this.listener;
    this.listener = undefined;
    if (client) {
      client.removeAllListeners('notification');
      await client.end().catch(() => undefined);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The event store is closed');
  }
}

function encodeExpectedVersion(expected: ExpectedVersion): number {
  if (expected === 'any') return EXPECTED_ANY;
  if (expected === 'no-stream') return EXPECTED_NO_STREAM;
  if (typeof expected !== 'number' || !Number.isInteger(expected) || expected < 0) {
    throw new RangeError(`expectedVersion must be 'any', 'no-stream' or a version >= 0 (got ${String(expected)})`);
  }
  return expected;
}

/** The events as `event_store_append` and `event_store_append_many` take them: a JSON array. */
const eventsPayload = (events: readonly NewEvent[]): string =>
  JSON.stringify(
    events.map(({ eventId, type, schemaVersion, data, metadata }) => ({
      eventId,
      type,
      schemaVersion,
      data,
      metadata,
    })),
  );

/**
 * The append changed nothing because of the stream or the event ids: ES409 from the append
 * functions, or a unique violation of the lean ones.
 */
function isCollision(error: unknown): boolean {
  const { code, constraint } = error as { code?: string; constraint?: string };
  return code === 'ES409' || (code === '23505' && constraint !== undefined && APPEND_CONSTRAINTS.has(constraint));
}

function validateEvents(events: readonly NewEvent[]): void {
  if (!Array.isArray(events)) throw new TypeError('events must be an array');
  const ids = new Set<string>();
  for (const event of events) {
    if (typeof event.eventId !== 'string' || !UUID.test(event.eventId)) {
      throw new TypeError(`eventId must be a UUID (got ${JSON.stringify(event.eventId)})`);
    }
    const id = event.eventId.toLowerCase();
    if (ids.has(id)) throw new DuplicateEventIdError(event.eventId);
    ids.add(id);
    if (typeof event.type !== 'string' || event.type.length === 0)
      throw new TypeError('type must be a non-empty string');
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new TypeError(`schemaVersion must be an integer >= 1 (event ${event.eventId})`);
    }
    if (!isPlainObject(event.data)) throw new TypeError(`data must be an object (event ${event.eventId})`);
    if (!isPlainObject(event.metadata) || typeof event.metadata.actor !== 'string') {
      throw new TypeError(`metadata must be an object with an actor (event ${event.eventId})`);
    }
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
