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
export async function writeJson(sink: TextSink, value: unknown): Promise<void> {
  // A token no data can hold; one for the whole document, as lists nest.
  const token = `\u0000${randomUUID()}:`;
  const marker = new RegExp(`"${JSON.stringify(token).slice(1, -1).replaceAll('\\', '\\\\')}(\\d+)"`, 'g');
  await writeValue(sink, value, '', token, marker);
}

/** Text of a list's items is handed on in pieces of about this size, not item by item. */
const PIECE = 64 * 1024;

async function writeValue(sink: TextSink, value: unknown, indent: string, token: string, marker: RegExp) {
  const { text, lists } = stringified(value, indent, token);
  if (lists.length === 0) return sink.write(text);
  let at = 0;
  for (const match of text.matchAll(marker)) {
    let piece = text.slice(at, match.index);
    at = match.index + match[0].length;
    const lineStart = text.lastIndexOf('\n', match.index) + 1;
    const listIndent = /^ */.exec(text.slice(lineStart))![0];
    const itemIndent = `${listIndent}  `;
    let first = true;
    const items = iteratorOf(lists[Number(match[1])]!.items);
    try {
      for (;;) {
        // An async source is awaited, a plain one is not: a tick per item adds up over a long list.
        const next = items.next();
        const step = next instanceof Promise ? await next : next;
        if (step.done) break;
        piece += `${first ? '[' : ','}\n${itemIndent}`;
        first = false;
        const item = stringified(step.value, itemIndent, token);
        if (item.lists.length === 0) {
          piece += item.text;
          if (piece.length < PIECE) continue;
          await sink.write(piece);
        } else {
          await sink.write(piece);
          await writeValue(sink, step.value, itemIndent, token, marker);
        }
        piece = '';
      }
    } finally {
      await items.return?.();
    }
    await sink.write(`${piece}${first ? '[]' : `\n${listIndent}]`}`);
  }
  await sink.write(text.slice(at));
}

/** `JSON.stringify(value, …, 2)` indented by `indent`, and the lists left out of it (their places marked). */
function stringified(value: unknown, indent: string, token: string): { text: string; lists: StreamedList[] } {
  const met = { lists: [] as StreamedList[], token };
  meeting = met;
  let text: string;
  try {
    // Without a replacer first: with one, V8 leaves its fast path, and most values (a list's items)
    // hold no bigint.
    text = JSON.stringify(value, null, 2);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    met.lists.length = 0;
    text = JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item), 2);
  } finally {
    meeting = undefined;
  }
  return { text: indent ? text.replaceAll('\n', `\n${indent}`) : text, lists: met.lists };
}

function iteratorOf<T>(items: Iterable<T> | AsyncIterable<T>): Iterator<T> | AsyncIterator<T> {
  return Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
}
