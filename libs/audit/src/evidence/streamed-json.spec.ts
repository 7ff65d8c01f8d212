import { describe, expect, it } from '@jest/globals';
import { StreamedList, writeJson } from './streamed-json.js';

async function written(value: unknown): Promise<string> {
  let text = '';
  await writeJson({ write: async (piece) => void (text += piece) }, value);
  return text;
}

const plain = (value: unknown) =>
  JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item), 2);

/** The same document with every StreamedList as the array of its items. */
const unstreamed = (value: unknown): unknown => {
  if (value instanceof StreamedList) return [...(value.items as Iterable<unknown>)].map(unstreamed);
  if (Array.isArray(value)) return value.map(unstreamed);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, unstreamed(item)]));
  }
  return value;
};

describe('JSON written in pieces', () => {
  const documents: Record<string, unknown> = {
    'a list at the top': new StreamedList([1, 'two', { three: [3n] }]),
    'an empty list': { before: 1, list: new StreamedList([]), after: [] },
    'lists in the items of a list': {
      period: { from: new Date(0) },
      results: new StreamedList(
        [0, 1, 2].map((n) => ({
          id: `r${n}`,
          note: n === 1 ? undefined : 'a "quoted" \n line',
          records: new StreamedList(
            Array.from({ length: n * 2 }, (_, i) => ({ position: BigInt(i), at: new Date(i) })),
          ),
        })),
      ),
    },
    'a list of arrays, deep down': { a: { b: { hashes: new StreamedList([['1', '0', 'ab'], [], ['2', '1', 'cd']]) } } },
    'no list at all': { text: 'plain', n: 1 },
    'bigints beside lists': { n: 1n, list: new StreamedList([2n, { m: 3n, more: new StreamedList([4n]) }]) },
  };

  for (const [name, document] of Object.entries(documents)) {
    it(`gives the text JSON.stringify gives: ${name}`, async () => {
      expect(await written(document)).toBe(plain(unstreamed(document)));
    });
  }

  it('takes the items of a list as they come, also from an async source', async () => {
    async function* items() {
      for (let i = 0; i < 3; i++) yield { i, deeper: new StreamedList([i]) };
    }
    const pieces: string[] = [];
    await writeJson({ write: async (piece) => void pieces.push(piece) }, { list: new StreamedList(items()) });
    expect(pieces.join('')).toBe(plain({ list: [0, 1, 2].map((i) => ({ i, deeper: [i] })) }));
    expect(pieces.length).toBeGreaterThan(3);
  });
});
