import pg from 'pg';
import { literal } from './projection-batch.js';

// Queued writes send their values inside the SQL text; these are the literals the server reads them from.
describe('literal', () => {
  it('writes null and undefined as NULL', () => {
    expect(literal(null)).toBe('NULL');
    expect(literal(undefined)).toBe('NULL');
  });

  it('doubles quotes in strings and escapes backslashes with the E prefix', () => {
    expect(literal("it's")).toBe("'it''s'");
    expect(literal('C:\\temp')).toBe(" E'C:\\\\temp'");
    expect(literal("a'b\\c")).toBe(" E'a''b\\\\c'");
  });

  it('quotes strings as pg.escapeLiteral does', () => {
    for (const text of ['', 'plain', "it's", 'a\\b', "''\\\\''", 'line\nbreak', 'é ✓']) {
      expect(literal(text)).toBe(pg.escapeLiteral(text));
    }
  });

  it('writes numbers, bigints and booleans in their text form', () => {
    expect(literal(42)).toBe("'42'");
    expect(literal(-1.5)).toBe("'-1.5'");
    expect(literal(9_007_199_254_740_993n)).toBe("'9007199254740993'");
    expect(literal(true)).toBe("'true'");
  });

  it('writes dates as ISO instants', () => {
    expect(literal(new Date('2026-03-01T10:00:00.123Z'))).toBe("'2026-03-01T10:00:00.123Z'");
  });

  it('writes objects as JSON', () => {
    expect(literal({ note: "it's", path: 'a\\b' })).toBe(` E'{"note":"it''s","path":"a\\\\\\\\b"}'`);
  });

  it('writes arrays as array literals with every text quoted, and numbers and null elements bare', () => {
    expect(literal(['a', 'b,c', null, undefined])).toBe(`'{"a","b,c",NULL,NULL}'`);
    expect(literal(['say "hi"', 'back\\slash', "it's"])).toBe(` E'{"say \\\\"hi\\\\"","back\\\\\\\\slash","it''s"}'`);
    expect(literal([])).toBe("'{}'");
    expect(literal([1, 2])).toBe(`'{1,2}'`);
    expect(literal(['a', 'NULL', '', null, 2.5])).toBe(`'{"a","NULL","",null,2.5}'`);
    expect(literal(['line\nbreak', 'tab\t'])).toBe(`'{"line\nbreak","tab\t"}'`);
    expect(literal([new Date('2026-03-01T10:00:00Z')])).toBe(`'{"2026-03-01T10:00:00.000Z"}'`);
  });
});
