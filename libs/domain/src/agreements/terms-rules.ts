import { ensure } from '../shared/index.js';
import { isBefore } from '../shared/calendar.js';
import { isValidValueFor } from './target-level.js';
import type { AgreementKind, AgreementTerms } from './terms.js';

/** The four elements clause 8.3.4.1 requires of a documented contract with an external supplier. */
export const CONTRACT_ELEMENTS = [
  'scope',
  'requirements',
  'targets-or-obligations',
  'authorities-and-responsibilities',
] as const;
export type ContractElement = (typeof CONTRACT_ELEMENTS)[number];

export function missingContractElements(terms: AgreementTerms): ContractElement[] {
  const sides = [terms.provider, terms.counterparty];
  const present: Record<ContractElement, boolean> = {
    scope: (terms.contract?.scope.trim() ?? '') !== '',
    requirements: (terms.contract?.requirements.length ?? 0) > 0,
    'targets-or-obligations': terms.targets.length > 0 || sides.some((side) => side.obligations.length > 0),
    'authorities-and-responsibilities': sides.every(
      (side) => side.authorities.length > 0 && side.responsibilities.length > 0,
    ),
  };
  return CONTRACT_ELEMENTS.filter((element) => !present[element]);
}

/** Rules every proposed version of the terms must satisfy, whatever the negotiation step. */
export function ensureTermsAreValid(kind: AgreementKind, terms: AgreementTerms): void {
  const { effectiveFrom, effectiveTo } = terms.term;
  ensure(
    effectiveTo === undefined || isBefore(effectiveFrom, effectiveTo),
    'agreement.term-dates-unordered',
    `The term must start (${effectiveFrom}) before it ends (${effectiveTo})`,
  );
  const targetIds = new Set<string>();
  for (const target of terms.targets) {
    ensure(
      isValidValueFor(target.metric, target.value),
      'agreement.target-value-invalid',
      `Target ${target.targetId}: ${target.value} is not a valid ${target.metric} value`,
    );
    ensure(!targetIds.has(target.targetId), 'agreement.target-duplicate', `Target ${target.targetId} appears twice`);
    targetIds.add(target.targetId);
  }
  for (const limit of terms.workloadLimits) {
    ensure(limit.limit >= 0, 'agreement.workload-limit-invalid', `Workload limit ${limit.limitId} cannot be negative`);
  }
  for (const credit of terms.serviceCredits) {
    ensure(
      targetIds.has(credit.targetId),
      'agreement.service-credit-unknown-target',
      `Service credits refer to unknown target ${credit.targetId}`,
    );
    ensure(
      credit.tiers.every((tier) => tier.creditPercent >= 0 && tier.creditPercent <= 100),
      'agreement.service-credit-invalid',
      `Service credits for ${credit.targetId} must be between 0 and 100 percent of the charge`,
    );
  }
  if (kind === 'SLA') {
    ensure(terms.services.length > 0, 'agreement.sla-without-service', 'An SLA covers at least one service');
    ensure(terms.targets.length > 0, 'agreement.sla-without-target', 'An SLA has at least one service level target');
  }
}

/** A contract is only agreed (or amended) with all four elements of clause 8.3.4.1 a)–d). */
export function ensureContractIsComplete(kind: AgreementKind, terms: AgreementTerms): void {
  if (kind !== 'UNDERPINNING_CONTRACT') return;
  const missing = missingContractElements(terms);
  ensure(
    missing.length === 0,
    'agreement.contract-incomplete',
    `A contract cannot be agreed without: ${missing.join(', ')}`,
  );
}
