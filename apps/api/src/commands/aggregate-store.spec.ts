import { randomUUID } from 'node:crypto';
import { ConflictException } from '@nestjs/common';
import { describe, expect, it } from '@jest/globals';
import { ruleViolated, type Decider } from '@lib/domain';
import {
  WrongExpectedVersionError,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
} from '@lib/event-store';
import { AggregateStore, type AggregateType } from './aggregate-store.js';
import type { CommandContext } from './command-context.js';

/** The event store port in memory, counting stream reads. */
class MemoryEventStore implements Pick<EventStore, 'readStream' | 'appendToStream'> {
  readonly streams = new Map<string, RecordedEvent[]>();
  reads = 0;

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    this.reads++;
    return [...(this.streams.get(streamId) ?? [])];
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    { expectedVersion }: { expectedVersion: ExpectedVersion },
  ): Promise<AppendResult> {
    const stream = this.streams.get(streamId) ?? [];
    const actual = stream.length - 1;
    if (expectedVersion !== 'any' && (expectedVersion === 'no-stream' ? -1 : expectedVersion) !== actual) {
      throw new WrongExpectedVersionError(streamId, expectedVersion, actual);
    }
    const recorded = events.map((event, i) => ({
      ...event,
      data: JSON.parse(JSON.stringify(event.data)),
      streamId,
      streamVersion: actual + 1 + i,
      globalPosition: BigInt(actual + 2 + i),
      recordedAt: new Date(),
    }));
    this.streams.set(streamId, [...stream, ...recorded]);
    return { nextExpectedVersion: actual + events.length, positions: recorded.map((event) => event.globalPosition) };
  }
}

type Deposit = { type: 'Deposit'; amount: number; contact?: { personId: string; name: string } };
type Deposited = { type: 'Deposited'; data: { amount: number; contact?: { personId: string; name: string } } };

/** A box that holds at most 10: whether a deposit is accepted depends on the state. */
const box: AggregateType<Deposit, Deposited, number> = {
  decider: {
    initialState: 0,
    evolve: (total, event) => total + event.data.amount,
    decide: (command, total) => {
      if (total + command.amount > 10) throw ruleViolated('box.full', `${total} + ${command.amount} > 10`);
      return [
        {
          type: 'Deposited',
          data: { amount: command.amount, ...(command.contact ? { contact: command.contact } : {}) },
        },
      ];
    },
  } satisfies Decider<Deposit, Deposited, number>,
  clausesOf: () => ['8.3.3'],
};

const context = (expectedVersion?: number): CommandContext => ({
  actor: 'key:test',
  correlationId: randomUUID(),
  causationId: randomUUID(),
  expectedVersion,
});
const deposit = (amount: number, contact?: Deposit['contact']): Deposit => ({ type: 'Deposit', amount, contact });

function setUp() {
  const store = new MemoryEventStore();
  return { store, aggregates: new AggregateStore(store as unknown as EventStore) };
}

describe('AggregateStore', () => {
  it('decides the next command on a stream it just changed without reading it again', async () => {
    const { store, aggregates } = setUp();
    await aggregates.execute(box, 'box-1', deposit(3), context());
    const second = await aggregates.execute(box, 'box-1', deposit(4), context());
    expect(second.version).toBe(1);
    expect(store.reads).toBe(1);
  });

  it('decides again on the stream as read when another writer appended since', async () => {
    const { store, aggregates } = setUp();
    await aggregates.execute(box, 'box-1', deposit(3), context());
    await new AggregateStore(store as unknown as EventStore).execute(box, 'box-1', deposit(6), context());
    // 3 + 6 are in the stream; the kept state (3) would wrongly admit 4 more.
    await expect(aggregates.execute(box, 'box-1', deposit(4), context())).rejects.toMatchObject({ code: 'box.full' });
    const accepted = await aggregates.execute(box, 'box-1', deposit(1), context());
    expect(accepted.version).toBe(2);
  });

  it('reads the stream when If-Match names another version than the one it kept, and refuses a stale one', async () => {
    const { store, aggregates } = setUp();
    await aggregates.execute(box, 'box-1', deposit(1), context());
    await new AggregateStore(store as unknown as EventStore).execute(box, 'box-1', deposit(1), context());
    const pinned = await aggregates.execute(box, 'box-1', deposit(1), context(1));
    expect(pinned.version).toBe(2);
    await expect(aggregates.execute(box, 'box-1', deposit(1), context(1))).rejects.toBeInstanceOf(ConflictException);
  });

  it('keeps no state of a stream that holds personal data', async () => {
    const { store, aggregates } = setUp();
    await aggregates.execute(box, 'box-1', deposit(1, { personId: 'person-1', name: 'Alice' }), context());
    await aggregates.execute(box, 'box-1', deposit(1), context());
    await aggregates.execute(box, 'box-1', deposit(1), context());
    expect(store.reads).toBe(3);
  });
});
