import pg from 'pg';
import { columnArrays, copyInto, copyText, insertStatement, type InsertColumn } from '../src/runtime/row-insert.js';

/** A rebuild loads insert-only tables with COPY, the live projector with an INSERT: both must give the same rows. */
describe('rows inserted with COPY and with an INSERT of column arrays', () => {
  let client: pg.Client;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
  });

  afterAll(() => client.end());

  const columns: InsertColumn[] = [
    ['position', 'bigint'],
    ['label', 'text'],
    ['at', 'timestamptz'],
    ['version', 'integer'],
    ['tags', 'text[]'],
  ];
  const rows = [
    { position: '1', label: 'plain', at: '2026-03-01T10:00:00.123Z', version: 0, tags: ['8.3.3', '8.3.4'] },
    {
      position: '9007199254740993',
      label: 'tab\there, line\nbreak, return\r, back\\slash \\N, quote "x", it\'s {braces}',
      at: '2026-03-01T10:00:00.000Z',
      version: 42,
      tags: ['say "hi"', 'back\\slash', 'a,b', 'NULL', '', 'line\nbreak', 'tab\t', '{}'],
    },
    { position: '3', label: null, at: '2026-12-31T23:59:59.999Z', version: 7, tags: [] },
    { position: '4', label: '', at: '2026-01-01T00:00:00.000Z', version: 1, tags: ['\\N', '\u2028'] },
  ];
  const table = (name: string) =>
    client.query(
      `CREATE TEMP TABLE ${name} (position bigint, label text, at timestamptz, version integer, tags text[])`,
    );
  const contents = async (name: string) =>
    (await client.query<{ row: unknown }>(`SELECT to_jsonb(t) AS row FROM ${name} t ORDER BY position`)).rows.map(
      (row) => row.row,
    );

  it('loads the same rows both ways, exactly the values given', async () => {
    await table('by_insert');
    await table('by_copy');
    await client.query(insertStatement('by_insert', columns), columnArrays(columns, rows));
    await copyInto(client, 'by_copy', columns, copyText(columns, rows));
    const inserted = await contents('by_insert');
    expect(await contents('by_copy')).toEqual(inserted);
    expect(inserted).toHaveLength(rows.length);
    const byPosition = [...rows].sort((a, b) => Number(BigInt(a.position) - BigInt(b.position)));
    expect(inserted.map((row) => (row as { label: string | null }).label)).toEqual(byPosition.map((row) => row.label));
    expect(inserted.map((row) => (row as { tags: string[] }).tags)).toEqual(byPosition.map((row) => row.tags));
  });

  it('fails the load on a value the column does not take', async () => {
    await table('refused');
    await expect(
      copyInto(client, 'refused', columns, copyText(columns, [{ ...rows[0]!, version: 'not a number' }])),
    ).rejects.toThrow(/integer/);
  });
});
