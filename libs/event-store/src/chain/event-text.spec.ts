import { describe, expect, it } from '@jest/globals';
import { canonicalJson } from '../canonical-json.js';
import { toRecordedEvent } from '../postgres/rows.js';
import { eventEnvelope } from './chain-hash.js';
import { envelopeText, type EventText } from './event-text.js';

describe('envelopeText', () => {
  it('is the canonical envelope of the same row as the store reads it', () => {
    const data = { z: [1.5, 'two'], a: { 'key "quoted"': 'line\nbreak', é: null }, n: 12 };
    const metadata = { actor: 'user:ana', clauses: ['8.3.3' as const], correlationId: 'c-1', causationId: 'c-0' };
    const dataText = '{"n": 12, "z": [1.50, "two"], "a": {"é": null, "key \\"quoted\\"": "line\\nbreak"}}';
    const metadataText = JSON.stringify(metadata);
    const row: EventText = [
      '9007199254740993',
      '0f8fad5b-d9cb-469f-a165-70867728950e',
      'agreement-"x"\\é',
      '41',
      'SlaTargetMeasured',
      '2',
      dataText,
      metadataText,
      '1767225600123',
    ];
    const recorded = toRecordedEvent({
      global_position: row[0],
      event_id: row[1],
      stream_id: row[2],
      stream_version: 41,
      event_type: row[4],
      schema_version: 2,
      data,
      metadata,
      recorded_at: row[8],
    });
    expect(envelopeText(row)).toBe(canonicalJson(eventEnvelope(recorded)));
    // The time of the row before (kept for the next row) must not leak into another.
    const later: EventText = [...row];
    later[8] = '1767225600124';
    expect(envelopeText(later)).toContain('"recordedAt":"2026-01-01T00:00:00.124Z"');
  });
});
