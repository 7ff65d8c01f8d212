import {
  agreementClausesOf,
  agreementCommandBodies as bodies,
  agreementDecider,
  agreementStreamId,
  type AgreementCommand,
  type AgreementEvent,
  type AgreementState,
} from '@lib/domain/agreements/index.js';
import type { AggregateType } from '../commands/aggregate-store.js';
import type { AggregateRoutes } from '../http/aggregate-routes.js';
import { withAmendmentVersion, withCustomerTarget, withRequirementsAgreement } from './agreement.prepare.js';

/** Service managers run customer agreements; supplier managers run OLAs and underpinning contracts. */
export const agreementRoles = ['service-manager', 'supplier-manager'] as const;

/** The agreement aggregate: its clauses follow the kind recorded when it was drafted. */
export const agreementAggregate: AggregateType<AgreementCommand, AgreementEvent, AgreementState> = {
  decider: agreementDecider,
  clausesOf: (event, state) => agreementClausesOf(event, state.status === 'none' ? 'SLA' : state.kind),
};

/**
 * Agreements (clauses 8.3.3, 8.3.4.1, 8.3.4.2): SLAs, OLAs, underpinning contracts,
 * MOUs and service level requirements, from draft through negotiation,
 * activation, amendment and review to renewal, expiry or termination.
 */
export const agreementRoutes: AggregateRoutes<AgreementCommand, AgreementEvent, AgreementState> = {
  name: 'agreements',
  base: 'agreements',
  idParam: 'agreementId',
  aggregate: agreementAggregate,
  streamId: ({ agreementId }) => agreementStreamId(agreementId!),
  commands: [
    {
      command: 'DraftAgreement',
      path: '',
      body: bodies.DraftAgreement,
      roles: agreementRoles,
      summary: 'Draft an agreement (SLA, OLA, underpinning contract, MOU or SLR) between the provider and a party',
    },
    {
      command: 'ProposeTerms',
      path: ':agreementId/proposals',
      body: bodies.ProposeTerms,
      roles: agreementRoles,
      summary: 'Propose a version of the terms for the other side to accept',
    },
    {
      command: 'CounterProposeTerms',
      path: ':agreementId/counter-proposals',
      body: bodies.CounterProposeTerms,
      roles: agreementRoles,
      summary: "Answer the other side's proposed version with different terms",
    },
    {
      command: 'WithdrawProposal',
      path: ':agreementId/withdrawals',
      body: bodies.WithdrawProposal,
      roles: agreementRoles,
      summary: 'Withdraw a version your side proposed that is still open',
    },
    {
      command: 'AcceptTerms',
      path: ':agreementId/acceptances',
      body: bodies.AcceptTerms,
      roles: agreementRoles,
      summary: 'Accept a proposed version for one side; when both sides accepted it, it is agreed',
    },
    {
      command: 'ActivateAgreement',
      path: ':agreementId/activation',
      body: bodies.ActivateAgreement,
      roles: agreementRoles,
      summary: 'Put the agreed version in force from a date; the first review falls due one review interval later',
    },
    {
      command: 'ProposeAmendment',
      path: ':agreementId/amendments',
      body: bodies.ProposeAmendment,
      roles: agreementRoles,
      summary: 'Propose amended terms of an active agreement, in force from a later date once both sides accept',
    },
    {
      command: 'AssessAmendmentImpact',
      path: ':agreementId/amendments/:amendmentVersion/impact-assessment',
      // The amendment is named in the path by the version it would become.
      body: bodies.AssessAmendmentImpact.omit({ version: true }),
      roles: agreementRoles,
      summary:
        'Record the impact and risks of a proposed amendment (required before a contract or OLA change is accepted)',
      prepare: withAmendmentVersion,
    },
    {
      command: 'AcceptAmendment',
      path: ':agreementId/amendments/:amendmentVersion/acceptances',
      // The amendment is named in the path by the version it would become.
      body: bodies.AcceptAmendment.omit({ version: true }),
      roles: agreementRoles,
      summary: 'Accept a proposed amendment for one side; when both sides accepted it, the agreement is amended',
      prepare: withAmendmentVersion,
    },
    {
      command: 'RejectAmendment',
      path: ':agreementId/amendments/:amendmentVersion/rejection',
      // The amendment is named in the path by the version it would become.
      body: bodies.RejectAmendment.omit({ version: true }),
      roles: agreementRoles,
      summary: 'Reject a proposed amendment for one side, with the reason',
      prepare: withAmendmentVersion,
    },
    {
      command: 'ReviewAgreement',
      path: ':agreementId/reviews',
      body: bodies.ReviewAgreement,
      roles: agreementRoles,
      summary: 'Record a planned review of the agreement and its outcome; sets the next review date',
    },
    {
      command: 'RenewAgreement',
      path: ':agreementId/renewals',
      body: bodies.RenewAgreement,
      roles: agreementRoles,
      summary: 'Extend the term of an active agreement to a later last day',
    },
    {
      command: 'ExpireAgreement',
      path: ':agreementId/expiry',
      body: bodies.ExpireAgreement,
      roles: agreementRoles,
      summary: 'Record that the agreement expired at the end of its term',
    },
    {
      command: 'TerminateAgreement',
      path: ':agreementId/termination',
      body: bodies.TerminateAgreement,
      roles: agreementRoles,
      summary: 'Terminate the agreement from a last day in force, with the reason',
    },
    {
      command: 'LinkServiceLevelRequirements',
      path: ':agreementId/service-level-requirements',
      body: bodies.LinkServiceLevelRequirements,
      roles: agreementRoles,
      summary: "Link this SLA to the SLR agreement holding the customer's service level requirements it answers",
      prepare: withRequirementsAgreement,
    },
    {
      command: 'LinkSupplierTarget',
      path: ':agreementId/underpinned-targets',
      body: bodies.LinkSupplierTarget,
      roles: agreementRoles,
      summary:
        'Link a target of this OLA or contract to the customer SLA target it supports, and assess their alignment',
      prepare: withCustomerTarget,
    },
    {
      command: 'AssessTargetAlignment',
      path: ':agreementId/alignment-assessments',
      body: bodies.AssessTargetAlignment,
      roles: agreementRoles,
      summary: 'Assess again whether a linked supplier target still underpins the customer SLA target in force',
      prepare: withCustomerTarget,
    },
  ],
};
