import { randomUUID } from 'node:crypto';

/** The lists met while one value is turned into text, and the token that stands for them in it. */
let meeting: { readonly lists: StreamedList[]; readonly token: string } | undefined;

/** A long list inside a JSON document, written item by item instead of as one string. */
export class StreamedList<T = unknown> {
  constructor(readonly items: Iterable<T> | AsyncIterable<T>) {}

  /** In the text of the rest of the document, a token marks where the list goes. */
  toJSON(): string {
    if (!meeting) throw new Error('a StreamedList is written by writeJson');
    meeting.lists.push(this);
    return `${meeting.token}${meeting.lists.length - 1}`;
  }
}

/** Where the text goes, e.g. a `DeflatingFile`. */
export interface TextSink {
  write(text: string): Promise<void>;
}

/**
 * Writes the text `JSON.stringify(value, …, 2)` gives (bigints as decimal strings) in pieces:
 * each `StreamedList` in `value` (at any depth, also inside the items of another) is written one
 * item at a time, so that a document with a list of a hundred thousand items never exists whole.
 */
export async function writeJson(sink: TextSink, value: unknown, indent = ''): Promise<void> {
  // A token no data can hold.
  const found = { lists: [] as StreamedList[], token: `\u0000${randomUUID()}:` };
  meeting = found;
  let text: string;
  try {
    // Without a replacer first: with one, V8 leaves its fast path, and most values (a list's items)
    // hold no bigint.
    text = JSON.stringify(value, null, 2);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    found.lists.length = 0;
    text = JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item), 2);
  } finally {
    meeting = undefined;
  }
  if (indent) text = text.replaceAll('\n', `\n${indent}`);
  if (found.lists.length === 0) return sink.write(text);
  const marker = new RegExp(`"${JSON.stringify(found.token).slice(1, -1).replaceAll('\\', '\\\\')}(\\d+)"`, 'g');
  let at = 0;
  for (const match of text.matchAll(marker)) {
    await sink.write(text.slice(at, match.index));
    at = match.index + match[0].length;
    const lineStart = text.lastIndexOf('\n', match.index) + 1;
    const listIndent = /^ */.exec(text.slice(lineStart))![0];
    const itemIndent = `${listIndent}  `;
    let first = true;
    for await (const item of found.lists[Number(match[1])]!.items) {
      await sink.write(`${first ? '[' : ','}\n${itemIndent}`);
      await writeJson(sink, item, itemIndent);
      first = false;
    }
    await sink.write(first ? '[]' : `\n${listIndent}]`);
  }
  await sink.write(text.slice(at));
}
