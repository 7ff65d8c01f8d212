import { ISO_CLAUSES } from '@lib/domain';
import { SAMPLE_KINDS } from '@lib/audit';
import { z } from 'zod';

const instant = z.iso.datetime({ offset: true });
const dayOrInstant = z.union([z.iso.date(), instant]);
const id = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'not a valid id');

const filters = {
  clause: z.enum(ISO_CLAUSES).optional().describe('Only events evidencing this ISO/IEC 20000-1 clause'),
  partyId: id
    .optional()
    .describe('Only events concerning this party (customer, supplier), also through its agreements'),
  agreementId: id.optional().describe('Only events concerning this agreement'),
  streamId: z.string().min(1).max(256).optional().describe('Only events of this stream, e.g. complaint-<id>'),
  streamType: z.string().min(1).max(64).optional().describe('Only streams of this kind, e.g. agreement, service-level'),
  type: z.string().min(1).max(128).optional().describe('Only events of this type, e.g. ServiceLevelTargetBreached'),
  actor: z.string().min(1).max(256).optional().describe('Only events recorded for this principal'),
  correlationId: z.string().min(1).max(256).optional().describe('Only events of this flow'),
  from: instant.optional().describe('Recorded at or after this instant'),
  to: instant.optional().describe('Recorded before this instant'),
};

export const trailQuery = z
  .object({
    ...filters,
    cursor: z.string().max(128).optional().describe('The `nextCursor` of the previous page'),
    limit: z.coerce.number().int().min(1).max(500).default(50).describe('Entries per page (1-500, default 50)'),
  })
  .strict();
export type TrailQuery = z.infer<typeof trailQuery>;

export const exportQuery = z
  .object({ ...filters, format: z.enum(['csv', 'json']).default('csv').describe('csv (RFC 4180) or json (an array)') })
  .strict();
export type ExportQuery = z.infer<typeof exportQuery>;

export const recordQuery = z
  .object({ asOf: instant.optional().describe('The instant to show the record at (default: now)') })
  .strict();

export const sampleQuery = z
  .object({
    kind: z.enum(Object.keys(SAMPLE_KINDS) as [keyof typeof SAMPLE_KINDS]).describe('The kind of record to sample'),
    from: dayOrInstant.optional().describe('Population: records with an event recorded from this day or instant'),
    to: dayOrInstant.optional().describe('… up to this day (inclusive) or instant (exclusive)'),
    size: z.coerce.number().int().min(1).max(1000).describe('How many records to draw'),
    seed: z.string().min(1).max(256).describe('Any text; the same seed and population give the same sample'),
  })
  .strict();

export const evidenceQuery = z
  .object({
    from: dayOrInstant.describe('First day (or instant) of the period'),
    to: dayOrInstant.describe('Last day of the period (inclusive), or an instant (exclusive)'),
    clause: z.enum(ISO_CLAUSES).optional().describe('Only this clause'),
  })
  .strict();

export const chartsQuery = evidenceQuery.omit({ clause: true });

export const eventParams = z.object({ eventId: z.uuid() }).strict();
export const streamParams = z.object({ streamId: z.string().regex(/^[A-Za-z0-9._:-]{1,256}$/, 'not a stream id') });

/** Cursor: the global position of the last entry, opaque to clients. */
export const encodeCursor = (position: bigint) => Buffer.from(`p:${position}`).toString('base64url');
export function decodeCursor(cursor: string | undefined): bigint | undefined {
  if (cursor === undefined) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^p:\d{1,19}$/.test(text)) {
    throw new z.ZodError([{ code: 'custom', path: ['cursor'], message: 'not a cursor of this list', input: cursor }]);
  }
  return BigInt(text.slice(2));
}
