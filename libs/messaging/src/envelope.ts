import { z } from 'zod';
import { ISO_CLAUSES } from '@lib/domain';
import type { RecordedEvent } from '@lib/event-store';
import type { OutboundMessage } from './publisher.js';
import type { TopicMap } from './topics.js';

/** The JSON value of every event message. Its JSON Schema is generated from this definition. */
export const eventEnvelopeSchema = z
  .object({
    eventId: z.guid().describe('Unique id of the event: deduplicate by it (delivery is at-least-once)'),
    context: z.string().describe('The bounded context, as in the topic name, e.g. "complaints"'),
    type: z.string().describe('The event type, e.g. "ComplaintRecorded"; with the context it names the data schema'),
    schemaVersion: z.int().min(1).describe("Version of the event type's data schema"),
    streamId: z.string().describe('The aggregate\'s stream, also the message key, e.g. "complaint-42"'),
    streamVersion: z.int().min(0).describe('0-based position of the event in its stream: gapless per key'),
    globalPosition: z
      .string()
      .regex(/^[1-9][0-9]*$/)
      .describe('Position in the global log, as a decimal string (it may exceed 2^53)'),
    recordedAt: z.iso.datetime({ offset: true }).describe('When the event store recorded the event (ISO 8601)'),
    actor: z.string().describe('The authenticated principal who caused the event'),
    correlationId: z.string().describe('The flow (request) the event belongs to'),
    causationId: z.string().describe('The request or event that caused this one'),
    clauses: z.array(z.enum(ISO_CLAUSES)).describe('The ISO/IEC 20000-1:2018 clauses the event evidences'),
    data: z.record(z.string(), z.unknown()).describe("The event's data, described by the schema of its type"),
  })
  .describe('An event of the ISO/IEC 20000-1 clause 8.3 service, as published to Kafka');

export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;

/** Header names of every message. */
export const HEADERS = {
  eventId: 'event-id',
  eventType: 'event-type',
  contentType: 'content-type',
  /** `true` on messages re-published by an operator's replay; absent otherwise. */
  replay: 'x-replay',
} as const;

export const CONTENT_TYPE = 'application/json';

export function toEnvelope(event: RecordedEvent, context: string): EventEnvelope {
  return {
    eventId: event.eventId,
    context,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    globalPosition: event.globalPosition.toString(),
    recordedAt: event.recordedAt.toISOString(),
    actor: event.metadata.actor,
    correlationId: event.metadata.correlationId,
    causationId: event.metadata.causationId,
    clauses: [...event.metadata.clauses],
    data: event.data,
  };
}

/** The message of an event, or undefined when its stream belongs to no published context. */
export function toMessage(
  event: RecordedEvent,
  topics: TopicMap,
  options: { replay?: boolean } = {},
): OutboundMessage | undefined {
  const context = topics.contextOf(event.streamId);
  if (!context) return undefined;
  return {
    topic: topics.topicOf(context.name),
    key: event.streamId,
    value: JSON.stringify(toEnvelope(event, context.name)),
    headers: {
      [HEADERS.eventId]: event.eventId,
      [HEADERS.eventType]: event.type,
      [HEADERS.contentType]: CONTENT_TYPE,
      ...(options.replay ? { [HEADERS.replay]: 'true' } : {}),
    },
  };
}
