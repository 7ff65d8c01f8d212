import type { Decider } from '../shared/index.js';
import type { AgreementCommand } from './commands.js';
import { decideAgreement } from './decide.js';
import type { AgreementEvent } from './events.js';
import { evolveAgreement } from './evolve.js';
import { initialAgreementState, type AgreementState } from './state.js';

export const agreementDecider: Decider<AgreementCommand, AgreementEvent, AgreementState> = {
  decide: decideAgreement,
  evolve: evolveAgreement,
  initialState: initialAgreementState,
};
