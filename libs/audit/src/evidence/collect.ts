import type pg from 'pg';
import {
  GENESIS_HASH,
  PersonalDataEventStore,
  type EventMetadata,
  type EventStore,
  type PersonKeys,
  type RecordedEvent,
} from '@lib/event-store';
import type { Period } from '../requirements.js';
import type { ProofCheckpoint } from './format.js';

/**
 * Shows events as the personal-data layer does: names, e-mails and phones decrypted, a forgotten
 * person's as `[erased]`. It wraps a store that only hands back the given events.
 */
export async function revealEvents(events: RecordedEvent[], keys: PersonKeys): Promise<RecordedEvent[]> {
  if (events.length === 0) return events;
  const given = { readAll: async () => events } as unknown as EventStore;
  return new PersonalDataEventStore(given, keys).readAll();
}

/** An event as stored and chained, its data and metadata kept as the JSON text the database gave. */
export interface StoredEvent extends Omit<RecordedEvent, 'data'> {
  /** As stored (personal fields as ciphertext). */
  readonly dataJson: string;
  readonly metadataJson: string;
}

export interface CollectedEvent {
  readonly stored: StoredEvent;
  /** Through the personal-data layer, with its data: only for the types the caller reads. */
  readonly revealed?: RecordedEvent;
  /** Recorded in the period, not before. */
  readonly inPeriod: boolean;
  /** Of an event of the period once sealed: its place in the chain, for events.ndjson. */
  readonly link?: ChainLink;
}

export interface ChainLink {
  readonly previous: bigint;
  readonly previousHash: string;
  readonly hash: string;
}

export interface CollectOptions {
  readonly period: Period;
  /** The last position to read. */
  readonly upTo: bigint;
  /** Of the events recorded before the period, only these types are read. */
  readonly historyTypes: readonly string[];
  /**
   * The types whose data the caller reads: only theirs is parsed and revealed. Most of a log
   * (measurements) is only shipped as stored, its JSON text as the database gave it.
   */
  readonly readTypes: ReadonlySet<string>;
  readonly pageSize?: number;
}

interface CollectedRow {
  global_position: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: string;
  previous_position: string | null;
  hash: Buffer | null;
  previous_hash: Buffer | null;
}

/** Like `EVENT_COLUMNS`, with data and metadata as text: parsed here, and only where needed. */
const COLUMNS =
  'global_position, stream_id, stream_version, event_id, event_type, schema_version, ' +
  'data::text AS data, metadata::text AS metadata, (extract(epoch FROM recorded_at) * 1000)::bigint AS recorded_at';

function storedEvent(row: CollectedRow): StoredEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    globalPosition: BigInt(row.global_position),
    type: row.event_type,
    schemaVersion: row.schema_version,
    recordedAt: new Date(Number(row.recorded_at)),
    metadata: JSON.parse(row.metadata) as EventMetadata,
    dataJson: row.data,
    metadataJson: row.metadata,
  };
}

/** How an encrypted personal field (see `isEncrypted`) begins in the JSON text of an event's data. */
export const ENCRYPTED_MARK = '"pii:v1:';

/**
 * The events with their data, through the personal-data layer. Only those whose text holds an
 * encrypted field go through it: for the others it would change nothing, after a costly search.
 */
async function revealed(events: readonly StoredEvent[], keys: PersonKeys): Promise<Map<StoredEvent, RecordedEvent>> {
  const withData = new Map<StoredEvent, RecordedEvent>();
  const encrypted: StoredEvent[] = [];
  for (const event of events) {
    const { dataJson, metadataJson: _metadataJson, ...envelope } = event;
    withData.set(event, { ...envelope, data: JSON.parse(dataJson) as Record<string, unknown> });
    if (dataJson.includes(ENCRYPTED_MARK)) encrypted.push(event);
  }
  const shown = await revealEvents(
    encrypted.map((event) => withData.get(event)!),
    keys,
  );
  encrypted.forEach((event, i) => withData.set(event, shown[i]!));
  return withData;
}

/**
 * Every event recorded in the period, and the events of `historyTypes` recorded before it,
 * in global order, a page at a time: stored, revealed (those of `readTypes`) and (those of the
 * period) with their chain link. One walk of the log by key set; the next page is read while the
 * caller works on this one.
 */
