import type pg from 'pg';
import {
  agreementDecider,
  complaintDecider,
  disputeDecider,
  improvementDecider,
  partyDecider,
  reviewDecider,
  serviceLevelDecider,
  supplierDecider,
  surveyDecider,
  type Decider,
  type IsoClause,
} from '@lib/domain';
import type { EventStore, PersonKeys, RecordedEvent } from '@lib/event-store';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from '@lib/event-store/postgres/rows.js';
import { revealEvents } from '../evidence/collect.js';
import { seededSample, SAMPLING_ALGORITHM, type SampledRecord } from '../sampling.js';

/** The auditor's filters of the trail; all optional, combined with AND. */
export interface TrailFilter {
  readonly clause?: IsoClause;
  readonly partyId?: string;
  readonly agreementId?: string;
  readonly streamId?: string;
  readonly streamType?: string;
  readonly type?: string;
  readonly actor?: string;
  readonly correlationId?: string;
  /** Recorded at or after. */
  readonly from?: Date;
  /** Recorded before. */
  readonly to?: Date;
}

/** One event of the trail: the event as the personal-data layer shows it, with its chain hash. */
export interface TrailEntry {
  readonly globalPosition: string;
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly recordedAt: string;
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
  /** Hex SHA-256 chain hash once sealed (null for the moment between commit and sealing). */
  readonly hash: string | null;
  readonly agreementIds: readonly string[];
  readonly partyIds: readonly string[];
  readonly summary: string;
}

interface TrailRow {
  global_position: string;
  agreement_ids: string[];
  party_ids: string[];
  summary: string;
  hash: string | null;
}

/** Rows of the trail's primary key walked before the matches of a sparse filter are gathered instead. */
const SCAN_WINDOW = 20_000n;

/**
 * Reads the trail: filters on the audit-trail read model (one indexed row per event: clauses,
 * agreements and parties named, stream, type, actor, time), then the events themselves through
 * the personal-data layer, oldest first, `limit` after position `after`.
 */
export async function queryTrail(
  pool: pg.Pool,
  keys: PersonKeys,
  filter: TrailFilter,
  page: { after?: bigint; limit: number },
): Promise<{ items: TrailEntry[]; last: bigint | null; more: boolean }> {
  const after = page.after ?? 0n;
  const rows = await trailRows(pool, filter, after, page.limit + 1);
  const more = rows.length > page.limit;
  const shown = rows.slice(0, page.limit);
  const events = await eventsAt(
    pool,
    keys,
    shown.map((row) => row.global_position),
  );
  const items = shown.flatMap((row) => {
    const event = events.get(row.global_position);
    return event ? [entryOf(event, row)] : [];
  });
  return { items, last: shown.length ? BigInt(shown[shown.length - 1]!.global_position) : null, more };
}

/**
 * The first `count` rows after `after` that pass the filter, in position order. Stream, type, actor
 * and correlation alone have indexes in position order, which the planner walks. Clauses,
 * agreements, parties and time have none: their matches may be dense (a common clause) or few and
 * bunched (one agreement's events), and the planner, taking them as spread evenly, would walk the
 * whole log (or a whole type) for a few. So with those the next rows of the log are walked first,
 * and only if they hold too few matches are the rest gathered through the indexes and sorted.
 */
async function trailRows(pool: pg.Pool, filter: TrailFilter, after: bigint, count: number): Promise<TrailRow[]> {
  const sparse = filter.clause || filter.partyId || filter.agreementId || filter.from || filter.to;
  if (!sparse) return trailQuery(pool, filter, { after, count, gathered: false });
  const start = filter.from ? await firstFrom(pool, filter.from, filter.to, after) : after;
  if (start === undefined) return [];
  const near = await trailQuery(pool, filter, { after: start, upTo: start + SCAN_WINDOW, count, gathered: false });
  if (near.length === count) return near;
  const rest = await trailQuery(pool, filter, {
    after: start + SCAN_WINDOW,
    count: count - near.length,
    gathered: true,
  });
  return [...near, ...rest];
}

