import { isDeepStrictEqual } from 'node:util';
import {
  ANY,
  NO_STREAM,
  START,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AppendExpectedRevision,
  type CurrentRevision,
  type EventData,
  type Filter,
  type JSONType,
  type Position,
  type ReadPosition,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import type { IsoClause } from '@lib/domain';
import type { EventFilter, EventMetadata, ExpectedVersion, NewEvent, RecordedEvent } from '../event-store.js';

/**
 * Maps the port's stream ids to EventStoreDB stream names and back.
 *
 * ESDB stream name = `prefix + streamId`. The prefix is per deployment (empty by default) so that
 * several deployments, or test runs, can share one server: everything a store reads from `$all` is
 * limited to streams that start with its prefix. Names that start with `$` belong to the server
 * (system and metadata streams) and are never produced nor read back as events of the port.
 */
export class StreamNaming {
  constructor(readonly prefix = '') {
    if (prefix.startsWith('$')) {
      throw new RangeError(
        `Stream prefix ${JSON.stringify(prefix)} must not start with '$' (reserved for system streams)`,
      );
    }
  }

  /** The ESDB stream name of a port stream id. */
  toStreamName(streamId: string): string {
    if (streamId.length === 0) throw new RangeError('A stream id must not be empty');
    const name = this.prefix + streamId;
    if (name.startsWith('$')) {
      throw new RangeError(`Stream id ${JSON.stringify(streamId)} would map to the system stream ${name}`);
    }
    return name;
  }

  /** The port stream id of an ESDB stream name, or undefined when the stream is not one of this store's. */
  toStreamId(streamName: string): string | undefined {
    if (streamName.startsWith('$') || !streamName.startsWith(this.prefix)) return undefined;
    const streamId = streamName.slice(this.prefix.length);
    return streamId.length > 0 ? streamId : undefined;
  }
}

/**
 * The custom metadata JSON stored with every event. `$correlationId` and `$causationId` use the names
 * ESDB's own projections (`$by_correlation_id`) and tools understand.
 */
export interface EsdbEventMetadata {
  readonly actor: string;
  readonly $correlationId: string;
  readonly $causationId: string;
  readonly clauses: readonly IsoClause[];
  readonly idempotencyKey?: string;
  readonly schemaVersion: number;
}

export function toEsdbMetadata(event: NewEvent): EsdbEventMetadata {
  const { actor, correlationId, causationId, clauses, idempotencyKey } = event.metadata;
  return {
    actor,
    $correlationId: correlationId,
    $causationId: causationId,
    clauses: [...clauses],
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
    schemaVersion: event.schemaVersion,
  };
}

/** Reads the metadata JSON back; throws when an event in this store's streams lacks it. */
export function fromEsdbMetadata(
  raw: unknown,
  where: { eventId: string; streamName: string },
): { metadata: EventMetadata; schemaVersion: number } {
  const bad = (what: string) =>
    new Error(`Event ${where.eventId} in stream ${where.streamName} has no valid metadata: ${what}`);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || raw instanceof Uint8Array) {
    throw bad('not a JSON object');
  }
  const m = raw as Record<string, unknown>;
  const text = (key: string): string => {
    const value = m[key];
    if (typeof value !== 'string') throw bad(`${key} is not a string`);
    return value;
  };
  const clauses = m.clauses;
  if (!Array.isArray(clauses) || !clauses.every((c) => typeof c === 'string'))
    throw bad('clauses is not a string array');
  const schemaVersion = m.schemaVersion;
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion))
    throw bad('schemaVersion is not an integer');
  const idempotencyKey = m.idempotencyKey;
  if (idempotencyKey !== undefined && typeof idempotencyKey !== 'string') throw bad('idempotencyKey is not a string');
  return {
    metadata: {
      actor: text('actor'),
      correlationId: text('$correlationId'),
      causationId: text('$causationId'),
      clauses: clauses as IsoClause[],
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
    },
    schemaVersion,
  };
}

/** The ESDB event to append: the event id is the ESDB event id, data and metadata are JSON. */
export function toEventData(event: NewEvent): EventData {
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    data: event.data as JSONType,
    metadata: toEsdbMetadata(event),
  });
}

/**
 * Whether an event already stored under the same id has the same content as the one being appended
 * (type, data, metadata, compared as the JSON ESDB stores).
 */
