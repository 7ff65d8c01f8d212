import type { EventMetadata, RecordedEvent } from './event-store.js';

/** A recorded event in JSON-facing form: the global position as a decimal string, the time as ISO-8601. */
export interface SerializedRecordedEvent {
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Record<string, unknown>;
  readonly recordedAt: string;
  readonly metadata: EventMetadata;
}

export function serializeRecordedEvent(event: RecordedEvent): SerializedRecordedEvent {
  return {
    eventId: event.eventId,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    globalPosition: positionToString(event.globalPosition),
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    recordedAt: event.recordedAt.toISOString(),
    metadata: event.metadata,
  };
}

export function deserializeRecordedEvent(event: SerializedRecordedEvent): RecordedEvent {
  const recordedAt = new Date(event.recordedAt);
  if (Number.isNaN(recordedAt.getTime())) throw new TypeError(`Invalid recordedAt: ${event.recordedAt}`);
  return { ...event, globalPosition: parsePosition(event.globalPosition), recordedAt };
}

export const positionToString = (position: bigint): string => position.toString();

/** Parses a global position written as a decimal string (as in JSON, URLs and checkpoints). */
export function parsePosition(text: string): bigint {
  if (!/^(0|[1-9][0-9]{0,18})$/.test(text)) throw new TypeError(`Invalid global position: ${JSON.stringify(text)}`);
  return BigInt(text);
}
