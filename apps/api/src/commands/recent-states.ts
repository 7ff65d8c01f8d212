import { personalFieldsOf } from '@lib/event-store';

/** The state of a stream at a version, as one decider folds it. */
export interface StreamState<State> {
  /** Compared by identity: a state is only given back to the decider that folded it. */
  readonly decider: object;
  readonly state: State;
  readonly version: number;
}

/** Streams kept: about 10 KB each at most (an agreement with several versions of its terms). */
const CAPACITY = 2_000;

/**
 * The states of the streams this process changed last, so that the next
 * command on one of them is decided without reading it again. A state may be
 * stale (another process appended since): the append with its version then
 * fails and the command is decided again on the stream as read, so a stale
 * state costs a retry, never a wrong decision. Streams that hold personal data
 * are not kept, so that forgetting a person leaves no copy in memory.
 */
export class RecentStates {
  private readonly states = new Map<string, StreamState<unknown>>();

  get<State>(streamId: string, decider: object): StreamState<State> | undefined {
    const entry = this.states.get(streamId);
    if (!entry || entry.decider !== decider) return undefined;
    // Map order is insertion order: re-inserting makes it the most recently used.
    this.states.delete(streamId);
    this.states.set(streamId, entry);
    return entry as StreamState<State>;
  }

  /** Keeps the state a successful append left the stream in, unless its events hold personal data. */
  keep<State>(streamId: string, entry: StreamState<State>, events: readonly { data: unknown }[]): void {
    this.states.delete(streamId);
    if (events.some((event) => personalFieldsOf(event.data).length > 0)) return;
    this.states.set(streamId, entry as StreamState<unknown>);
    if (this.states.size > CAPACITY) this.states.delete(this.states.keys().next().value!);
  }

  forget(streamId: string): void {
    this.states.delete(streamId);
  }
}