/**
 * Where the walk for a time range can start: before the first position recorded in the range,
 * read from the index on time and position alone (the log's time only roughly follows positions).
 */
async function firstFrom(pool: pg.Pool, from: Date, to: Date | undefined, after: bigint): Promise<bigint | undefined> {
  const { rows } = await pool.query<{ first: string | null }>(
    // OFFSET 0: min() would otherwise walk the primary key until the first row in the range.
    `SELECT min(global_position) AS first FROM (SELECT global_position FROM audit_trail_entries
      WHERE global_position > $1 AND recorded_at >= $2 ${to ? 'AND recorded_at < $3' : ''} OFFSET 0) recorded`,
    [after.toString(), from, ...(to ? [to] : [])],
  );
  const first = rows[0]?.first;
  return first === null || first === undefined ? undefined : BigInt(first) - 1n;
}

function trailQuery(
  pool: pg.Pool,
  filter: TrailFilter,
  range: { after: bigint; upTo?: bigint; count: number; gathered: boolean },
): Promise<TrailRow[]> {
  const values: unknown[] = [];
  const where: string[] = [];
  const add = (condition: (placeholder: string) => string, value: unknown) => {
    values.push(value);
    where.push(condition(`$${values.length}`));
  };
  add((p) => `global_position > ${p}`, range.after.toString());
  if (range.upTo !== undefined) add((p) => `global_position <= ${p}`, range.upTo.toString());
  if (filter.clause) add((p) => `clauses @> ARRAY[${p}]::text[]`, filter.clause);
  if (filter.partyId) add((p) => `party_ids @> ARRAY[${p}]::text[]`, filter.partyId);
  if (filter.agreementId) add((p) => `agreement_ids @> ARRAY[${p}]::text[]`, filter.agreementId);
  if (filter.streamId) add((p) => `stream_id = ${p}`, filter.streamId);
  if (filter.streamType) add((p) => `stream_type = ${p}`, filter.streamType);
  if (filter.type) add((p) => `event_type = ${p}`, filter.type);
  if (filter.actor) add((p) => `actor = ${p}`, filter.actor);
  if (filter.correlationId) add((p) => `correlation_id = ${p}`, filter.correlationId);
  if (filter.from) add((p) => `recorded_at >= ${p}`, filter.from);
  if (filter.to) add((p) => `recorded_at < ${p}`, filter.to);
  values.push(range.count);
  const matching = `SELECT global_position FROM audit_trail_entries WHERE ${where.join(' AND ')}`;
  // OFFSET 0 keeps the planner from walking the primary key for the ORDER BY: it gathers the matches.
  const positions = range.gathered ? `SELECT global_position FROM (${matching} OFFSET 0) matching` : matching;
  return pool
    .query<TrailRow>(
      `SELECT t.global_position, t.agreement_ids, t.party_ids, t.summary, encode(h.hash, 'hex') AS hash
         FROM (${positions} ORDER BY global_position LIMIT $${values.length}) page
         JOIN audit_trail_entries t ON t.global_position = page.global_position
         LEFT JOIN event_hashes h ON h.global_position = page.global_position
        ORDER BY page.global_position`,
      values,
    )
    .then(({ rows }) => rows);
}

