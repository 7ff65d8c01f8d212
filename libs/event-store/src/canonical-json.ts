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
    case 'object': {
      if (value === null) return 'null';
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      if (Array.isArray(value)) return `[${value.map((item) => write(item) ?? 'null').join(',')}]`;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let text = '';
      for (const key of keys) {
        const member = write(record[key]);
        if (member === undefined) continue;
        text += `${text ? ',' : ''}${JSON.stringify(key)}:${member}`;
      }
      return `{${text}}`;
    }
  }
}
