import { ensure } from '../shared/index.js';
import { completesAcceptance, ensureSideMayAccept, ensureVersionIsOpen } from './acceptance.js';
import { endOfDay, isBefore, toMillis } from '../shared/calendar.js';
import type { AgreementCommandOf } from './commands.js';
import type { AgreementEvent } from './events.js';
import { currentAgreedVersion, type ExistingAgreement, type TermsVersion } from './state.js';
import type { AgreementKind } from './terms.js';
import { ensureContractIsComplete, ensureTermsAreValid } from './terms-rules.js';

/** Clause 8.3.4.1 asks that contract changes be assessed for impact before approval; 8.3.4.2 carries it to OLAs. */
export const requiresImpactAssessment = (kind: AgreementKind): boolean =>
  kind === 'UNDERPINNING_CONTRACT' || kind === 'OLA';

function ensureActive(state: ExistingAgreement): void {
  ensure(
    state.status !== 'draft' && state.status !== 'negotiating',
    'agreement.not-agreed',
    `Agreement ${state.agreementId} is not agreed yet`,
  );
  ensure(state.status === 'active', 'agreement.not-active', `Agreement ${state.agreementId} is not active`);
}

function openAmendment(state: ExistingAgreement, version: number): TermsVersion {
  const amendment = state.versions[version] as TermsVersion | undefined;
  ensure(amendment !== undefined, 'agreement.version-unknown', `No version ${version} was proposed`);
  ensureVersionIsOpen(amendment);
  ensure(
    amendment.origin === 'amendment',
    'agreement.amendment-not-open',
    `Version ${version} is not an open amendment`,
  );
  return amendment;
}

export function proposeAmendment(
  command: AgreementCommandOf<'ProposeAmendment'>,
  state: ExistingAgreement,
): AgreementEvent[] {
  ensureActive(state);
  ensure(
    state.openAmendment === undefined,
    'agreement.amendment-pending',
    `Amendment version ${state.openAmendment} is still open`,
  );
  ensureTermsAreValid(state.kind, command.terms);
  const current = currentAgreedVersion(state)!;
  const { effectiveOn } = command;
  ensure(
    current.effectiveFrom === undefined || isBefore(current.effectiveFrom, effectiveOn),
    'agreement.amendment-effective-too-early',
    `An amendment takes effect after the version it amends (in force from ${current.effectiveFrom})`,
  );
  const newEnd = command.terms.term.effectiveTo;
  ensure(
    newEnd === undefined || toMillis(effectiveOn) < endOfDay(newEnd),
    'agreement.amendment-effective-after-term',
    `The amendment would take effect (${effectiveOn}) after the term ends (${newEnd})`,
  );
  const { agreementId, side, terms, rationale, at, by } = command;
  return [
    {
      type: 'AmendmentProposed',
      data: {
        agreementId,
        version: state.latestVersion + 1,
        amends: current.version,
        side,
        terms,
        rationale,
        effectiveOn,
        at,
        by,
      },
    },
  ];
}

export function assessAmendmentImpact(
  command: AgreementCommandOf<'AssessAmendmentImpact'>,
  state: ExistingAgreement,
): AgreementEvent[] {
  openAmendment(state, command.version);
  const { agreementId, version, impact, summary, risks, at, by } = command;
  return [{ type: 'AmendmentImpactAssessed', data: { agreementId, version, impact, summary, risks, at, by } }];
}

export function acceptAmendment(
  command: AgreementCommandOf<'AcceptAmendment'>,
  state: ExistingAgreement,
): AgreementEvent[] {
  const amendment = openAmendment(state, command.version);
  ensure(
    !requiresImpactAssessment(state.kind) || amendment.impactAssessed === true,
    'agreement.impact-assessment-missing',
    `A change to ${state.kind} ${state.agreementId} is assessed for impact before it is approved`,
  );
  ensureSideMayAccept(amendment, command.side, command.by);
  const { agreementId, version, side, reason, at, by } = command;
  const accepted: AgreementEvent = { type: 'AmendmentAccepted', data: { agreementId, version, side, reason, at, by } };
  if (!completesAcceptance(amendment, side)) return [accepted];
  ensureContractIsComplete(state.kind, amendment.terms);
  return [
    accepted,
    {
      type: 'AgreementAmended',
      data: {
        agreementId,
        version,
        previousVersion: amendment.amends!,
        terms: amendment.terms,
        effectiveOn: amendment.effectiveOn!,
        at,
        by,
      },
    },
  ];
}

export function rejectAmendment(
  command: AgreementCommandOf<'RejectAmendment'>,
  state: ExistingAgreement,
): AgreementEvent[] {
  openAmendment(state, command.version);
  const { agreementId, version, side, reason, at, by } = command;
  return [{ type: 'AmendmentRejected', data: { agreementId, version, side, reason, at, by } }];
}