async function eventsAt(pool: pg.Pool, keys: PersonKeys, positions: string[]): Promise<Map<string, RecordedEvent>> {
  if (positions.length === 0) return new Map();
  const { rows } = await pool.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE global_position = ANY($1::bigint[]) ORDER BY global_position`,
    [positions],
  );
  const revealed = await revealEvents(rows.map(toRecordedEvent), keys);
  return new Map(revealed.map((event) => [event.globalPosition.toString(), event]));
}

function entryOf(event: RecordedEvent, row?: Partial<TrailRow>): TrailEntry {
  return {
    globalPosition: event.globalPosition.toString(),
    eventId: event.eventId,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    type: event.type,
    schemaVersion: event.schemaVersion,
    recordedAt: event.recordedAt.toISOString(),
    data: event.data,
    metadata: event.metadata as unknown as Record<string, unknown>,
    hash: row?.hash ?? null,
    agreementIds: row?.agreement_ids ?? [],
    partyIds: row?.party_ids ?? [],
    summary: row?.summary ?? event.type,
  };
}

const CSV_COLUMNS = [
  'globalPosition',
  'recordedAt',
  'eventId',
  'streamId',
  'streamVersion',
  'type',
  'schemaVersion',
  'actor',
  'clauses',
  'correlationId',
  'causationId',
  'agreementIds',
  'partyIds',
  'hash',
  'summary',
  'data',
  'metadata',
] as const;

/** A CSV cell: quoted; a text that a spreadsheet would run as a formula gets a leading apostrophe. */
function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export const CSV_HEADER = `${CSV_COLUMNS.join(',')}\r\n`;

/** One trail entry as a CSV line (RFC 4180, CRLF). */
export function csvLine(entry: TrailEntry): string {
  const metadata = entry.metadata;
  const cells: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    globalPosition: entry.globalPosition,
    recordedAt: entry.recordedAt,
    eventId: entry.eventId,
    streamId: entry.streamId,
    streamVersion: entry.streamVersion,
    type: entry.type,
    schemaVersion: entry.schemaVersion,
    actor: metadata.actor,
    clauses: Array.isArray(metadata.clauses) ? metadata.clauses.join(';') : '',
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    agreementIds: entry.agreementIds.join(';'),
    partyIds: entry.partyIds.join(';'),
    hash: entry.hash,
    summary: entry.summary,
    data: JSON.stringify(entry.data),
    metadata: JSON.stringify(entry.metadata),
  };
  return `${CSV_COLUMNS.map((column) => csvCell(cells[column])).join(',')}\r\n`;
}

export interface TraceEntry extends TrailEntry {
  /** self; cause (an event this one follows from); consequence (follows from it); correlated (same flow). */
  readonly relation: 'self' | 'cause' | 'consequence' | 'correlated';
  /** The event (in this trace) that caused this one, by its causation id. */
  readonly causedBy: string | null;
}

/**
 * The chain of causation and correlation an event belongs to: the events it follows from (their
 * causation ids), the events that follow from it (reactions record the causing event's id as
 * causation id) with the records they opened, and every event of the same correlations,
 * transitively, up to `max` events.
 */
export async function traceEvent(
  pool: pg.Pool,
  keys: PersonKeys,
  eventId: string,
  max = 500,
): Promise<{ eventId: string; events: TraceEntry[]; correlationIds: string[]; truncated: boolean } | undefined> {
  const found = new Map<string, RecordedEvent>();
  const start = await pool.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE event_id::text = $1`, [eventId]);
  if (!start.rows[0]) return undefined;
  let fresh = start.rows.map(toRecordedEvent);
  const correlations = new Set<string>();
  const askedCauses = new Set<string>();
  const askedConsequences = new Set<string>();
  let truncated = false;
  while (fresh.length > 0) {
    for (const event of fresh) found.set(event.eventId, event);
    const newCorrelations = fresh
      .map((event) => event.metadata.correlationId)
      .filter((id) => id && !correlations.has(id));
    const causes = fresh
      .map((event) => event.metadata.causationId)
      .filter((id) => id && !askedCauses.has(id) && !found.has(id));
    const consequences = fresh.map((event) => event.eventId).filter((id) => !askedConsequences.has(id));
    newCorrelations.forEach((id) => correlations.add(id));
    causes.forEach((id) => askedCauses.add(id));
    consequences.forEach((id) => askedConsequences.add(id));
    if (newCorrelations.length + causes.length + consequences.length === 0) break;
    const { rows } = await pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
        WHERE metadata->>'correlationId' = ANY($1::text[])
           OR event_id::text = ANY($2::text[])
           OR metadata->>'causationId' = ANY($3::text[])
        ORDER BY global_position LIMIT $4`,
      [newCorrelations, causes, consequences, max + 1],
    );
    fresh = rows.map(toRecordedEvent).filter((event) => !found.has(event.eventId));
    if (found.size + fresh.length > max) {
      fresh = fresh.slice(0, Math.max(0, max - found.size));
      truncated = true;
    }
  }
  const self = found.get(eventId)!;
  const parentOf = (event: RecordedEvent) => found.get(event.metadata.causationId);
  const causes = new Set<string>();
  for (let parent = parentOf(self); parent && !causes.has(parent.eventId); parent = parentOf(parent)) {
    causes.add(parent.eventId);
  }
  const consequences = new Set<string>();
  let layer = [self.eventId];
  while (layer.length) {
    const next = [...found.values()]
      .filter(
        (event) =>
          layer.includes(event.metadata.causationId) && !consequences.has(event.eventId) && event.eventId !== eventId,
      )
      .map((event) => event.eventId);
    next.forEach((id) => consequences.add(id));
    layer = next;
  }
  // A consequence that opened a record (an improvement raised by a breach) brings the record's
  // later events too: its owner, actions and closure evidence.
  const opened = [...consequences].map((id) => found.get(id)!).filter((event) => event.streamVersion === 0);
  if (opened.length > 0 && found.size < max) {
    const { rows } = await pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ANY($1::text[]) ORDER BY global_position LIMIT $2`,
      [opened.map((event) => event.streamId), max],
    );
    for (const event of rows.map(toRecordedEvent)) {
      if (found.has(event.eventId)) continue;
      if (found.size >= max) {
        truncated = true;
        break;
      }
      found.set(event.eventId, event);
      consequences.add(event.eventId);
    }
  }
  const ordered = [...found.values()].sort((a, b) => (a.globalPosition < b.globalPosition ? -1 : 1));
  const revealed = await revealEvents(ordered, keys);
  const hashes = await pool.query<{ global_position: string; hash: string }>(
    `SELECT global_position, encode(hash, 'hex') AS hash FROM event_hashes WHERE global_position = ANY($1::bigint[])`,
    [ordered.map((event) => event.globalPosition.toString())],
  );
  const hashOf = new Map(hashes.rows.map((row) => [row.global_position, row.hash]));
  return {
    eventId,
    correlationIds: [...correlations],
    truncated,
    events: revealed.map((event) => ({
      ...entryOf(event, { hash: hashOf.get(event.globalPosition.toString()) ?? null }),
      relation:
        event.eventId === eventId
          ? 'self'
          : causes.has(event.eventId)
            ? 'cause'
            : consequences.has(event.eventId)
              ? 'consequence'
              : 'correlated',
      causedBy: found.has(event.metadata.causationId) ? event.metadata.causationId : null,
    })),
  };
}

