import { alreadyExists, ensure, notFound } from '../shared/index.js';
import { addDuration, toMillis } from '../shared/calendar.js';
import type { ComplaintCommand } from './commands.js';
import type { ComplaintEvent } from './events.js';
import type { ComplaintState } from './state.js';

export function decideComplaint(command: ComplaintCommand, state: ComplaintState): ComplaintEvent[] {
  const { complaintId, at, by } = command;
  if (command.type === 'RecordComplaint') {
    if (state.status !== 'none') throw alreadyExists('complaint.already-exists', `Complaint ${complaintId} exists`);
    ensure(
      toMillis(command.receivedAt) <= toMillis(at),
      'complaint.received-in-future',
      'A complaint cannot be received after it is recorded',
    );
    const { customerId, serviceId, description, channel, receivedAt, complainant } = command;
    const data = {
      complaintId,
      customerId,
      serviceId,
      description,
      channel,
      receivedAt,
      ...(complainant && { complainant }),
    };
    return [{ type: 'ComplaintRecorded', data: { ...data, at, by } }];
  }
  if (state.status === 'none') throw notFound('complaint.not-found', `Complaint ${complaintId} does not exist`);

  switch (command.type) {
    case 'AssignComplaint':
      ensureNotClosed(state);
      ensure(
        state.assigneeId !== command.assigneeId,
        'complaint.already-assigned',
        'The complaint is already assigned to this person',
      );
      return [{ type: 'ComplaintAssigned', data: { complaintId, assigneeId: command.assigneeId, at, by } }];
    case 'RecordInvestigation':
      ensureOpen(state);
      return [{ type: 'ComplaintInvestigated', data: { complaintId, findings: command.findings, at, by } }];
    case 'RecordComplaintAction':
      ensureOpen(state);
      return [{ type: 'ComplaintActionTaken', data: { complaintId, action: command.action, at, by } }];
    case 'EscalateComplaint': {
      ensureOpen(state);
      const { route, escalatedTo, reason } = command;
      return [{ type: 'ComplaintEscalated', data: { complaintId, route, escalatedTo, reason, at, by } }];
    }
    case 'ResolveComplaint':
      ensureOpen(state);
      return [{ type: 'ComplaintResolved', data: { complaintId, resolution: command.resolution, at, by } }];
    case 'CloseComplaint':
      return [{ type: 'ComplaintClosed', data: { complaintId, closure: closureOf(command, state), at, by } }];
    case 'ReopenComplaint':
      ensure(state.status !== 'open', 'complaint.not-resolved', 'Only a resolved or closed complaint can be reopened');
      return [{ type: 'ComplaintReopened', data: { complaintId, reason: command.reason, at, by } }];
    case 'RaiseComplaintImprovement': {
      const { improvementId, description } = command;
      ensure(
        !state.improvementIds.includes(improvementId),
        'complaint.improvement-already-raised',
        `Improvement ${improvementId} was already raised from this complaint`,
      );
      return [{ type: 'ComplaintImprovementRaised', data: { complaintId, improvementId, description, at, by } }];
    }
    default: {
      const unhandled: never = command;
      throw new Error(`Unhandled complaint command ${JSON.stringify(unhandled)}`);
    }
  }
}

function ensureNotClosed(state: ComplaintState) {
  ensure(state.status !== 'closed', 'complaint.closed', 'The complaint is closed; reopen it first');
}

/** Handling steps belong to an open complaint: a resolved one must be reopened to be worked on again. */
function ensureOpen(state: ComplaintState) {
  ensureNotClosed(state);
  ensure(state.status === 'open', 'complaint.already-resolved', 'The complaint is resolved; reopen it first');
}

type CloseCommand = Extract<ComplaintCommand, { type: 'CloseComplaint' }>;

/** A complaint closes only on a resolution, confirmed by the customer or left unanswered for the stated time. */
function closureOf(command: CloseCommand, state: ComplaintState) {
  ensureNotClosed(state);
  const resolution = state.resolution;
  ensure(resolution !== null, 'complaint.no-resolution', 'A complaint cannot be closed without a resolution');
  if (command.basis === 'customer-confirmed') {
    return { basis: command.basis, confirmedBy: command.confirmedBy };
  }
  ensure(
    toMillis(command.at) >= toMillis(addDuration(resolution.at, command.waitedFor)),
    'complaint.waiting-time-not-elapsed',
    `The customer still has time to answer: ${command.waitedFor} after ${resolution.at} has not elapsed`,
  );
  return { basis: command.basis, waitedFor: command.waitedFor, resolvedAt: resolution.at };
}