export function sameContent(event: NewEvent, stored: EsdbRecordedEvent): boolean {
  const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;
  return (
    stored.type === event.type &&
    stored.isJson &&
    isDeepStrictEqual(stored.data, asJson(event.data)) &&
    isDeepStrictEqual(stored.metadata, asJson(toEsdbMetadata(event)))
  );
}

/** number → that revision (a bigint; -1 is read as `no-stream`), `no-stream` → NO_STREAM, `any` → ANY. */
export function toExpectedRevision(expected: ExpectedVersion): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no-stream' || expected === -1) return NO_STREAM;
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new RangeError(`Expected version must be a non-negative integer, 'no-stream' or 'any', not ${expected}`);
  }
  return BigInt(expected);
}

/** The stream's actual revision as a port version: -1 when the stream does not exist. */
export function toActualVersion(current: CurrentRevision): number {
  return current === NO_STREAM ? -1 : Number(current);
}

/**
 * Global positions are ESDB commit positions in `$all`. Appends through the gRPC API write one
 * record per event, so every event has its own commit position (= its prepare position): strictly
 * increasing, but byte offsets in the transaction log, not dense 1..N.
 */
export function toGlobalPosition(position: Position): bigint {
  return position.commit;
}

/**
 * Where to start reading `$all` for "strictly after `fromPosition`": the start for 0, else the
 * event's own position. Reads from a position include it, so callers drop events at or before it.
 */
export function toReadPosition(fromPosition: bigint | undefined): ReadPosition {
  if (fromPosition === undefined || fromPosition <= 0n) return START;
  return { commit: fromPosition, prepare: fromPosition };
}

/** Escapes a literal for a .NET regular expression (the server evaluates filter regexes). */
export function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The server-side filter for a `$all` subscription. ESDB takes one filter, on event type or on stream
 * name: types become an exact-match regex; otherwise the stream prefix (deployment prefix + the
 * filter's prefix) becomes a stream-name prefix filter; with neither, system events are excluded.
 * The full filter is applied again on the client (see {@link StoreEventMatcher}).
 */
export function toServerFilter(naming: StreamNaming, filter: EventFilter | undefined): Filter {
  const types = filter?.types ?? [];
  if (types.length > 0) {
    return eventTypeFilter({ regex: `^(?:${types.map(escapeRegex).join('|')})$` });
  }
  const prefix = naming.prefix + (filter?.streamIdPrefix ?? '');
  return prefix.length > 0 ? streamNameFilter({ prefixes: [prefix] }) : excludeSystemEvents();
}

/** Decides, on the client, whether an event from `$all` belongs to this store and passes a filter. */
export class StoreEventMatcher {
  constructor(
    private readonly naming: StreamNaming,
    private readonly filter: EventFilter | undefined,
  ) {}

  matches(event: EsdbRecordedEvent): boolean {
    if (event.type.startsWith('$')) return false;
    const streamId = this.naming.toStreamId(event.streamId);
    if (streamId === undefined) return false;
    const types = this.filter?.types ?? [];
    if (types.length > 0 && !types.includes(event.type)) return false;
    const prefix = this.filter?.streamIdPrefix;
    return prefix === undefined || streamId.startsWith(prefix);
  }
}

/** An ESDB event of one of this store's streams as the port's envelope. */
export function toRecordedEvent(naming: StreamNaming, event: EsdbRecordedEvent): RecordedEvent {
  const streamId = naming.toStreamId(event.streamId);
  if (streamId === undefined) throw new Error(`Stream ${event.streamId} is not a stream of this event store`);
  if (event.position === undefined) {
    throw new Error(`Event ${event.id} came without its $all position (EventStoreDB 22.10 or later is required)`);
  }
  if (!event.isJson || event.data === null || typeof event.data !== 'object' || Array.isArray(event.data)) {
    throw new Error(`Event ${event.id} in stream ${event.streamId} does not hold a JSON object`);
  }
  const { metadata, schemaVersion } = fromEsdbMetadata(event.metadata, {
    eventId: event.id,
    streamName: event.streamId,
  });
  return {
    eventId: event.id,
    streamId,
    streamVersion: Number(event.revision),
    globalPosition: toGlobalPosition(event.position),
    type: event.type,
    schemaVersion,
    data: event.data as Record<string, unknown>,
    recordedAt: event.created,
    metadata,
  };
}
