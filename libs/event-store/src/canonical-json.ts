/**
 * A canonical JSON serialisation: object keys in a stable (code unit) order, no whitespace,
 * bigint as a decimal string, Date as an ISO-8601 string, undefined object members left out.
 * Equal values always give the same text, whatever order their keys were built in.
 */
export function canonicalJson(value: unknown): string {
  const text = write(value);
  if (text === undefined) throw new TypeError('canonicalJson: the value has no JSON form');
  return text;
}

// The hash chain runs this over every event, so it avoids intermediate arrays and closures; the
// output is exactly that of the plain recursive definition above (keys sorted with the default
// sort, members joined by commas).
function write(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return `"${value.toString()}"`;
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'object':
      if (value === null) return 'null';
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      return Array.isArray(value) ? writeArray(value) : writeObject(value as Record<string, unknown>);
  }
}

function writeArray(items: readonly unknown[]): string {
  let text = '[';
  for (let index = 0; index < items.length; index++) {
    if (index > 0) text += ',';
    text += write(items[index]) ?? 'null';
  }
  return `${text}]`;
}

/** `"key":` for the keys seen most (the same few keys come back in every event). */
const memberPrefixes = new Map<string, string>();
const MAX_CACHED_KEYS = 10_000;

function memberPrefix(key: string): string {
  let prefix = memberPrefixes.get(key);
  if (prefix === undefined) {
    prefix = `${JSON.stringify(key)}:`;
    if (memberPrefixes.size < MAX_CACHED_KEYS && key.length <= 64) memberPrefixes.set(key, prefix);
  }
  return prefix;
}

function writeObject(record: Record<string, unknown>): string {
  const keys = Object.keys(record);
  if (keys.length > 1) keys.sort();
  let text = '{';
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]!;
    const member = write(record[key]);
    if (member === undefined) continue;
    if (text.length > 1) text += ',';
    text += memberPrefix(key) + member;
  }
  return `${text}}`;
}
