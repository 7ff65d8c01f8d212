import pg from 'pg';
import { canonicalJsonText } from './canonical-json-text.js';

/**
 * The columns of `events` that the chain hashes, as PostgreSQL writes them (read with `RAW_TYPES`, as
 * arrays), in the order of `EventText`. Verification reads these rather than recorded events: it
 * only hashes them, so nothing needs parsing into values.
 */
export const EVENT_TEXT_COLUMNS =
  'global_position, event_id, stream_id, stream_version, event_type, schema_version, data, metadata, ' +
  '(extract(epoch FROM recorded_at) * 1000)::bigint AS recorded_at';

export type EventText = [
  globalPosition: string,
  eventId: string,
  streamId: string,
  streamVersion: string,
  type: string,
  schemaVersion: string,
  data: string,
  metadata: string,
  recordedAtMs: string,
];

const BYTEA = 17;
const asText = (text: string) => text;

/** Query `types` that leave every column as PostgreSQL's text, except bytea (a Buffer). */
export const RAW_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number) =>
    oid === BYTEA ? pg.types.getTypeParser(oid) : asText) as typeof pg.types.getTypeParser,
};

/**
 * `canonicalJson(eventEnvelope(toRecordedEvent(row)))` for the same row read as text: the members in
 * their canonical order, integers and the position as PostgreSQL writes them (as JSON.stringify
 * would), the JSON columns made canonical.
 */
export function envelopeText(row: EventText): string {
  // A uuid's text needs no escaping.
  return (
    `{"data":${canonicalJsonText(row[6])},"eventId":"${row[1]}","globalPosition":"${row[0]}",` +
    `"metadata":${canonicalJsonText(row[7])},"recordedAt":"${isoTime(row[8])}",` +
    `"schemaVersion":${row[5]},"streamId":${JSON.stringify(row[2])},"streamVersion":${row[3]},` +
    `"type":${JSON.stringify(row[4])}}`
  );
}

/** The events of one append share their time: the last one's ISO form is kept. */
let lastTime = { ms: '', iso: '' };

function isoTime(ms: string): string {
  if (lastTime.ms !== ms) lastTime = { ms, iso: new Date(Number(ms)).toISOString() };
  return lastTime.iso;
}
