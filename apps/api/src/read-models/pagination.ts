import { z } from 'zod';

/** `limit` of a page: 50 unless given, at most 500. */
export const limitSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(500)
  .default(50)
  .describe('Items per page (1 to 500, default 50)');

/** An opaque cursor: base64url of the JSON array of the last item's sort key. */
export const cursorSchema = z
  .string()
  .max(2048)
  .regex(/^[A-Za-z0-9_-]+$/, 'not a cursor')
  .optional()
  .describe('The `nextCursor` of the previous page');

export const asAtSchema = z.iso
  .datetime({ offset: true })
  .optional()
  .describe('Instant ages and overdue reviews are computed at (default: now)');

export const booleanQuery = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .optional();

export const encodeCursor = (key: readonly (string | number)[]): string =>
  Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/** The sort key a cursor holds, checked against the shape the endpoint sorts by; a bad cursor is a 400. */
export function decodeCursor<T extends z.ZodTuple>(cursor: string | undefined, shape: T): z.infer<T> | undefined {
  if (cursor === undefined) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const parsed = shape.safeParse(decoded);
  if (!parsed.success) {
    throw new z.ZodError([{ code: 'custom', path: ['cursor'], message: 'not a cursor of this list', input: cursor }]);
  }
  return parsed.data;
}

export interface Page<T> {
  readonly items: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/** Cuts the `limit + 1` rows read into a page, with the cursor of its last item when more follow. */
export function page<Row, Item>(
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => readonly (string | number)[],
  toItem: (row: Row) => Item,
): Page<Item> {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  return {
    items: shown.map(toItem),
    nextCursor: more ? encodeCursor(keyOf(shown[shown.length - 1]!)) : null,
  };
}

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (0 when `to` is earlier). */
export const daysBetween = (from: Date, to: Date): number =>
  Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS));

/** The calendar date (UTC) of an instant, as `YYYY-MM-DD`. */
export const utcDate = (instant: Date): string => instant.toISOString().slice(0, 10);

/** Days from a `YYYY-MM-DD` date to the date of `asAt` (0 when not later). */
export const daysAfter = (date: string, asAt: Date): number =>
  Math.max(0, Math.round((Date.parse(utcDate(asAt)) - Date.parse(date)) / DAY_MS));
