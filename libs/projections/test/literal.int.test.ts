import pg from 'pg';
import { literal } from '../src/runtime/projection-batch.js';

/** The server must read a queued write's literal as the same value node-postgres sends as a parameter. */
describe('literal against PostgreSQL', () => {
  let client: pg.Client;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
  });

  afterAll(() => client.end());

  const cases: [string, unknown][] = [
    ['text', "it's"],
    ['text', 'C:\\temp\\"quoted"'],
    ['text', "a'b\\c,d{e}"],
    ['text', ''],
    ['text', null],
    ['text[]', ['plain', "it's", 'say "hi"', 'back\\slash', 'a,b', '{braces}', 'NULL', '', null]],
    ['text[]', []],
    ['text[]', ['line\nbreak', 'tab\t', 'bell\u0007', 'back\\nslash', 'end\\', 'quote\\"', '\u2028']],
    ['text[]', ['{"8.3.3","8.3.4"}', '{}', '{"say \\"hi\\"","back\\\\slash"}']],
    ['double precision[]', [1.5e-7, 1e21, null]],
    ['integer[]', [1, null, 3]],
    ['timestamptz', new Date('2026-03-01T10:00:00.123Z')],
    ['timestamptz[]', [new Date('2026-03-01T10:00:00.123Z'), null]],
    ['text[]', [['nested "list"', 'back\\slash'].join(',')]],
    ['jsonb', { note: "it's", path: 'a\\b', quote: '"', nested: { list: [1, null, 'x'] } }],
    ['double precision', -1.5e-7],
    ['integer', 42],
    ['bigint', 9_007_199_254_740_993n],
    ['boolean', false],
  ];

  it.each(cases)('reads a %s literal as the parameter %p', async (type, value) => {
    const asLiteral = await client.query(`SELECT ${literal(value)}::${type} AS v`);
    const asParameter = await client.query(`SELECT $1::${type} AS v`, [
      typeof value === 'bigint' ? value.toString() : value,
    ]);
    expect(asLiteral.rows[0]).toEqual(asParameter.rows[0]);
    if (value !== null && typeof value !== 'bigint') expect(asLiteral.rows[0].v).toEqual(value);
  });
});
