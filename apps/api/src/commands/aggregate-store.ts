import { randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { Decider, IsoClause } from '@lib/domain';
import { WrongExpectedVersionError, type EventStore, type RecordedEvent } from '@lib/event-store';
import { EVENT_STORE } from '../tokens.js';
import type { CommandContext } from './command-context.js';

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
    for (let attempt = 0; ; attempt++) {
      const { state, version } = await this.load(type, streamId);
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
        const events = newEvents.map((event, i) => ({
          eventId: event.eventId,
          type: event.type,
          streamVersion: version + 1 + i,
          globalPosition: String(result.positions[i]),
        }));
        return { streamId, version: result.nextExpectedVersion, events };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (context.expectedVersion !== undefined || attempt >= CONFLICT_RETRIES) {
          throw versionConflict(streamId, context.expectedVersion ?? version, error.actualVersion);
        }
      }
    }
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
