import { notFound } from '@lib/domain';
import {
  disputeClauses,
  disputeCommandBodies as bodies,
  disputeDecider,
  disputeStreamId,
  type DisputeCommand,
  type DisputeEvent,
  type DisputeState,
} from '@lib/domain/disputes/index.js';
import { partyDecider, partyStreamId } from '@lib/domain/parties/index.js';
import type { AggregateStore } from '../commands/aggregate-store.js';
import type { AggregateRoutes } from '../http/aggregate-routes.js';

const managers = ['supplier-manager'] as const;

/** A dispute is with a registered party. */
async function ensureDisputingParty(command: DisputeCommand, aggregates: AggregateStore): Promise<DisputeCommand> {
  if (command.type !== 'RaiseDispute') return command;
  const { state } = await aggregates.load({ decider: partyDecider }, partyStreamId(command.partyId));
  if (!state.registered) throw notFound('dispute.party-not-found', `Party ${command.partyId} is not registered`);
  return command;
}

/**
 * Disputes with a supplier (clause 8.3.4.1), recorded and managed to closure:
 * evidence fixed by its SHA-256, escalation up the agreed route, proposals
 * answered by the other side, and resolution or withdrawal before closing.
 */
export const disputeRoutes: AggregateRoutes<DisputeCommand, DisputeEvent, DisputeState> = {
  name: 'disputes',
  base: 'disputes',
  idParam: 'disputeId',
  aggregate: { decider: disputeDecider, clausesOf: (event) => disputeClauses[event.type] },
  streamId: ({ disputeId }) => disputeStreamId(disputeId!),
  commands: [
    {
      command: 'RaiseDispute',
      path: '',
      body: bodies.RaiseDispute,
      roles: managers,
      summary: 'Record a dispute with a party about an agreement, a measurement or a charge, and the claim',
      prepare: ensureDisputingParty,
    },
    {
      command: 'AttachDisputeEvidence',
      path: ':disputeId/evidence',
      body: bodies.AttachDisputeEvidence,
      roles: managers,
      summary: "Attach evidence by reference, fixed by the document's SHA-256 digest",
      newIds: ['evidenceId'],
    },
    {
      command: 'EscalateDispute',
      path: ':disputeId/escalations',
      body: bodies.EscalateDispute,
      roles: managers,
      summary: 'Escalate to a higher level of the escalation route, to whom and why',
    },
    {
      command: 'ProposeDisputeResolution',
      path: ':disputeId/proposals',
      body: bodies.ProposeDisputeResolution,
      roles: managers,
      summary: 'Record a resolution proposed by one side, for the other side to answer',
      newIds: ['proposalId'],
    },
    {
      command: 'AcceptDisputeResolution',
      path: ':disputeId/proposals/:proposalId/acceptance',
      body: bodies.AcceptDisputeResolution,
      roles: managers,
      summary: 'Record that the other side accepted a proposal',
    },
    {
      command: 'RejectDisputeResolution',
      path: ':disputeId/proposals/:proposalId/rejection',
      body: bodies.RejectDisputeResolution,
      roles: managers,
      summary: 'Record that the other side rejected a proposal, and why',
    },
    {
      command: 'ResolveDispute',
      path: ':disputeId/resolution',
      body: bodies.ResolveDispute,
      roles: managers,
      summary: 'Resolve the dispute on the accepted proposal',
    },
    {
      command: 'WithdrawDispute',
      path: ':disputeId/withdrawal',
      body: bodies.WithdrawDispute,
      roles: managers,
      summary: 'Withdraw the dispute, by the side that raised it, with the reason',
    },
    {
      command: 'CloseDispute',
      path: ':disputeId/closure',
      body: bodies.CloseDispute,
      roles: managers,
      summary: 'Close a resolved or withdrawn dispute; nothing changes after',
    },
  ],
};
