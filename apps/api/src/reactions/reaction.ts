import { DomainError } from '@lib/domain';
import type { RecordedEvent } from '@lib/event-store';
import { v5 as uuidv5 } from 'uuid';
import type { AggregateStore, AggregateType, DomainEvent } from '../commands/aggregate-store.js';
import type { CommandContext } from '../commands/command-context.js';

/**
 * A process manager: it reacts to recorded events by issuing commands on
 * other streams (a breach raises an improvement opportunity; a held review
 * schedules the next). Reactions run after the fact, at least once per
 * event, from a stored checkpoint, so they must be idempotent: commands they
 * issue use ids derived from the cause (`idFromCause`), and a command that
 * finds its work already done is not an error.
 */
export interface Reaction {
  /** Stable name; its checkpoint is stored under it. */
  readonly name: string;
  /** The event types it reacts to. */
  readonly eventTypes: readonly string[];
  react(event: RecordedEvent, aggregates: AggregateStore): Promise<void>;
}

const NAMESPACE = 'd3c1c1a8-6f38-4c1b-9d0e-8e3f2a1b7c55';

/** The same id every time for the same cause: a re-delivered event re-issues the same command. */
export const idFromCause = (reaction: string, cause: RecordedEvent, purpose = '') =>
  uuidv5(`${reaction}:${cause.eventId}:${purpose}`, NAMESPACE);

/** Commands a reaction issues are recorded as the system's, caused by the event, in the event's flow. */
export const reactionContext = (reaction: string, cause: RecordedEvent): CommandContext => ({
  actor: `system:${reaction}`,
  correlationId: cause.metadata.correlationId,
  causationId: cause.eventId,
});

/** Issues a reaction's command; one that finds its stream already created by an earlier delivery is done. */
export async function issueOnce<Command, Event extends DomainEvent, State>(
  aggregates: AggregateStore,
  type: AggregateType<Command, Event, State>,
  streamId: string,
  command: Command,
  context: CommandContext,
): Promise<void> {
  try {
    await aggregates.execute(type, streamId, command, context);
  } catch (error) {
    if (!(error instanceof DomainError && error.kind === 'already-exists')) throw error;
  }
}
