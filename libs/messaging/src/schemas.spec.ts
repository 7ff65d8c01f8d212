import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { eventTypeSchemas, schemaDocuments } from './schemas.js';
import { PUBLISHED_CONTEXTS } from './topics.js';

const directory = join(process.cwd(), 'docs/schemas');

describe('event JSON Schemas', () => {
  it('has one schema per event type of every context, plus the audit checkpoint', () => {
    const expected = PUBLISHED_CONTEXTS.reduce((n, context) => n + Object.keys(context.events).length, 0) + 1;
    const ids = eventTypeSchemas().map((schema) => schema.id);
    expect(ids).toHaveLength(expected);
    expect(new Set(ids).size).toBe(expected);
    expect(ids).toContain('complaints.ComplaintRecorded');
    expect(ids).toContain('audit-checkpoints.ChainCheckpointSigned');
  });

  it('pins type, context and data of each event type in the envelope', () => {
    const recorded = eventTypeSchemas().find((schema) => schema.id === 'complaints.ComplaintRecorded')!.schema;
    const properties = recorded.properties as Record<string, Record<string, unknown>>;
    expect(properties.type).toMatchObject({ const: 'ComplaintRecorded' });
    expect(properties.context).toMatchObject({ const: 'complaints' });
    expect(properties.globalPosition).toMatchObject({ type: 'string' });
    expect(recorded.required).toEqual(expect.arrayContaining(['eventId', 'streamId', 'globalPosition', 'data']));
    const complainant = (properties.data!.properties as Record<string, Record<string, unknown>>).complainant!;
    const email = (complainant.properties as Record<string, Record<string, unknown>>).email!;
    expect(email.anyOf).toEqual(expect.arrayContaining([{ const: '[erased]' }]));
  });

  it('are committed up to date in docs/schemas (regenerate with `npm run docs:schemas`)', () => {
    const documents = schemaDocuments();
    const committed = readdirSync(directory).filter((file) => file.endsWith('.json'));
    expect(committed.sort()).toEqual([...documents.keys()].sort());
    for (const [file, content] of documents) {
      const actual: unknown = JSON.parse(readFileSync(join(directory, file), 'utf8'));
      expect({ file, schema: actual }).toEqual({ file, schema: JSON.parse(content) });
    }
  });
});
