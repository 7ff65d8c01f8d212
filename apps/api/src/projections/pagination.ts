import { z } from 'zod';

/** A page of a read model and the cursor of the next one (null on the last page). */
export interface Page<Item> {
  readonly items: readonly Item[];
  readonly nextCursor: string | null;
}

export const pageQuery = {
  cursor: z.string().max(512).optional().describe('The `nextCursor` of the previous page'),
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Items per page (1-500, default 50)'),
};

/** Cursors are opaque to clients: the sort key of the last item, encoded. */
export const encodeCursor = (key: string) => Buffer.from(JSON.stringify([key])).toString('base64url');

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    const [key] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof key === 'string') return key;
  } catch {
    // reported below
  }
  throw new z.ZodError([{ code: 'custom', path: ['cursor'], message: 'not a cursor of this list', input: cursor }]);
}

/** Reads one item more than the limit to know whether a next page exists. */
export function pageOf<Item>(rows: Item[], limit: number, keyOf: (item: Item) => string): Page<Item> {
  const items = rows.slice(0, limit);
  return {
    items,
    nextCursor: rows.length > limit ? encodeCursor(keyOf(items[items.length - 1]!)) : null,
  };
}
