import { endOfDay, toMillis } from '../shared/calendar.js';
import type { AgreementState } from './state.js';
import type { AgreementKind, AgreementTerms } from './terms.js';

export interface TermsInForce {
  readonly agreementId: string;
  readonly kind: AgreementKind;
  readonly version: number;
  readonly effectiveFrom: string;
  readonly terms: AgreementTerms;
}

/**
 * The agreed version in force on a date or at an instant, or undefined when the
 * agreement was not in force then (not yet active, before its start, after its end).
 * Service levels read it to judge a period against the version that applied then.
 */
export function termsInForceOn(state: AgreementState, when: string): TermsInForce | undefined {
  if (state.status === 'none') return undefined;
  const moment = toMillis(when);
  for (const end of [state.lastDayInForce, state.effectiveTo]) {
    if (end !== undefined && moment >= endOfDay(end)) return undefined;
  }
  let inForce: TermsInForce | undefined;
  for (const agreed of state.agreedVersions) {
    if (agreed.effectiveFrom === undefined || toMillis(agreed.effectiveFrom) > moment) continue;
    if (inForce === undefined || toMillis(agreed.effectiveFrom) >= toMillis(inForce.effectiveFrom)) {
      inForce = {
        agreementId: state.agreementId,
        kind: state.kind,
        version: agreed.version,
        effectiveFrom: agreed.effectiveFrom,
        terms: agreed.terms,
      };
    }
  }
  return inForce;
}
