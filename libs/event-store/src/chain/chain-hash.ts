import { hash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import type { RecordedEvent } from '../event-store.js';

/** The hash before the first event of the log. */
export const GENESIS_HASH: Buffer = Buffer.alloc(32);

/** Bytes of each event's chain hash kept in a signed checkpoint (with 8 bytes of position). */
export const ENTRY_HASH_BYTES = 8;
export const ENTRY_BYTES = 8 + ENTRY_HASH_BYTES;

/** Everything the chain vouches for about one event, as stored (before any upcasting). */
export function eventEnvelope(event: RecordedEvent): Record<string, unknown> {
  return {
    globalPosition: event.globalPosition,
    eventId: event.eventId,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
  };
}

/** SHA-256 over the previous hash followed by the canonical JSON of the event's envelope. */
export function chainHash(previous: Buffer, event: RecordedEvent): Buffer {
  return chainHashOf(previous, canonicalJson(eventEnvelope(event)));
}

/** `chainHash` from the envelope's canonical JSON. */
export function chainHashOf(previous: Buffer, envelope: string): Buffer {
  // One buffer for the hashed bytes and a one-shot hash: no objects per event but the digest.
  const most = previous.length + 3 * envelope.length;
  if (scratch.length < most) scratch = Buffer.allocUnsafe(Math.max(most, 2 * scratch.length));
  previous.copy(scratch, 0);
  const length = previous.length + scratch.write(envelope, previous.length, 'utf8');
  return hash('sha256', scratch.subarray(0, length), 'buffer');
}

let scratch = Buffer.allocUnsafe(16 * 1024);

/** Checkpoint entries: for each covered event, its position and the first bytes of its chain hash. */
export function encodeEntries(entries: readonly { position: bigint; hash: Buffer }[]): Buffer {
  const buffer = Buffer.alloc(entries.length * ENTRY_BYTES);
  entries.forEach(({ position, hash }, index) => {
    buffer.writeBigUInt64BE(position, index * ENTRY_BYTES);
    hash.copy(buffer, index * ENTRY_BYTES + 8, 0, ENTRY_HASH_BYTES);
  });
  return buffer;
}