export async function* collectEvents(
  pool: pg.Pool,
  keys: PersonKeys,
  options: CollectOptions,
): AsyncGenerator<CollectedEvent[]> {
  const pageSize = options.pageSize ?? 5000;
  const from = options.period.from.getTime();
  // Walks the primary key in order (the planner has no better path: recorded_at is not indexed),
  // filtered in the server so that only wanted rows travel.
  const page = (after: string) =>
    pool.query<CollectedRow>(
      `SELECT page.*, h.previous_position, h.hash, p.hash AS previous_hash
         FROM (SELECT ${COLUMNS} FROM events
                WHERE global_position > $1 AND global_position <= $2 AND recorded_at < $4
                  AND (recorded_at >= $3 OR event_type = ANY($5::text[]))
                ORDER BY global_position LIMIT $6) page
         LEFT JOIN event_hashes h ON h.global_position = page.global_position AND page.recorded_at >= $7
         LEFT JOIN event_hashes p ON p.global_position = h.previous_position
        ORDER BY page.global_position`,
      [after, options.upTo.toString(), options.period.from, options.period.to, options.historyTypes, pageSize, from],
    );
  let next: Promise<pg.QueryResult<CollectedRow>> | undefined = page('0');
  while (next) {
    const { rows }: pg.QueryResult<CollectedRow> = await next;
    next = rows.length === pageSize ? page(rows[rows.length - 1]!.global_position) : undefined;
    // Awaited on the next turn; a caller that stops early has no interest in its failure.
    next?.catch(() => undefined);
    const stored = rows.map(storedEvent);
    const read = await revealed(
      stored.filter((event) => options.readTypes.has(event.type)),
      keys,
    );
    yield rows.map((row, i) => {
      const event = stored[i]!;
      const inPeriod = event.recordedAt.getTime() >= from;
      const shown = read.get(event);
      if (!inPeriod || !row.hash) return { stored: event, revealed: shown, inPeriod };
      const previous = BigInt(row.previous_position!);
      const link = {
        previous,
        previousHash: previous === 0n || !row.previous_hash ? GENESIS_HEX : row.previous_hash.toString('hex'),
        hash: row.hash.toString('hex'),
      };
      return { stored: event, revealed: shown, inPeriod, link };
    });
  }
}

interface SegmentRow {
  global_position: string;
  previous_position: string;
  hash: string;
}

/**
 * The chain segment over positions [from, to]: every sealed hash as [position, previous position,
 * hash], a page at a time by key set (the next page read while this one is written).
 */
export async function* segmentHashes(
  pool: pg.Pool,
  from: bigint,
  to: bigint,
  pageSize = 20_000,
): AsyncGenerator<readonly [string, string, string]> {
  const page = (after: bigint) =>
    pool.query<SegmentRow>(
      `SELECT global_position, previous_position, encode(hash, 'hex') AS hash FROM event_hashes
        WHERE global_position >= $1 AND global_position <= $2 ORDER BY global_position LIMIT $3`,
      [after.toString(), to.toString(), pageSize],
    );
  let next: Promise<pg.QueryResult<SegmentRow>> | undefined = page(from);
  while (next) {
    const { rows }: pg.QueryResult<SegmentRow> = await next;
    next = rows.length === pageSize ? page(BigInt(rows[rows.length - 1]!.global_position) + 1n) : undefined;
    next?.catch(() => undefined);
    for (const row of rows) yield [row.global_position, row.previous_position, row.hash] as const;
  }
}

/**
 * The position of the last event recorded in the period, up to `upTo`: the primary key walked
 * back from `upTo`, so for a recent period only the few events after it are read.
 */
export async function lastPositionOf(pool: pg.Pool, period: Period, upTo: bigint): Promise<bigint | undefined> {
  const { rows } = await pool.query<{ global_position: string }>(
    `SELECT global_position FROM events
      WHERE global_position <= $1 AND recorded_at >= $2 AND recorded_at < $3
      ORDER BY global_position DESC LIMIT 1`,
    [upTo.toString(), period.from, period.to],
  );
  return rows[0] ? BigInt(rows[0].global_position) : undefined;
}

/** The signed checkpoints whose range (previous, position] meets [from, to]. */
export async function checkpointsCovering(pool: pg.Pool, from: bigint, to: bigint): Promise<ProofCheckpoint[]> {
  const { rows } = await pool.query<{
    position: string;
    previous_position: string;
    hash: Buffer;
    entries: Buffer;
    signed_at: Date;
    algorithm: 'ed25519' | 'hmac-sha256';
    key_id: string;
    signature: Buffer;
  }>(
    `SELECT position, previous_position, hash, entries, signed_at, algorithm, key_id, signature
       FROM event_checkpoints WHERE position >= $1 AND previous_position < $2 ORDER BY position`,
    [from.toString(), to.toString()],
  );
  return rows.map((row) => ({
    position: row.position,
    previousPosition: row.previous_position,
    hash: row.hash.toString('hex'),
    entries: row.entries.toString('base64'),
    signedAt: row.signed_at.toISOString(),
    algorithm: row.algorithm,
    keyId: row.key_id,
    signature: row.signature.toString('base64'),
  }));
}

/**
 * An event as a line of events.ndjson (an `EventLine`), with its place in the chain. Its data and
 * metadata go in as the database gave their text: parsing and serialising them again would only
 * cost time (the verifier parses the line, so the hash it recomputes is the same).
 */
export function eventLineJson(event: StoredEvent, link: ChainLink): string {
  return (
    `{"globalPosition":"${event.globalPosition}","eventId":${JSON.stringify(event.eventId)},` +
    `"streamId":${JSON.stringify(event.streamId)},"streamVersion":${event.streamVersion},` +
    `"type":${JSON.stringify(event.type)},"schemaVersion":${event.schemaVersion},` +
    `"data":${event.dataJson},"metadata":${event.metadataJson},"recordedAt":"${event.recordedAt.toISOString()}",` +
    `"previousPosition":"${link.previous}","previousHash":"${link.previousHash}","hash":"${link.hash}"}`
  );
}

export const GENESIS_HEX = GENESIS_HASH.toString('hex');
