import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { arrayText } from './projection-batch.js';

/** A column rows are inserted into: its name and SQL type (`text[]` for a list of texts). */
export type InsertColumn = readonly [name: string, type: string];

/** A row to insert: its values by column name. */
export type InsertRow = object;

const valueOf = (row: InsertRow, column: string): unknown => (row as Record<string, unknown>)[column];

/**
 * `INSERT … SELECT … FROM unnest($1, $2, …)`, one array parameter per column: the server reads arrays
 * of plain values far faster than a document of rows. A list column travels as the text of its array.
 */
export function insertStatement(into: string, columns: readonly InsertColumn[]): string {
  const names = columns.map(([name]) => name).join(', ');
  return `INSERT INTO ${into} (${names})
   SELECT ${columns.map(([name, type]) => (type === 'text[]' ? `${name}::text[]` : name)).join(', ')}
     FROM unnest(${columns.map(([, type], i) => `$${i + 1}::${type === 'text[]' ? 'text' : type}[]`).join(', ')})
       AS r(${names})`;
}

/** The parameters of `insertStatement`: one array per column. */
export function columnArrays(columns: readonly InsertColumn[], rows: readonly InsertRow[]): unknown[][] {
  return columns.map(([name, type]) =>
    type === 'text[]'
      ? rows.map((row) => arrayText(valueOf(row, name) as unknown[]))
      : rows.map((row) => valueOf(row, name)),
  );
}

/** The rows in the text format of COPY: a line per row, its values in the order of `columns`. */
export function copyText(columns: readonly InsertColumn[], rows: readonly InsertRow[]): string {
  let text = '';
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) {
      const value = valueOf(row, columns[i]![0]);
      text += (i === 0 ? '' : '\t') + copyValue(value);
    }
    text += '\n';
  }
  return text;
}

/** Loads rows given as `copyText` into a table, in the transaction of `client`. */
export async function copyInto(
  client: pg.ClientBase,
  into: string,
  columns: readonly InsertColumn[],
  text: string,
): Promise<void> {
  const names = columns.map(([name]) => name).join(', ');
  await pipeline(Readable.from([text]), client.query(copyStreams.from(`COPY ${into} (${names}) FROM STDIN`)));
}

function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return copyEscaped(arrayText(value));
  if (typeof value === 'object') return copyEscaped(JSON.stringify(value));
  return copyEscaped(String(value as string | number | bigint | boolean));
}

const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A text as a COPY field: backslash, newline, carriage return and tab escaped. */
function copyEscaped(text: string): string {
  return COPY_SPECIAL.test(text) ? text.replace(/[\\\n\r\t]/g, (character) => COPY_ESCAPES[character]!) : text;
}
