import { termsInForceOn, type AgreementState } from '../agreements/index.js';
import type { ServiceLevelPeriodTerms } from './commands.js';

/**
 * What `OpenServiceLevelPeriod` needs from the agreement: the version in force at
 * the start of the period, which the handler adds to the command. Undefined when the
 * agreement was not in force then (answer 422).
 */
export function periodTermsInForce(agreement: AgreementState, start: string): ServiceLevelPeriodTerms | undefined {
  const inForce = termsInForceOn(agreement, start);
  if (inForce === undefined) return undefined;
  const { targets, workloadLimits, serviceCredits, exceptions } = inForce.terms;
  return {
    agreementKind: inForce.kind,
    agreementVersion: inForce.version,
    targets,
    workloadLimits,
    serviceCredits,
    exceptions,
  };
}
