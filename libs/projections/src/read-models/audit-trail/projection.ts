import type { RecordedEvent } from '@lib/event-store';
import type { Projection } from '../../runtime/projection.js';

/** Stream id prefixes, longest first, so that `service-level-…` is not read as `service`. */
const STREAM_TYPES = [
  'service-level',
  'improvement',
  'agreement',
  'complaint',
  'supplier',
  'dispute',
  'review',
  'survey',
  'party',
].sort((a, b) => b.length - a.length);

/** `agreement-1f…` → `agreement`; unknown shapes → the text before the first `-`. */
export function streamTypeOf(streamId: string): string {
  return (
    STREAM_TYPES.find((type) => streamId.startsWith(type) && streamId[type.length] === '-') ?? streamId.split('-')[0]!
  );
}

const AGREEMENT_KEYS = new Set(['agreementId', 'slrAgreementId', 'customerAgreementId']);
const PARTY_KEYS = new Set(['partyId', 'providerPartyId', 'counterpartyPartyId', 'customerId', 'supplierId']);
const PARTY_LIST_KEYS = new Set(['customerIds']);
/** Subjects of reviews: `{ kind, id }`. */
const AGREEMENT_SUBJECTS = new Set(['agreement', 'contract']);
const PARTY_SUBJECTS = new Set(['customer-relationship', 'supplier']);
/** Nested parts that hold terms or measurements, not references to agreements and parties. */
const SKIPPED = new Set(['terms', 'targets', 'perCustomer']);

/** The agreements and parties an event names, directly or through its stream. */
export function referencesOf(event: Pick<RecordedEvent, 'streamId' | 'data'>): {
  agreementIds: string[];
  partyIds: string[];
} {
  const agreements = new Set<string>();
  const parties = new Set<string>();
  const visit = (value: unknown, depth: number) => {
    if (!value || typeof value !== 'object' || Array.isArray(value) || depth > 2) return;
    const record = value as Record<string, unknown>;
    if (typeof record.kind === 'string' && typeof record.id === 'string') {
      if (AGREEMENT_SUBJECTS.has(record.kind)) agreements.add(record.id);
      if (PARTY_SUBJECTS.has(record.kind)) parties.add(record.id);
    }
    for (const key in record) {
      const field = record[key];
      if (typeof field === 'string' && field.length > 0) {
        if (AGREEMENT_KEYS.has(key)) agreements.add(field);
        if (PARTY_KEYS.has(key)) parties.add(field);
      } else if (Array.isArray(field) && PARTY_LIST_KEYS.has(key)) {
        for (const item of field) if (typeof item === 'string') parties.add(item);
      } else if (!SKIPPED.has(key)) {
        visit(field, depth + 1);
      }
    }
  };
  visit(event.data, 0);
  const streamType = streamTypeOf(event.streamId);
  const streamKey = event.streamId.slice(streamType.length + 1);
  if (streamType === 'agreement') agreements.add(streamKey);
  if (streamType === 'party' || streamType === 'supplier') parties.add(streamKey);
  return { agreementIds: [...agreements].sort(), partyIds: [...parties].sort() };
}

/**
 * Facts safe to show in a summary: identifiers of things, versions, sides,
 * outcomes and dates. Free text (reasons, descriptions, findings) and anything
 * about people other than their ids stays out of the audit trail.
 */
const SUMMARY_FACTS = [
  'kind',
  'version',
  'inResponseTo',
  'amends',
  'previousVersion',
  'side',
  'status',
  'outcome',
  'impact',
  'channel',
  'supplierKind',
  'targetId',
  'limitId',
  'periodId',
  'effectiveOn',
  'effectiveTo',
  'lastDayInForce',
  'reviewedOn',
  'dueOn',
  'nextReviewDue',
] as const;
const SAFE_VALUE = /^[A-Za-z0-9._:+-]{1,64}$/;

/** `TermsProposed: version 2, side provider` */
export function summaryOf(event: Pick<RecordedEvent, 'type' | 'data'>): string {
  let facts = '';
  for (const key of SUMMARY_FACTS) {
    const value = event.data[key];
    if (
      (typeof value === 'number' && Number.isFinite(value)) ||
      (typeof value === 'string' && SAFE_VALUE.test(value))
    ) {
      facts += `${facts ? ', ' : ''}${key} ${value}`;
    }
  }
  return facts ? `${event.type}: ${facts}` : event.type;
}

