import { alreadyExists, ensure, notFound } from '../shared/index.js';
import type { AgreementCommand } from './commands.js';
import { acceptAmendment, assessAmendmentImpact, proposeAmendment, rejectAmendment } from './decide-amendment.js';
import {
  activateAgreement,
  expireAgreement,
  renewAgreement,
  reviewAgreement,
  terminateAgreement,
} from './decide-lifecycle.js';
import { acceptTerms, counterProposeTerms, proposeTerms, withdrawProposal } from './decide-negotiation.js';
import {
  assessLinkedTargetAlignment,
  linkServiceLevelRequirements,
  linkSupplierTarget,
} from './decide-underpinning.js';
import type { AgreementEvent } from './events.js';
import type { AgreementState, ExistingAgreement } from './state.js';

export function decideAgreement(command: AgreementCommand, state: AgreementState): AgreementEvent[] {
  if (command.type === 'DraftAgreement') {
    if (state.status !== 'none') {
      throw alreadyExists('agreement.already-exists', `Agreement ${command.agreementId} already exists`);
    }
    const { agreementId, kind, title, providerPartyId, counterpartyPartyId, counterpartyRole, at, by } = command;
    return [
      {
        type: 'AgreementDrafted',
        data: { agreementId, kind, title, providerPartyId, counterpartyPartyId, counterpartyRole, at, by },
      },
    ];
  }
  if (state.status === 'none') throw notFound('agreement.not-found', `Agreement ${command.agreementId} does not exist`);
  // The record of a terminated or expired agreement is final evidence.
  ensure(
    state.status !== 'terminated' && state.status !== 'expired',
    'agreement.closed',
    `Agreement ${state.agreementId} is ${state.status} and cannot change`,
  );
  return decideOnExisting(command, state);
}

function decideOnExisting(
  command: Exclude<AgreementCommand, { type: 'DraftAgreement' }>,
  state: ExistingAgreement,
): AgreementEvent[] {
  switch (command.type) {
    case 'ProposeTerms':
      return proposeTerms(command, state);
    case 'CounterProposeTerms':
      return counterProposeTerms(command, state);
    case 'WithdrawProposal':
      return withdrawProposal(command, state);
    case 'AcceptTerms':
      return acceptTerms(command, state);
    case 'ActivateAgreement':
      return activateAgreement(command, state);
    case 'ProposeAmendment':
      return proposeAmendment(command, state);
    case 'AssessAmendmentImpact':
      return assessAmendmentImpact(command, state);
    case 'AcceptAmendment':
      return acceptAmendment(command, state);
    case 'RejectAmendment':
      return rejectAmendment(command, state);
    case 'ReviewAgreement':
      return reviewAgreement(command, state);
    case 'RenewAgreement':
      return renewAgreement(command, state);
    case 'ExpireAgreement':
      return expireAgreement(command, state);
    case 'TerminateAgreement':
      return terminateAgreement(command, state);
    case 'LinkServiceLevelRequirements':
      return linkServiceLevelRequirements(command, state);
    case 'LinkSupplierTarget':
      return linkSupplierTarget(command, state);
    case 'AssessTargetAlignment':
      return assessLinkedTargetAlignment(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown agreement command ${JSON.stringify(unknown)}`);
    }
  }
}
