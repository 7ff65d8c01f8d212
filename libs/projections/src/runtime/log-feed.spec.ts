import type { EventStore, ReadAllOptions, RecordedEvent } from '@lib/event-store';
import { LogFeed } from './log-feed.js';

const recorded = (position: number, type: string): RecordedEvent =>
  ({ globalPosition: BigInt(position), type, streamId: `s-${position}`, data: {} }) as unknown as RecordedEvent;

/** A log in memory that counts its reads. */
function logOf(types: string[]) {
  const events = types.map((type, i) => recorded(i + 1, type));
  const reads: ReadAllOptions[] = [];
  const heads: number[] = [];
  const store = {
    headPosition: () => {
      heads.push(events.length);
      return Promise.resolve(BigInt(events.length));
    },
    readAll: (options: ReadAllOptions = {}) => {
      reads.push(options);
      const from = options.fromPosition ?? 0n;
      const wanted = options.filter?.types;
      const found = events.filter((e) => e.globalPosition > from && (!wanted || wanted.includes(e.type)));
      return Promise.resolve(found.slice(0, options.limit));
    },
  } as unknown as EventStore;
  return { store, reads, heads };
}

const positions = (events: readonly RecordedEvent[]) => events.map((event) => Number(event.globalPosition));

describe('LogFeed', () => {
  it('serves the projections that ask together with one read of the types they read', async () => {
    const { store, reads } = logOf(['A', 'B', 'C', 'A', 'B']);
    const feed = new LogFeed(store, 100);
    const [a, b] = await Promise.all([feed.next(0n, ['A']), feed.next(2n, ['B'])]);
    expect(reads).toHaveLength(1);
    expect(reads[0]!.filter).toEqual({ types: ['A', 'B'] });
    expect(positions(a.events)).toEqual([1, 4]);
    expect(positions(b.events)).toEqual([5]);
    // Both have every event of their types up to the head: their checkpoints may move there.
    expect([a.to, b.to, a.more, b.more]).toEqual([5n, 5n, false, false]);
  });

  it('reads every type when one of them reads all, without asking for the head', async () => {
    const { store, reads, heads } = logOf(['A', 'B']);
    const feed = new LogFeed(store, 100);
    const [all, a] = await Promise.all([feed.next(0n), feed.next(0n, ['A'])]);
    expect(reads[0]!.filter).toBeUndefined();
    expect(heads).toHaveLength(0);
    expect([all.to, a.to]).toEqual([2n, 2n]);
    expect(positions(all.events)).toEqual([1, 2]);
    expect(positions(a.events)).toEqual([1]);
  });

  it('stops a full page at its last event, and says more is waiting', async () => {
    const { store } = logOf(['A', 'B', 'A', 'B', 'A']);
    const feed = new LogFeed(store, 2);
    const batch = await feed.next(0n, ['A']);
    expect(positions(batch.events)).toEqual([1, 3]);
    expect([batch.to, batch.more]).toEqual([3n, true]);
  });

  it('reads on its own for a projection ahead of the shared page', async () => {
    const { store, reads } = logOf(['A', 'A', 'A', 'B', 'A']);
    const feed = new LogFeed(store, 2);
    const [behind, ahead] = await Promise.all([feed.next(0n, ['A']), feed.next(3n, ['B'])]);
    expect(positions(behind.events)).toEqual([1, 2]);
    expect(positions(ahead.events)).toEqual([4]);
    expect([ahead.to, ahead.more]).toEqual([5n, false]);
    expect(reads).toHaveLength(2);
  });

  it('answers nothing new to one reading every type at the newest event', async () => {
    const { store } = logOf(['A', 'B']);
    const batch = await new LogFeed(store).next(2n);
    expect([batch.events.length, batch.to, batch.more]).toEqual([0, 2n, false]);
  });

  it('answers nothing new at the head without reading the log', async () => {
    const { store, reads } = logOf(['A']);
    const batch = await new LogFeed(store).next(1n, ['A']);
    expect([batch.events.length, batch.to, batch.more]).toEqual([0, 1n, false]);
    expect(reads).toHaveLength(0);
  });
});
