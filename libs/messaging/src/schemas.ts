import { z } from 'zod';
import { PERSONAL_FIELDS } from '@lib/event-store/personal-data/personal-fields.js';
import { auditCheckpointMessageSchema, AUDIT_CHECKPOINT_TYPE } from './audit-checkpoints.js';
import { eventEnvelopeSchema } from './envelope.js';
import { AUDIT_CHECKPOINTS, CONTRACT_VERSION, PUBLISHED_CONTEXTS } from './topics.js';

export type JsonSchema = Record<string, unknown>;

export interface EventTypeSchema {
  /** `<context>.<type>`, e.g. `complaints.ComplaintRecorded`: event types are unique only within a context. */
  readonly id: string;
  readonly context: string;
  readonly type: string;
  /** The whole message value: the envelope with `type`, `context` and `data` made exact. */
  readonly schema: JsonSchema;
}

const BASE_URI = 'urn:iso20000:relationship-agreement:schemas';

/** The JSON Schema of the envelope every event message shares (its `data` left open). */
export function envelopeJsonSchema(): JsonSchema {
  return {
    $id: `${BASE_URI}:envelope.v${CONTRACT_VERSION}`,
    title: 'EventEnvelope',
    ...z.toJSONSchema(eventEnvelopeSchema, { target: 'draft-2020-12' }),
  };
}

/** One JSON Schema per event type of every context, plus the audit checkpoint message, sorted by id. */
export function eventTypeSchemas(): EventTypeSchema[] {
  const schemas: EventTypeSchema[] = [];
  for (const context of PUBLISHED_CONTEXTS) {
    for (const [type, data] of Object.entries(context.events)) {
      const id = `${context.name}.${type}`;
      const message = eventEnvelopeSchema.extend({
        context: z.literal(context.name),
        type: z.literal(type),
        data,
      });
      const schema = z.toJSONSchema(message, { target: 'draft-2020-12', unrepresentable: 'any', io: 'output' });
      allowErasedPersonalFields((schema.properties as Record<string, JsonSchema>).data!);
      schemas.push({
        id,
        context: context.name,
        type,
        schema: { $id: `${BASE_URI}:${id}.v${CONTRACT_VERSION}`, title: id, ...schema },
      });
    }
  }
  const id = `${AUDIT_CHECKPOINTS}.${AUDIT_CHECKPOINT_TYPE}`;
  schemas.push({
    id,
    context: AUDIT_CHECKPOINTS,
    type: AUDIT_CHECKPOINT_TYPE,
    schema: {
      $id: `${BASE_URI}:${id}.v${CONTRACT_VERSION}`,
      title: id,
      ...z.toJSONSchema(auditCheckpointMessageSchema, { target: 'draft-2020-12' }),
    },
  });
  return schemas.sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Every file of docs/schemas: name -> content (pretty JSON with a final newline). An index lists
 * the event types by context and topic.
 */
export function schemaDocuments(): Map<string, string> {
  const files = new Map<string, string>();
  const text = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const types = eventTypeSchemas();
  files.set('envelope.json', text(envelopeJsonSchema()));
  for (const { id, schema } of types) files.set(`${id}.json`, text(schema));
  files.set(
    'index.json',
    text({
      contractVersion: CONTRACT_VERSION,
      envelope: 'envelope.json',
      eventTypes: types.map(({ id, context, type }) => ({ id, context, type, file: `${id}.json` })),
    }),
  );
  return files;
}

/**
 * A person's name, e-mail address and phone number read as `[erased]` once the person is
 * forgotten (crypto-shredding), whatever format they had: the schema says so.
 */
function allowErasedPersonalFields(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(allowErasedPersonalFields);
  if (!node || typeof node !== 'object') return;
  const schema = node as JsonSchema;
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (properties?.personId) {
    for (const field of PERSONAL_FIELDS) {
      const original = properties[field];
      if (!original) continue;
      properties[field] = {
        anyOf: [original, { const: '[erased]' }],
        description: 'Personal data: reads "[erased]" once the person has been forgotten',
      };
    }
  }
  for (const [key, value] of Object.entries(schema)) {
    if (key !== 'properties' || !properties) allowErasedPersonalFields(value);
  }
  if (properties) {
    for (const [name, value] of Object.entries(properties)) {
      if (!(properties.personId && (PERSONAL_FIELDS as readonly string[]).includes(name))) {
        allowErasedPersonalFields(value);
      }
    }
  }
}
