import { expect } from '@jest/globals';
import { DomainError, fold, type Decider, type DomainErrorKind } from '../src/shared/index.js';

/**
 * given(events).when(command).then(events) for a decider, or
 * .thenRefuses(kind, code) when a rule must refuse the command.
 */
export function specFor<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return {
    given(...history: Event[]) {
      const state = fold(decider, history);
      return {
        when(command: Command) {
          const decide = () => decider.decide(command, state);
          return {
            then(...expected: Event[]) {
              expect(decide()).toEqual(expected);
            },
            thenRefuses(kind: DomainErrorKind, code?: string) {
              let refusal: unknown;
              try {
                decide();
              } catch (error) {
                refusal = error;
              }
              expect(refusal).toBeInstanceOf(DomainError);
              expect((refusal as DomainError).kind).toBe(kind);
              if (code) expect((refusal as DomainError).code).toBe(code);
            },
          };
        },
        /** The state after the given events, to check `evolve`. */
        thenState(check: (state: State) => void) {
          check(state);
        },
      };
    },
  };
}
