/**
 * A decider is the whole behaviour of one aggregate: given the state folded
 * from its past events, `decide` turns a command into new events (or refuses it
 * by throwing a DomainError), and `evolve` folds one event into the state.
 * Deciders are pure: time, ids and the acting party arrive inside the command.
 */
export interface Decider<Command, Event, State> {
  readonly decide: (command: Command, state: State) => readonly Event[];
  readonly evolve: (state: State, event: Event) => State;
  readonly initialState: State;
}

/** Folds events into the state they produce, starting from `initialState`. */
export function fold<Event, State>(
  decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
  events: Iterable<Event>,
): State {
  let state = decider.initialState;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
