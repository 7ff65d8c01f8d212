import type pg from 'pg';
import {
  GENESIS_HASH,
  PersonalDataEventStore,
  type EventStore,
  type PersonKeys,
  type RecordedEvent,
} from '@lib/event-store';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from '@lib/event-store/postgres/rows.js';
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
}

/** Every sealed event recorded before `to`, in global order, stored and revealed. */
export async function collectEvents(
  pool: pg.Pool,
  keys: PersonKeys,
  options: { to: Date; upTo: bigint; pageSize?: number },
): Promise<CollectedEvent[]> {
  const pageSize = options.pageSize ?? 5000;
  const collected: CollectedEvent[] = [];
  let after = 0n;
  for (;;) {
    const { rows } = await pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE global_position > $1 AND global_position <= $2
       ORDER BY global_position LIMIT $3`,
      [after.toString(), options.upTo.toString(), pageSize],
    );
    if (rows.length === 0) break;
    const stored = rows.map(toRecordedEvent);
    after = stored[stored.length - 1]!.globalPosition;
    const wanted = stored.filter((event) => event.recordedAt < options.to);
    const revealed = await revealEvents(wanted, keys);
    wanted.forEach((event, i) => collected.push({ stored: event, revealed: revealed[i]! }));
    if (rows.length < pageSize) break;
  }
  return collected;
}

/** The chain segment over positions [from, to]: every sealed hash, and the hash before it. */
export async function chainSegment(
  pool: pg.Pool,
  from: bigint,
  to: bigint,
): Promise<{ hashes: Map<bigint, { previous: bigint; hash: string }>; list: ChainProof['segment'] }> {
  const { rows } = await pool.query<{ global_position: string; previous_position: string; hash: Buffer }>(
    `SELECT global_position, previous_position, hash FROM event_hashes
      WHERE global_position >= $1 AND global_position <= $2 ORDER BY global_position`,
    [from.toString(), to.toString()],
  );
  const hashes = new Map<bigint, { previous: bigint; hash: string }>();
  for (const row of rows) {
    hashes.set(BigInt(row.global_position), {
      previous: BigInt(row.previous_position),
      hash: row.hash.toString('hex'),
    });
  }
  const first = rows[0];
  if (first && BigInt(first.previous_position) > 0n) {
    const before = await pool.query<{ hash: Buffer }>('SELECT hash FROM event_hashes WHERE global_position = $1', [
      first.previous_position,
    ]);
    if (before.rows[0]) {
      hashes.set(BigInt(first.previous_position), {
        previous: -1n,
        hash: before.rows[0].hash.toString('hex'),
      });
    }
  }
  return {
    hashes,
    list: {
      fromPosition: from.toString(),
      toPosition: to.toString(),
      hashes: rows.map((row) => [row.global_position, row.previous_position, row.hash.toString('hex')] as const),
    },
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
export function eventLine(
  event: RecordedEvent,
  link: { previous: bigint; hash: string },
  previousHash: string,
): EventLine {
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
    previousHash,
    hash: link.hash,
  };
}

export const GENESIS_HEX = GENESIS_HASH.toString('hex');
