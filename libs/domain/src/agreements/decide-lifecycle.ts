import { ensure } from '../shared/index.js';
import { addDuration, endOfDay, isBefore, toMillis } from '../shared/calendar.js';
import type { AgreementCommandOf } from './commands.js';
import type { AgreementEvent } from './events.js';
import { currentAgreedVersion, type ExistingAgreement } from './state.js';
import { termsInForceOn } from './terms-in-force.js';

export function activateAgreement(
  command: AgreementCommandOf<'ActivateAgreement'>,
  state: ExistingAgreement,
): AgreementEvent[] {
  ensure(state.status !== 'active', 'agreement.already-active', `Agreement ${state.agreementId} is already active`);
  ensure(state.status === 'agreed', 'agreement.not-agreed', `Agreement ${state.agreementId} is not agreed yet`);
  const agreed = currentAgreedVersion(state)!;
  const { effectiveFrom, effectiveTo } = agreed.terms.term;
  const { agreementId, effectiveOn, at, by } = command;
  ensure(
    !isBefore(effectiveOn, effectiveFrom),
    'agreement.activation-before-effective-from',
    `Activation on ${effectiveOn} is before the agreed term starts (${effectiveFrom})`,
  );
  ensure(
    effectiveTo === undefined || toMillis(effectiveOn) < endOfDay(effectiveTo),
    'agreement.activation-after-effective-to',
    `Activation on ${effectiveOn} is after the agreed term ends (${effectiveTo})`,
  );
  const nextReviewDue = addDuration(effectiveOn, agreed.terms.reviewInterval);
  return [
    { type: 'AgreementActivated', data: { agreementId, version: agreed.version, effectiveOn, nextReviewDue, at, by } },
  ];
}

function ensureActive(state: ExistingAgreement): void {
  ensure(state.status === 'active', 'agreement.not-active', `Agreement ${state.agreementId} is not active`);
}

export function reviewAgreement(
  command: AgreementCommandOf<'ReviewAgreement'>,
  state: ExistingAgreement,
): AgreementEvent[] {
  ensureActive(state);
  const inForce = termsInForceOn(state, command.reviewedOn);
  ensure(
    inForce !== undefined,
    'agreement.review-outside-term',
    `Agreement ${state.agreementId} was not in force on ${command.reviewedOn}`,
  );
  const { agreementId, reviewedOn, outcome, findings, at, by } = command;
  const nextReviewDue = addDuration(reviewedOn, inForce.terms.reviewInterval);
  return [
    {
      type: 'AgreementReviewed',
      data: { agreementId, version: inForce.version, reviewedOn, outcome, findings, nextReviewDue, at, by },
    },
  ];
}

export function renewAgreement(
  command: AgreementCommandOf<'RenewAgreement'>,
  state: ExistingAgreement,
): AgreementEvent[] {
  ensureActive(state);
  const previousEffectiveTo = state.effectiveTo;
  ensure(
    previousEffectiveTo !== undefined,
    'agreement.open-ended',
    `Agreement ${state.agreementId} has no end date to renew`,
  );
  ensure(
    isBefore(previousEffectiveTo, command.effectiveTo),
    'agreement.renewal-not-later',
    `A renewal extends the term beyond ${previousEffectiveTo}`,
  );
  const { agreementId, effectiveTo, reason, at, by } = command;
  return [{ type: 'AgreementRenewed', data: { agreementId, previousEffectiveTo, effectiveTo, reason, at, by } }];
}

export function expireAgreement(
  command: AgreementCommandOf<'ExpireAgreement'>,
  state: ExistingAgreement,
): AgreementEvent[] {
  ensure(
    state.status === 'agreed' || state.status === 'active',
    'agreement.not-agreed',
    `Agreement ${state.agreementId} was never agreed; terminate it instead`,
  );
  const effectiveTo = state.effectiveTo;
  ensure(effectiveTo !== undefined, 'agreement.open-ended', `Agreement ${state.agreementId} has no end date`);
  ensure(
    toMillis(command.at) >= endOfDay(effectiveTo),
    'agreement.not-yet-expired',
    `Agreement ${state.agreementId} is in force until the end of ${effectiveTo}`,
  );
  const { agreementId, at, by } = command;
  return [{ type: 'AgreementExpired', data: { agreementId, effectiveTo, at, by } }];
}

export function terminateAgreement(
  command: AgreementCommandOf<'TerminateAgreement'>,
  state: ExistingAgreement,
): AgreementEvent[] {
  ensure(
    state.activatedOn === undefined || !isBefore(command.lastDayInForce, state.activatedOn),
    'agreement.termination-before-activation',
    `The last day in force (${command.lastDayInForce}) is before activation (${state.activatedOn})`,
  );
  const { agreementId, lastDayInForce, reason, at, by } = command;
  return [{ type: 'AgreementTerminated', data: { agreementId, lastDayInForce, reason, at, by } }];
}