/** Stream id prefixes and the decider that folds each kind of record. */
export const RECORD_TYPES: Record<string, Decider<never, { type: string; data: object }, unknown>> = {
  'service-level': serviceLevelDecider as unknown as Decider<never, { type: string; data: object }, unknown>,
  improvement: improvementDecider as unknown as Decider<never, { type: string; data: object }, unknown>,
  agreement: agreementDecider as unknown as Decider<never, { type: string; data: object }, unknown>,
  complaint: complaintDecider as unknown as Decider<never, { type: string; data: object }, unknown>,
  supplier: supplierDecider as unknown as Decider<never, { type: string; data: object }, unknown>,
  dispute: disputeDecider as unknown as Decider<never, { type: string; data: object }, unknown>,
  review: reviewDecider as unknown as Decider<never, { type: string; data: object }, unknown>,
  survey: surveyDecider as unknown as Decider<never, { type: string; data: object }, unknown>,
  party: partyDecider as unknown as Decider<never, { type: string; data: object }, unknown>,
};

/** `service-level-…` → `service-level`; undefined for an unknown kind of stream. */
export function recordTypeOf(streamId: string): string | undefined {
  return Object.keys(RECORD_TYPES)
    .sort((a, b) => b.length - a.length)
    .find((type) => streamId.startsWith(`${type}-`) && streamId.length > type.length + 1);
}

