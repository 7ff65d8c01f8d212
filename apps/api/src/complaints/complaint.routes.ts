import {
  complaintClauses,
  complaintCommandBodies as bodies,
  complaintDecider,
  complaintStreamId,
  type ComplaintCommand,
  type ComplaintEvent,
  type ComplaintState,
} from '@lib/domain/complaints/index.js';
import type { AggregateRoutes } from '../http/aggregate-routes.js';

const managers = ['relationship-manager', 'service-manager'] as const;

/** Service complaints (clause 8.3.2): recorded, managed to closure, escalated outside the normal channel. */
export const complaintRoutes: AggregateRoutes<ComplaintCommand, ComplaintEvent, ComplaintState> = {
  name: 'complaints',
  base: 'complaints',
  idParam: 'complaintId',
  aggregate: { decider: complaintDecider, clausesOf: (event) => complaintClauses[event.type] },
  streamId: ({ complaintId }) => complaintStreamId(complaintId!),
  commands: [
    {
      command: 'RecordComplaint',
      path: '',
      body: bodies.RecordComplaint,
      roles: managers,
      summary: 'Record a complaint',
    },
    {
      command: 'AssignComplaint',
      path: ':complaintId/assignment',
      body: bodies.AssignComplaint,
      roles: managers,
      summary: 'Assign the complaint to the person who manages it',
    },
    {
      command: 'RecordInvestigation',
      path: ':complaintId/investigation',
      body: bodies.RecordInvestigation,
      roles: managers,
      summary: 'Record the findings of the investigation',
    },
    {
      command: 'RecordComplaintAction',
      path: ':complaintId/actions',
      body: bodies.RecordComplaintAction,
      roles: managers,
      summary: 'Record an action taken',
    },
    {
      command: 'EscalateComplaint',
      path: ':complaintId/escalation',
      body: bodies.EscalateComplaint,
      roles: managers,
      summary: 'Escalate outside the normal channel: route, to whom, why',
    },
    {
      command: 'ResolveComplaint',
      path: ':complaintId/resolution',
      body: bodies.ResolveComplaint,
      roles: managers,
      summary: 'Record the resolution',
    },
    {
      command: 'CloseComplaint',
      path: ':complaintId/closure',
      body: bodies.CloseComplaint,
      roles: managers,
      summary: "Close, on the customer's confirmation or after the stated time without an answer",
    },
    {
      command: 'ReopenComplaint',
      path: ':complaintId/reopening',
      body: bodies.ReopenComplaint,
      roles: managers,
      summary: 'Reopen with a reason',
    },
    {
      command: 'RaiseComplaintImprovement',
      path: ':complaintId/improvements',
      body: bodies.RaiseComplaintImprovement,
      roles: managers,
      summary: 'Raise an improvement opportunity from the complaint; it is opened as its own improvement record',
      newIds: ['improvementId'],
    },
  ],
};
