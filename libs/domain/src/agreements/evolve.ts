import type { AgreementEvent } from './events.js';
import type { AgreementState, ExistingAgreement, TermsVersion, UnderpinningLink } from './state.js';

const withVersion = (state: ExistingAgreement, version: number, change: Partial<TermsVersion>): ExistingAgreement => ({
  ...state,
  versions: { ...state.versions, [version]: { ...state.versions[version], ...change } },
});

export function evolveAgreement(state: AgreementState, event: AgreementEvent): AgreementState {
  if (event.type === 'AgreementDrafted') {
    const { data } = event;
    return {
      status: 'draft',
      agreementId: data.agreementId,
      kind: data.kind,
      title: data.title,
      providerPartyId: data.providerPartyId,
      counterpartyPartyId: data.counterpartyPartyId,
      counterpartyRole: data.counterpartyRole,
      versions: {},
      latestVersion: 0,
      agreedVersions: [],
      slrAgreementIds: [],
      underpinning: [],
    };
  }
  if (state.status === 'none') return state;
  return evolveExisting(state, event);
}

function evolveExisting(
  state: ExistingAgreement,
  event: Exclude<AgreementEvent, { type: 'AgreementDrafted' }>,
): ExistingAgreement {
  switch (event.type) {
    case 'TermsProposed':
    case 'TermsCounterProposed': {
      const { data } = event;
      const superseded =
        event.type === 'TermsCounterProposed'
          ? withVersion(state, event.data.inResponseTo, { status: 'superseded' })
          : state;
      return {
        ...superseded,
        status: 'negotiating',
        latestVersion: data.version,
        openProposal: data.version,
        versions: {
          ...superseded.versions,
          [data.version]: {
            version: data.version,
            terms: data.terms,
            origin: 'negotiation',
            proposedBySide: data.side,
            proposedBy: data.by,
            status: 'open',
            acceptedBy: {},
          },
        },
      } satisfies ExistingAgreement;
    }
    case 'ProposalWithdrawn': {
      const next = withVersion(state, event.data.version, { status: 'withdrawn' });
      return {
        ...next,
        openProposal: next.openProposal === event.data.version ? undefined : next.openProposal,
        openAmendment: next.openAmendment === event.data.version ? undefined : next.openAmendment,
      };
    }
    case 'TermsAccepted':
    case 'AmendmentAccepted': {
      const { version, side, by } = event.data;
      return withVersion(state, version, { acceptedBy: { ...state.versions[version].acceptedBy, [side]: by } });
    }
    case 'AgreementAgreed': {
      const { version, terms } = event.data;
      return {
        ...withVersion(state, version, { status: 'agreed' }),
        status: 'agreed',
        openProposal: undefined,
        agreedVersions: [{ version, terms }],
        effectiveTo: terms.term.effectiveTo,
      };
    }
    case 'AgreementActivated': {
      const [first, ...rest] = state.agreedVersions;
      return {
        ...state,
        status: 'active',
        activatedOn: event.data.effectiveOn,
        nextReviewDue: event.data.nextReviewDue,
        agreedVersions: [{ ...first, effectiveFrom: event.data.effectiveOn }, ...rest],
      };
    }
    case 'AmendmentProposed': {
      const { data } = event;
      return {
        ...state,
        latestVersion: data.version,
        openAmendment: data.version,
        versions: {
          ...state.versions,
          [data.version]: {
            version: data.version,
            terms: data.terms,
            origin: 'amendment',
            proposedBySide: data.side,
            proposedBy: data.by,
            status: 'open',
            acceptedBy: {},
            effectiveOn: data.effectiveOn,
            amends: data.amends,
            impactAssessed: false,
          },
        },
      };
    }
    case 'AmendmentImpactAssessed':
      return withVersion(state, event.data.version, { impactAssessed: true });
    case 'AmendmentRejected':
      return { ...withVersion(state, event.data.version, { status: 'rejected' }), openAmendment: undefined };
    case 'AgreementAmended': {
      const { version, terms, effectiveOn } = event.data;
      return {
        ...withVersion(state, version, { status: 'agreed' }),
        openAmendment: undefined,
        agreedVersions: [...state.agreedVersions, { version, terms, effectiveFrom: effectiveOn }],
        effectiveTo: terms.term.effectiveTo,
      };
    }
    case 'AgreementReviewed':
      return { ...state, nextReviewDue: event.data.nextReviewDue };
    case 'AgreementRenewed':
      return { ...state, effectiveTo: event.data.effectiveTo };
    case 'AgreementExpired':
      return { ...state, status: 'expired', lastDayInForce: event.data.effectiveTo };
    case 'AgreementTerminated':
      return { ...state, status: 'terminated', lastDayInForce: event.data.lastDayInForce };
    case 'ServiceLevelRequirementsLinked':
      return { ...state, slrAgreementIds: [...state.slrAgreementIds, event.data.slrAgreementId] };
    case 'SupplierTargetLinked': {
      const { supplierTargetId, customerAgreementId, customerTargetId } = event.data;
      return {
        ...state,
        underpinning: [...state.underpinning, { supplierTargetId, customerAgreementId, customerTargetId }],
      };
    }
    case 'TargetAlignmentAssessed': {
      const { data } = event;
      const assessed = (link: UnderpinningLink): UnderpinningLink =>
        link.supplierTargetId === data.supplierTargetId &&
        link.customerAgreementId === data.customerAgreementId &&
        link.customerTargetId === data.customerTargetId
          ? {
              ...link,
              lastAssessment: {
                outcome: data.outcome,
                supplierVersion: data.supplierVersion,
                customerTarget: data.customerTarget,
                at: data.at,
              },
            }
          : link;
      return { ...state, underpinning: state.underpinning.map(assessed) };
    }
    default: {
      const unknown: never = event;
      throw new Error(`Unknown agreement event ${JSON.stringify(unknown)}`);
    }
  }
}
