import { ensure } from '../shared/index.js';
import { completesAcceptance, ensureSideMayAccept, ensureVersionIsOpen } from './acceptance.js';
import type { AgreementCommandOf } from './commands.js';
import type { AgreementEvent } from './events.js';
import type { ExistingAgreement, TermsVersion } from './state.js';
import { ensureContractIsComplete, ensureTermsAreValid } from './terms-rules.js';

/** Negotiation ends when a version is agreed; later changes are amendments. */
function ensureStillNegotiating(state: ExistingAgreement): void {
  ensure(
    state.status === 'draft' || state.status === 'negotiating',
    'agreement.already-agreed',
    `Agreement ${state.agreementId} is already agreed; change it by amendment`,
  );
}

function negotiationVersion(state: ExistingAgreement, version: number): TermsVersion {
  const proposal = state.versions[version] as TermsVersion | undefined;
  ensure(
    proposal !== undefined && proposal.origin === 'negotiation',
    'agreement.version-unknown',
    `Agreement ${state.agreementId} has no proposed version ${version}`,
  );
  return proposal;
}

export function proposeTerms(command: AgreementCommandOf<'ProposeTerms'>, state: ExistingAgreement): AgreementEvent[] {
  ensureStillNegotiating(state);
  ensure(
    state.openProposal === undefined,
    'agreement.proposal-pending',
    `Version ${state.openProposal} awaits an answer: counter-propose, accept or withdraw it`,
  );
  ensureTermsAreValid(state.kind, command.terms);
  const { agreementId, side, terms, reason, at, by } = command;
  return [
    { type: 'TermsProposed', data: { agreementId, version: state.latestVersion + 1, side, terms, reason, at, by } },
  ];
}

export function counterProposeTerms(
  command: AgreementCommandOf<'CounterProposeTerms'>,
  state: ExistingAgreement,
): AgreementEvent[] {
  ensureStillNegotiating(state);
  const answered = negotiationVersion(state, command.inResponseTo);
  ensureVersionIsOpen(answered);
  ensure(
    answered.proposedBySide !== command.side,
    'agreement.counter-own-proposal',
    `The ${command.side} side proposed version ${answered.version}; it can withdraw it, not counter it`,
  );
  ensureTermsAreValid(state.kind, command.terms);
  const { agreementId, side, terms, reason, inResponseTo, at, by } = command;
  return [
    {
      type: 'TermsCounterProposed',
      data: { agreementId, version: state.latestVersion + 1, inResponseTo, side, terms, reason, at, by },
    },
  ];
}

export function withdrawProposal(
  command: AgreementCommandOf<'WithdrawProposal'>,
  state: ExistingAgreement,
): AgreementEvent[] {
  const proposal = state.versions[command.version] as TermsVersion | undefined;
  ensure(proposal !== undefined, 'agreement.version-unknown', `No version ${command.version} was proposed`);
  ensureVersionIsOpen(proposal);
  ensure(
    proposal.proposedBySide === command.side,
    'agreement.withdraw-other-side',
    `Only the ${proposal.proposedBySide} side can withdraw version ${proposal.version}`,
  );
  const { agreementId, version, side, reason, at, by } = command;
  return [{ type: 'ProposalWithdrawn', data: { agreementId, version, side, reason, at, by } }];
}

export function acceptTerms(command: AgreementCommandOf<'AcceptTerms'>, state: ExistingAgreement): AgreementEvent[] {
  ensureStillNegotiating(state);
  const proposal = negotiationVersion(state, command.version);
  ensureVersionIsOpen(proposal);
  ensureSideMayAccept(proposal, command.side, command.by);
  const { agreementId, version, side, reason, at, by } = command;
  const accepted: AgreementEvent = { type: 'TermsAccepted', data: { agreementId, version, side, reason, at, by } };
  if (!completesAcceptance(proposal, side)) return [accepted];
  ensureContractIsComplete(state.kind, proposal.terms);
  return [accepted, { type: 'AgreementAgreed', data: { agreementId, version, terms: proposal.terms, at, by } }];
}
