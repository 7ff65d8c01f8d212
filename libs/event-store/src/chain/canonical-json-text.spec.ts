import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { canonicalJson } from '../canonical-json.js';
import { canonicalJsonText } from './canonical-json-text.js';

const plain = (text: string) => canonicalJson(JSON.parse(text));

/** Text laid out as PostgreSQL writes a jsonb value: keys shortest first, a space after `,` and `:`. */
function jsonbText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((key) => `${JSON.stringify(key)}: ${jsonbText((value as Record<string, unknown>)[key])}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

describe('canonicalJsonText', () => {
  it('gives canonicalJson of the parsed text, for any JSON laid out any way', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 2 }), (value, indent) => {
        for (const text of [jsonbText(value), JSON.stringify(value, null, indent)]) {
          expect(canonicalJsonText(text)).toBe(plain(text));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('sorts keys by code unit, a key before the longer ones it starts', () => {
    const text = '{"a!": 1, "a": 2, "b": 3, "B": 4, "é": 5, "aa": 6}';
    expect(canonicalJsonText(text)).toBe('{"B":4,"a":2,"a!":1,"aa":6,"b":3,"é":5}');
    expect(canonicalJsonText(text)).toBe(plain(text));
  });

  it('writes numbers as JSON.stringify does', () => {
    const text = '[1.0, 99.90, -0, 1e2, 1E-7, 12345678901234567890, 0.1]';
    expect(canonicalJsonText(text)).toBe('[1,99.9,0,100,1e-7,12345678901234567000,0.1]');
  });

  it('writes any decimal as JSON.stringify writes the number it reads as', () => {
    const decimal = fc
      .tuple(
        fc.boolean(),
        fc.stringMatching(/^(?:0|[1-9][0-9]{0,20})$/),
        fc.option(fc.stringMatching(/^[0-9]{1,20}$/)),
        fc.option(fc.integer({ min: -30, max: 30 })),
      )
      .map(([negative, integer, fraction, exponent]) =>
        [
          negative ? '-' : '',
          integer,
          fraction === null ? '' : `.${fraction}`,
          exponent === null ? '' : `e${exponent}`,
        ].join(''),
      );
    fc.assert(
      fc.property(decimal, (text) => {
        expect(canonicalJsonText(`[${text}]`)).toBe(plain(`[${text}]`));
      }),
      { numRuns: 5000 },
    );
    for (const text of [
      '0.000001',
      '0.0000001',
      '-0',
      '-0.0',
      '123456789012345',
      '1234567890123456',
      '0.10',
      '-12.5',
    ]) {
      expect(canonicalJsonText(text)).toBe(plain(text));
    }
  });

  it('agrees with the plain path on escapes, surrogates, duplicate keys and nesting', () => {
    for (const text of [
      '{"k\\u0041": "a\\"b\\\\c\\n\\u001f", "kA": 1}',
      '{"text": "line\\u2028 and 😀 and \\ud800"}',
      '{"a": 1, "b": {"c": [true, false, null, {}, []]}, "a": 2}',
      ' { "x" : [ 1 , "y" ] } ',
    ]) {
      expect(canonicalJsonText(text)).toBe(plain(text));
    }
  });

  it('rejects what is not JSON, as JSON.parse does', () => {
    for (const text of ['{"a": 1', '{"a": 1} x', '[01]', '{"a": 1e400}', '"tab\there"', '']) {
      expect(() => canonicalJsonText(text)).toThrow(text === '{"a": 1e400}' ? TypeError : SyntaxError);
    }
  });
});