/** The columns of an entry and their SQL types. */
const ENTRY_COLUMNS = [
  ['global_position', 'bigint'],
  ['event_id', 'text'],
  ['recorded_at', 'timestamptz'],
  ['stream_id', 'text'],
  ['stream_type', 'text'],
  ['stream_version', 'integer'],
  ['event_type', 'text'],
  ['schema_version', 'integer'],
  ['actor', 'text'],
  ['correlation_id', 'text'],
  ['causation_id', 'text'],
  ['clauses', 'text[]'],
  ['agreement_ids', 'text[]'],
  ['party_ids', 'text[]'],
  ['summary', 'text'],
] as const satisfies readonly (readonly [keyof EntryRow, string])[];

interface EntryRow {
  global_position: string;
  event_id: string;
  recorded_at: string;
  stream_id: string;
  stream_type: string;
  stream_version: number;
  event_type: string;
  schema_version: number;
  actor: string;
  correlation_id: string | null;
  causation_id: string | null;
  clauses: string[];
  agreement_ids: string[];
  party_ids: string[];
  summary: string;
}

/**
 * The audit trail (every clause): one row per event with who, when, which
 * stream, which clauses, the agreements and parties it concerns and a short
 * summary. Hashes of sealed events are not copied: the sealer writes them
 * later, so the audit API joins `event_hashes` at query time.
 */
export const auditTrailProjection: Projection = {
  name: 'audit-trail',
  tables: ['audit_trail_entries', 'audit_trail_agreement_parties'],
  insertOnlyTables: ['audit_trail_entries'],
  async apply(events, { client, table, write, insert }) {
    const lookups = new Map<string, string[]>();
    const referenced = events.map((event) => referencesOf(event));
    const named = new Set(referenced.flatMap((references) => references.agreementIds));
    if (named.size > 0) {
      const { rows } = await client.query<{ agreement_id: string; party_ids: string[] }>(
        `SELECT agreement_id, party_ids FROM ${table('audit_trail_agreement_parties')} WHERE agreement_id = ANY($1)`,
        [[...named]],
      );
      for (const row of rows) lookups.set(row.agreement_id, row.party_ids);
    }
    const drafted = new Map<string, string[]>();
    const rows: EntryRow[] = events.map((event, i) => {
      const references = referenced[i]!;
      if (event.type === 'AgreementDrafted') {
        const parties = [event.data.providerPartyId, event.data.counterpartyPartyId]
          .filter((party): party is string => typeof party === 'string')
          .sort();
        const agreementId = String(event.data.agreementId);
        lookups.set(agreementId, parties);
        drafted.set(agreementId, parties);
      }
      const partyIds = new Set(references.partyIds);
      for (const agreementId of references.agreementIds) {
        for (const party of lookups.get(agreementId) ?? []) partyIds.add(party);
      }
      const { metadata } = event;
      return {
        global_position: event.globalPosition.toString(),
        event_id: event.eventId,
        recorded_at: event.recordedAt.toISOString(),
        stream_id: event.streamId,
        stream_type: streamTypeOf(event.streamId),
        stream_version: event.streamVersion,
        event_type: event.type,
        schema_version: event.schemaVersion,
        actor: metadata.actor,
        correlation_id: metadata.correlationId ?? null,
        causation_id: metadata.causationId ?? null,
        clauses: [...(metadata.clauses ?? [])],
        agreement_ids: references.agreementIds,
        party_ids: [...partyIds].sort(),
        summary: summaryOf(event),
      };
    });
    if (drafted.size > 0) {
      write(
        `INSERT INTO ${table('audit_trail_agreement_parties')} (agreement_id, party_ids)
         SELECT agreement_id, party_ids FROM jsonb_to_recordset($1::jsonb) AS r(agreement_id text, party_ids text[])
         ON CONFLICT (agreement_id) DO UPDATE SET party_ids = EXCLUDED.party_ids`,
        [JSON.stringify([...drafted].map(([agreement_id, party_ids]) => ({ agreement_id, party_ids })))],
      );
    }
    insert('audit_trail_entries', ENTRY_COLUMNS, rows);
  },
};
