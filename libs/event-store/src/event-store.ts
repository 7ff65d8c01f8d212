import type { IsoClause } from '@lib/domain';

/** Who did it, in which flow, and which ISO/IEC 20000-1 clauses the event evidences. */
export interface EventMetadata {
  /** The authenticated principal (never taken from a request body). */
  readonly actor: string;
  readonly correlationId: string;
  /** The id of the event or request that caused this one. */
  readonly causationId: string;
  readonly clauses: readonly IsoClause[];
  readonly idempotencyKey?: string;
}

/** An event about to be appended. */
export interface NewEvent {
  /** Client-chosen id (UUID); appending the same id again is a no-op that returns the original. */
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Record<string, unknown>;
  readonly metadata: EventMetadata;
}

/** An event as stored: the envelope of DESIGN.md. */
export interface RecordedEvent {
  readonly eventId: string;
  readonly streamId: string;
  /** 0-based position of the event within its stream. */
  readonly streamVersion: number;
  /** 1-based position in the global log; strictly increasing, never skipped by readers. */
  readonly globalPosition: bigint;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Record<string, unknown>;
  /** Server clock at commit. */
  readonly recordedAt: Date;
  readonly metadata: EventMetadata;
}

/**
 * What the caller expects the stream's current version to be:
 * a number (the version of its last event), `no-stream`, or `any`.
 */
export type ExpectedVersion = number | 'no-stream' | 'any';

export interface AppendResult {
  /** Version of the last event of the stream after the append. */
  readonly nextExpectedVersion: number;
  /** The global positions of the appended events, in order (the original ones on an idempotent retry). */
  readonly positions: readonly bigint[];
}

export interface ReadStreamOptions {
  readonly fromVersion?: number;
  readonly toVersion?: number;
  /** Only events recorded at or before this instant. */
  readonly asOf?: Date;
}

export interface EventFilter {
  readonly types?: readonly string[];
  readonly streamIdPrefix?: string;
}

export interface ReadAllOptions {
  /** Read events with a global position strictly greater than this (0 = from the start). */
  readonly fromPosition?: bigint;
  readonly limit?: number;
  readonly filter?: EventFilter;
}

export interface Subscription {
  stop(): Promise<void>;
}

export interface SubscribeOptions {
  /** Deliver events with a global position strictly greater than this. */
  readonly fromPosition?: bigint;
  readonly filter?: EventFilter;
  /** Called for each event in global order; the next event waits for the promise. */
  readonly onEvent: (event: RecordedEvent) => Promise<void> | void;
  readonly onError?: (error: unknown) => void;
}

export interface WatchHeadOptions {
  /** Report once the log is final beyond this position (default 0). */
  readonly fromPosition?: bigint;
  /**
   * Called with a position up to which the log is final (every event at or below it is there to be
   * read), each time that position grows; never with one at or below a position reported before.
   */
  readonly onAdvance: (position: bigint) => void;
  readonly onError?: (error: unknown) => void;
}

/** The only source of truth: an append-only log of streams. */
export interface EventStore {
  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedVersion: ExpectedVersion },
  ): Promise<AppendResult>;
  /** Events of one stream in order; an empty array when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options: SubscribeOptions): Subscription;
  /**
   * Tells how far the log is final, without reading events: for those who only need to be woken
   * (projectors, which read the log themselves).
   */
  watchHead(options: WatchHeadOptions): Subscription;
  /** The global position of the newest event that readers may see (0 when empty). */
  headPosition(): Promise<bigint>;
  close(): Promise<void>;
}
