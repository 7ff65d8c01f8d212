import { canonicalJson } from '../canonical-json.js';

/**
 * `canonicalJson(JSON.parse(text))` for JSON text (such as PostgreSQL's output of a jsonb value),
 * without building the parsed value: verification runs it over every event of the log. Object
 * members are sorted by key as `canonicalJson` sorts them, strings are copied as they are, numbers
 * are rewritten the way JSON.stringify writes them. Anything unusual (escapes, duplicate keys,
 * numbers out of range, text that is not JSON) takes the plain path, so the result is always the
 * same as that one.
 */
export function canonicalJsonText(text: string): string {
  if (NOT_AS_IS.test(text)) return canonicalJson(JSON.parse(text));
  source = text;
  at = 0;
  let result: string | undefined;
  try {
    result = value();
    skipSpace();
    if (at !== source.length) result = undefined;
  } catch (error) {
    if (error !== UNUSUAL) throw error;
    result = undefined;
  } finally {
    source = '';
  }
  return result ?? canonicalJson(JSON.parse(text));
}

/**
 * Escapes, control characters (malformed JSON) and surrogates (which JSON.stringify may escape):
 * without these, every string's text in the input is what JSON.stringify writes for it.
 */
// eslint-disable-next-line no-control-regex -- control characters are among what it looks for
const NOT_AS_IS = /[\\\u0000-\u001f\ud800-\udfff]/;

/** Thrown to leave the fast path. */
const UNUSUAL = new Error('unusual JSON text');

let source = '';
let at = 0;

function skipSpace(): void {
  for (;;) {
    const code = source.charCodeAt(at);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return;
    at++;
  }
}

function value(): string {
  skipSpace();
  const code = source.charCodeAt(at);
  if (code === 0x7b) return object();
  if (code === 0x5b) return array();
  if (code === 0x22) {
    const start = at;
    skipString();
    return source.slice(start, at);
  }
  if (code === 0x74) return literal('true');
  if (code === 0x66) return literal('false');
  if (code === 0x6e) return literal('null');
  return number();
}

function literal(word: string): string {
  if (!source.startsWith(word, at)) throw UNUSUAL;
  at += word.length;
  return word;
}

/** Moves past a string (the text has no escapes). */
function skipString(): void {
  const end = source.indexOf('"', at + 1);
  if (end === -1) throw UNUSUAL;
  at = end + 1;
}

const NUMBER = /(-?(?:0|[1-9][0-9]*))(?:\.([0-9]+))?([eE][-+]?[0-9]+)?/y;

/**
 * A decimal of at most 15 digits without an exponent or a trailing zero after the point is
 * already what JSON.stringify writes for it (a double tells such decimals apart, and JavaScript
 * writes the shortest digits that give the double back), but for those small enough to be written
 * with an exponent and -0 (and so, to keep the test short, any number between -1 and 0). The rest
 * are parsed and written again.
 */
function number(): string {
  NUMBER.lastIndex = at;
  const match = NUMBER.exec(source);
  if (!match) throw UNUSUAL;
  at = NUMBER.lastIndex;
  const [text, integer, fraction, exponent] = match as unknown as [string, string, string?, string?];
  const digits = integer.length + (fraction?.length ?? 0) - (integer.startsWith('-') ? 1 : 0);
  if (
    exponent === undefined &&
    digits <= 15 &&
    !integer.startsWith('-0') &&
    (fraction === undefined || (!fraction.endsWith('0') && !(integer === '0' && fraction.startsWith('000000'))))
  ) {
    return text;
  }
  const parsed = Number(text);
  if (!Number.isFinite(parsed)) throw UNUSUAL;
  return JSON.stringify(parsed);
}

function array(): string {
  at++;
  skipSpace();
  if (source.charCodeAt(at) === 0x5d) {
    at++;
    return '[]';
  }
  let text = '[';
  for (;;) {
    text += value();
    skipSpace();
    const code = source.charCodeAt(at++);
    if (code === 0x5d) return `${text}]`;
    if (code !== 0x2c) throw UNUSUAL;
    text += ',';
  }
}

function object(): string {
  at++;
  skipSpace();
  if (source.charCodeAt(at) === 0x7d) {
    at++;
    return '{}';
  }
  // Keys (without quotes) and values, kept sorted by key as they come (objects are small).
  const keys: string[] = [];
  const values: string[] = [];
  for (;;) {
    skipSpace();
    if (source.charCodeAt(at) !== 0x22) throw UNUSUAL;
    const start = at;
    skipString();
    const key = source.slice(start + 1, at - 1);
    skipSpace();
    if (source.charCodeAt(at++) !== 0x3a) throw UNUSUAL;
    const member = value();
    let index = keys.length;
    for (; index > 0 && keys[index - 1]! > key; index--) {
      keys[index] = keys[index - 1]!;
      values[index] = values[index - 1]!;
    }
    if (index > 0 && keys[index - 1] === key) throw UNUSUAL;
    keys[index] = key;
    values[index] = member;
    skipSpace();
    const code = source.charCodeAt(at++);
    if (code === 0x7d) break;
    if (code !== 0x2c) throw UNUSUAL;
  }
  let text = '{';
  for (let index = 0; index < keys.length; index++) {
    if (index > 0) text += ',';
    text += `"${keys[index]!}":${values[index]!}`;
  }
  return `${text}}`;
}
