import type pg from 'pg';
import {
  GENESIS_HASH,
  PersonalDataEventStore,
  type EventStore,
  type PersonKeys,
  type RecordedEvent,
} from '@lib/event-store';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from '@lib/event-store/postgres/rows.js';
import type { Period } from '../requirements.js';
import type { ChainProof, EventLine, ProofCheckpoint } from './format.js';

/**
 * Shows events as the personal-data layer does: names, e-mails and phones decrypted, a forgotten
 * person's as `[erased]`. It wraps a store that only hands back the given events.
 */
export async function revealEvents(events: RecordedEvent[], keys: PersonKeys): Promise<RecordedEvent[]> {
  if (events.length === 0) return events;
  const given = { readAll: async () => events } as unknown as EventStore;
  return new PersonalDataEventStore(given, keys).readAll();
}

export interface CollectedEvent {
  /** As stored and chained (personal fields as ciphertext). */
  readonly stored: RecordedEvent;
  /** Through the personal-data layer. */
  readonly revealed: RecordedEvent;
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
  readonly pageSize?: number;
}

interface CollectedRow extends EventRow {
  previous_position: string | null;
  hash: Buffer | null;
  previous_hash: Buffer | null;
}

/**
 * Every event recorded in the period, and the events of `historyTypes` recorded before it,
 * in global order, a page at a time: stored, revealed and (those of the period) with their chain
 * link. One walk of the log; the next page is read while the caller works on this one.
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
         FROM (SELECT ${EVENT_COLUMNS} FROM events
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
    const stored = rows.map(toRecordedEvent);
    const revealed = await revealEvents(stored, keys);
    yield rows.map((row, i) => {
      const event = stored[i]!;
      const inPeriod = event.recordedAt.getTime() >= from;
      if (!inPeriod || !row.hash) return { stored: event, revealed: revealed[i]!, inPeriod };
      const previous = BigInt(row.previous_position!);
      const link = {
        previous,
        previousHash: previous === 0n || !row.previous_hash ? GENESIS_HEX : row.previous_hash.toString('hex'),
        hash: row.hash.toString('hex'),
      };
      return { stored: event, revealed: revealed[i]!, inPeriod, link };
    });
  }
}

/** The chain segment over positions [from, to]: every sealed hash. */
export async function chainSegment(pool: pg.Pool, from: bigint, to: bigint): Promise<ChainProof['segment']> {
  const { rows } = await pool.query<{ global_position: string; previous_position: string; hash: string }>(
    `SELECT global_position, previous_position, encode(hash, 'hex') AS hash FROM event_hashes
      WHERE global_position >= $1 AND global_position <= $2 ORDER BY global_position`,
    [from.toString(), to.toString()],
  );
  return {
    fromPosition: from.toString(),
    toPosition: to.toString(),
    hashes: rows.map((row) => [row.global_position, row.previous_position, row.hash] as const),
  };
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

/** An event as a line of events.ndjson, with its place in the chain. */
export function eventLine(event: RecordedEvent, link: ChainLink): EventLine {
  return {
    globalPosition: event.globalPosition.toString(),
    eventId: event.eventId,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata as unknown as Record<string, unknown>,
    recordedAt: event.recordedAt.toISOString(),
    previousPosition: link.previous.toString(),
    previousHash: link.previousHash,
    hash: link.hash,
  };
}

export const GENESIS_HEX = GENESIS_HASH.toString('hex');
