import { ensure } from '../shared/index.js';
import type { TermsVersion } from './state.js';
import { otherAgreementSide, type AgreementSide } from './terms.js';

/** Refuses an acceptance of a version that is no longer on the table. */
export function ensureVersionIsOpen(proposal: TermsVersion): void {
  ensure(
    proposal.status !== 'superseded',
    'agreement.version-superseded',
    `Version ${proposal.version} was superseded by a later proposal`,
  );
  ensure(proposal.status !== 'withdrawn', 'agreement.version-withdrawn', `Version ${proposal.version} was withdrawn`);
  ensure(proposal.status === 'open', 'agreement.version-not-open', `Version ${proposal.version} is ${proposal.status}`);
}

/**
 * Both sides must accept the same version, each through its own person: the
 * proposer cannot record the other side's acceptance, nor can one person accept for both.
 */
export function ensureSideMayAccept(proposal: TermsVersion, side: AgreementSide, by: string): void {
  ensure(
    proposal.acceptedBy[side] === undefined,
    'agreement.already-accepted',
    `The ${side} side already accepted version ${proposal.version}`,
  );
  ensure(
    side === proposal.proposedBySide || by !== proposal.proposedBy,
    'agreement.acceptance-by-proposer',
    `${by} proposed version ${proposal.version} and cannot accept it for the ${side} side`,
  );
  ensure(
    proposal.acceptedBy[otherAgreementSide(side)] !== by,
    'agreement.same-person-both-sides',
    `${by} already accepted version ${proposal.version} for the ${otherAgreementSide(side)} side`,
  );
}

/** Whether this acceptance completes the acceptance of both sides. */
export const completesAcceptance = (proposal: TermsVersion, side: AgreementSide): boolean =>
  proposal.acceptedBy[otherAgreementSide(side)] !== undefined;
