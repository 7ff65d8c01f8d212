/**
 * Why a decider refused a command.
 * - `not-found`: the command addresses something that does not exist (HTTP 404);
 * - `already-exists`: a creating command on a stream that already has history (409);
 * - `rule-violated`: a business rule of ISO/IEC 20000-1 clause 8.3 refuses it (422).
 */
export type DomainErrorKind = 'not-found' | 'already-exists' | 'rule-violated';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** Stable, machine-readable reason, e.g. `agreement.not-agreed`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (code: string, message: string) => new DomainError('not-found', code, message);
export const alreadyExists = (code: string, message: string) => new DomainError('already-exists', code, message);
export const ruleViolated = (code: string, message: string) => new DomainError('rule-violated', code, message);

/** Throws a rule violation unless `condition` holds. */
export function ensure(condition: boolean, code: string, message: string): asserts condition {
  if (!condition) throw ruleViolated(code, message);
}