const brief = (event: RecordedEvent) => ({
  globalPosition: event.globalPosition.toString(),
  streamVersion: event.streamVersion,
  eventId: event.eventId,
  type: event.type,
  recordedAt: event.recordedAt.toISOString(),
  actor: event.metadata.actor,
  clauses: event.metadata.clauses,
});

/**
 * A record (agreement, supplier, party, complaint, dispute, …) as it stood at `asOf`: its state
 * folded from the events recorded until then, their list, and every event recorded since.
 * Undefined when the stream is unknown or did not exist yet.
 */
export async function recordAsOf(store: EventStore, streamId: string, asOf: Date) {
  const recordType = recordTypeOf(streamId);
  if (!recordType) return undefined;
  const decider = RECORD_TYPES[recordType]!;
  const events = await store.readStream(streamId);
  const until = events.filter((event) => event.recordedAt.getTime() <= asOf.getTime());
  if (until.length === 0) return undefined;
  let state = decider.initialState;
  for (const event of until) state = decider.evolve(state, { type: event.type, data: event.data });
  const since = events.slice(until.length);
  return {
    streamId,
    recordType,
    asOf: asOf.toISOString(),
    version: until[until.length - 1]!.streamVersion,
    state,
    history: until.map(brief),
    since: since.map((event) => ({ ...brief(event), data: event.data, metadata: event.metadata })),
    currentVersion: events[events.length - 1]!.streamVersion,
  };
}

/** The record kinds an auditor samples, and the prefix of their streams. */
export const SAMPLE_KINDS = {
  agreements: 'agreement-',
  suppliers: 'supplier-',
  complaints: 'complaint-',
  disputes: 'dispute-',
  improvements: 'improvement-',
  reviews: 'review-',
  surveys: 'survey-',
} as const;
export type SampleKind = keyof typeof SAMPLE_KINDS;

/**
 * A seeded, reproducible sample of records of one kind: the population is every record of that
 * kind with an event recorded in [from, to) (all of them without a period).
 */
export async function sampleRecords(
  pool: pg.Pool,
  options: { kind: SampleKind; from?: Date; to?: Date; size: number; seed: string },
): Promise<{
  kind: SampleKind;
  seed: string;
  size: number;
  populationSize: number;
  algorithm: string;
  sample: (SampledRecord & { streamId: string })[];
}> {
  const prefix = SAMPLE_KINDS[options.kind];
  const values: unknown[] = [`${prefix}%`];
  const where = ['stream_id LIKE $1'];
  if (options.from) {
    values.push(options.from);
    where.push(`recorded_at >= $${values.length}`);
  }
  if (options.to) {
    values.push(options.to);
    where.push(`recorded_at < $${values.length}`);
  }
  const { rows } = await pool.query<{ stream_id: string }>(
    `SELECT DISTINCT stream_id FROM events WHERE ${where.join(' AND ')}`,
    values,
  );
  const ids = rows.map((row) => row.stream_id.slice(prefix.length));
  return {
    kind: options.kind,
    seed: options.seed,
    size: options.size,
    populationSize: ids.length,
    algorithm: SAMPLING_ALGORITHM,
    sample: seededSample(ids, options.size, options.seed).map((item) => ({ ...item, streamId: `${prefix}${item.id}` })),
  };
}
