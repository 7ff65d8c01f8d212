import { randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { Decider, IsoClause } from '@lib/domain';
import { WrongExpectedVersionError, type EventStore, type RecordedEvent } from '@lib/event-store';
import { EVENT_STORE } from '../tokens.js';
import type { CommandContext } from './command-context.js';
import { RecentStates } from './recent-states.js';

/** A domain event as deciders produce it. */
export interface DomainEvent {
  readonly type: string;
  readonly data: object;
}

/** One kind of aggregate: its decider, and which ISO clauses each of its events evidences. */
export interface AggregateType<Command, Event extends DomainEvent, State> {
  readonly decider: Decider<Command, Event, State>;
  readonly clausesOf: (event: Event, state: State) => readonly IsoClause[];
}

export interface Loaded<State> {
  readonly state: State;
  /** Version of the stream's last event; -1 when it has none. */
  readonly version: number;
  readonly events: RecordedEvent[];
}

export interface Decided {
  readonly streamId: string;
  readonly version: number;
  readonly events: readonly { eventId: string; type: string; streamVersion: number; globalPosition: string }[];
}

/** Conflicts retried before the caller sees a 409, when it sent no If-Match. */
const CONFLICT_RETRIES = 3;

/**
 * The one way commands change the system: load one stream, decide, append
 * with the version that was read. A concurrent writer makes the append fail;
 * then the command is decided again on the new state, a bounded number of
 * times, unless the caller pinned the version with If-Match.
 */
@Injectable()
export class AggregateStore {
  private readonly recent = new RecentStates();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load<Event extends DomainEvent, State>(
    type: { decider: Decider<never, Event, State> },
    streamId: string,
    asOf?: Date,
  ): Promise<Loaded<State>> {
    const events = await this.store.readStream(streamId, { asOf });
    let state = type.decider.initialState;
    for (const event of events) state = type.decider.evolve(state, { type: event.type, data: event.data } as Event);
    return { state, version: events.length ? events[events.length - 1]!.streamVersion : -1, events };
  }

  async execute<Command, Event extends DomainEvent, State>(
    type: AggregateType<Command, Event, State>,
    streamId: string,
    command: Command,
    context: CommandContext,
  ): Promise<Decided> {
    let recent = this.recent.get<State>(streamId, type.decider);
    for (let attempt = 0; ; attempt++) {
      // A kept state that is not at the caller's If-Match version may be stale: read the stream.
      const known = recent && (context.expectedVersion ?? recent.version) === recent.version ? recent : undefined;
      recent = undefined;
      const { state, version, events: read } = known ? { ...known, events: [] } : await this.load(type, streamId);
      if (context.expectedVersion !== undefined && context.expectedVersion !== version) {
        throw versionConflict(streamId, context.expectedVersion, version);
      }
      const decided = type.decider.decide(command, state);
      let after = state;
      const newEvents = decided.map((event) => {
        after = type.decider.evolve(after, event);
        return {
          eventId: randomUUID(),
          type: event.type,
          schemaVersion: 1,
          data: event.data as Record<string, unknown>,
          metadata: {
            actor: context.actor,
            correlationId: context.correlationId,
            causationId: context.causationId,
            clauses: type.clausesOf(event, after),
            ...(context.idempotencyKey ? { idempotencyKey: context.idempotencyKey } : {}),
          },
        };
      });
      if (newEvents.length === 0) return { streamId, version, events: [] };
      try {
        const result = await this.store.appendToStream(streamId, newEvents, {
          expectedVersion: version === -1 ? 'no-stream' : version,
        });
        this.keep(type, streamId, state, result.nextExpectedVersion, newEvents, read);
        const events = newEvents.map((event, i) => ({
          eventId: event.eventId,
          type: event.type,
          streamVersion: version + 1 + i,
          globalPosition: String(result.positions[i]),
        }));
        return { streamId, version: result.nextExpectedVersion, events };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        this.recent.forget(streamId);
        if (context.expectedVersion !== undefined || (!known && attempt >= CONFLICT_RETRIES)) {
          throw versionConflict(streamId, context.expectedVersion ?? version, error.actualVersion);
        }
        // Deciding on a stale kept state is not a conflict of the caller's: it does not use up a retry.
        if (known) attempt--;
      }
    }
  }

  /**
   * Keeps the state after an append for the next command on the stream,
   * folded from the new events as a read gives them back (JSON), so that it
   * equals the state a read of the stream would give.
   */
  private keep<Event extends DomainEvent, State>(
    type: { decider: Decider<never, Event, State> },
    streamId: string,
    before: State,
    version: number,
    appended: readonly DomainEvent[],
    read: readonly RecordedEvent[],
  ): void {
    let state = before;
    for (const event of appended) {
      state = type.decider.evolve(state, { type: event.type, data: JSON.parse(JSON.stringify(event.data)) } as Event);
    }
    this.recent.keep(streamId, { decider: type.decider, state, version }, [...read, ...appended]);
  }
}

function versionConflict(streamId: string, expected: number, current: number): ConflictException {
  return new ConflictException({
    type: 'urn:problem:version-conflict',
    title: 'Conflict',
    status: 409,
    detail: `${streamId} is at version ${current}, not ${expected}: read it again and retry.`,
    code: 'version-conflict',
    currentVersion: current,
  });
}
