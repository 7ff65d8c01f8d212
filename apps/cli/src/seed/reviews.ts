import { reviewStreamId } from '@lib/domain/reviews/index.js';
import { improvementRoutes } from '../../../api/src/improvements/improvement.routes.js';
import { reviewRoutes } from '../../../api/src/reviews/review.routes.js';
import { agreements, customerAgreements, type AgreementSpec } from './agreements.js';
import {
  asAttendee,
  customerList,
  customers,
  staff,
  supplierList,
  type Customer,
  type Person,
  type Supplier,
} from './cast.js';
import { demoId, on, step, type Step } from './plan.js';
import { disputeIdOf } from './suppliers.js';

/**
 * Reviews at planned intervals (clauses 8.3.2-8.3.4): quarterly customer
 * relationship reviews, half-yearly agreement and supplier reviews, a yearly
 * contract review; with the actions agreed in them, and the improvements the
 * managers raised and worked through.
 */

type Subject = { kind: 'customer-relationship' | 'agreement' | 'supplier' | 'contract'; id: string };

interface Held {
  readonly heldOn: string;
  readonly by: Person;
  readonly attendees: readonly Person[];
  readonly trends: readonly { indicator: string; trend: 'improving' | 'stable' | 'deteriorating'; note?: string }[];
  readonly workload: string;
  readonly findings: readonly string[];
  readonly decisions: readonly string[];
  readonly actions?: readonly { key: string; description: string; owner: Person; dueOn: string; done?: string }[];
}

export const reviewIdOf = (key: string, index: number) => demoId(`review:${key}:${index}`);

/**
 * A chain of reviews of one subject: the first scheduled in December 2024,
 * each held one, then the next one scheduled one interval on (under the id
 * the held review names, as the service's reaction would). The review after
 * the last one held is left for the service's reaction to schedule.
 */
function chain(key: string, subject: Subject, interval: string, firstDue: string, held: readonly Held[]): Step[] {
  const steps: Step[] = [];
  const story = `reviews:${key}`;
  const months = Number(/^P(\d+)M$/.exec(interval)?.[1] ?? 12 * Number(/^P(\d+)Y$/.exec(interval)?.[1]));
  const dueOn = (index: number) => {
    const [year, month, day] = firstDue.split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(year, month - 1 + months * index, day)).toISOString().slice(0, 10);
  };
  steps.push(
    step(
      reviewRoutes,
      'ScheduleReview',
      { reviewId: reviewIdOf(key, 0) },
      { subject, dueOn: dueOn(0), interval },
      { at: on('2024-12-18', '12:00'), by: held[0]!.by.personId, story },
    ),
  );
  held.forEach((review, index) => {
    const reviewId = reviewIdOf(key, index);
    const nextReviewId = reviewIdOf(key, index + 1);
    const when = (time: string, day = review.heldOn) => ({ at: on(day, time), by: review.by.personId, story });
    steps.push(
      step(
        reviewRoutes,
        'HoldReview',
        { reviewId, nextReviewId },
        {
          heldOn: review.heldOn,
          attendees: review.attendees.map(asAttendee),
          performanceTrends: review.trends,
          workload: review.workload,
          findings: review.findings,
          decisions: review.decisions,
        },
        when('17:00'),
      ),
    );
    for (const action of review.actions ?? []) {
      const actionId = demoId(`review-action:${key}:${index}:${action.key}`);
      steps.push(
        step(
          reviewRoutes,
          'AgreeReviewAction',
          { reviewId, actionId },
          { description: action.description, ownerId: action.owner.personId, dueOn: action.dueOn },
          when('17:10'),
        ),
      );
      if (action.done) {
        steps.push(
          step(
            reviewRoutes,
            'CompleteReviewAction',
            { reviewId, actionId },
            { outcome: `Done: ${action.description.charAt(0).toLowerCase()}${action.description.slice(1)}` },
            { at: on(action.done, '15:00'), by: action.owner.personId, story },
          ),
        );
      }
    }
    if (index + 1 < held.length) {
      steps.push(
        step(
          reviewRoutes,
          'ScheduleReview',
          { reviewId: nextReviewId },
          { subject, dueOn: dueOn(index + 1), interval, previousReviewId: reviewId },
          when('17:20'),
        ),
      );
    }
  });
  return steps;
}

const QUARTER_DAYS = ['2025-03-18', '2025-06-17', '2025-09-16', '2025-12-16'];

const CUSTOMER_NOTES: Readonly<Record<string, readonly string[]>> = {
  'harbour-city': [
    'Payroll availability missed in March (99.12 %); 5 % credit applied; complaint closed',
    'Portal amendment agreed for the council-tax billing run from July',
    'Portal availability missed in August (99.58 % against 99.7 %); payment failures escalated and resolved',
    'Every target met since September; request volume steady below the amended limit',
  ],
  'meridian-health': [
    'Records availability missed in February after the WAN outage; complaint escalated to the Head of Service',
    'Failover routers proved in two drills; relationship passes to Lena Kowalski on 1 July',
    'Priority 1 resolution missed in August (5.5 h against 4 h)',
    'Calendar delay complaint resolved, awaiting the Trust’s confirmation',
  ],
  'bluefin-logistics': [
    'Weekly stability stand-up can end: fleet tracking stable since the platform move',
    'Position delay complaint reopened once and closed after the licence cap was raised',
    'Request to replace the GPS units: outside the service, passed back to Bluefin',
    'Workload above the limit in October; fleet tracking availability missed in November (10 % credit)',
  ],
  'alder-finch': [
    'All targets met; customer asks for earlier notice of maintenance',
    'Priority 1 response missed in June (75 min against 60 min)',
    'Stable quarter',
    'Document search complaint under investigation',
  ],
};

function customerReviews(customer: Customer): Step[] {
  const owner = (day: string) =>
    customer === customers.harbour || (customer === customers.meridian && day < '2025-07-01') ? staff.tom : staff.lena;
  const notes = CUSTOMER_NOTES[customer.key]!;
  const held: Held[] = QUARTER_DAYS.map((heldOn, quarter) => ({
    heldOn,
    by: owner(heldOn),
    attendees: [owner(heldOn), staff.priya, customer.contact],
    trends: [
      {
        indicator: 'availability',
        trend: notes[quarter]!.includes('availability missed') ? 'deteriorating' : 'stable',
        note: notes[quarter],
      },
      { indicator: 'incidents per month', trend: quarter === 3 ? 'improving' : 'stable' },
    ],
    workload: 'Incidents and requests within the agreed workload limits, except where noted',
    findings: [notes[quarter]!],
    decisions: ['Continue the monthly service reviews'],
    actions:
      quarter === 0
        ? [
            {
              key: 'contacts',
              description: 'Update the list of key users and escalation contacts',
              owner: customer.contact,
              dueOn: '2025-04-30',
              done: '2025-04-22',
            },
          ]
        : quarter === 3
          ? [
              {
                key: 'plan-2026',
                description: 'Agree the 2026 service improvement plan',
                owner: owner(heldOn),
                dueOn: '2026-02-27',
              },
            ]
          : [],
  }));
  return chain(
    `customer:${customer.key}`,
    { kind: 'customer-relationship', id: customer.partyId },
    'P3M',
    '2025-03-20',
    held,
  );
}

function slaReviews(spec: AgreementSpec): Step[] {
  const customer = customerList.find((candidate) => candidate.partyId === spec.counterpartyPartyId)!;
  const held = (heldOn: string, finding: string, decisions: string[], actions: Held['actions'] = []): Held => ({
    heldOn,
    by: staff.priya,
    attendees: [staff.priya, staff.grace, customer.contact],
    trends: [{ indicator: 'targets met per month', trend: 'stable' }],
    workload: 'Actual workload against the workload limits of the SLA, month by month',
    findings: [finding],
    decisions,
    actions,
  });
  const first =
    spec === agreements.harbour
      ? held('2025-06-24', 'Payroll breach in March; portal amendment agreed', [
          'Raise an improvement for payroll batch recovery',
        ])
      : held('2025-06-24', 'Targets reviewed against the first half', ['Continue the SLA unchanged']);
  const second = held(
    '2025-12-17',
    'Targets reviewed against the second half',
    ['Prepare the 2026 renewal'],
    [
      {
        key: 'renewal',
        description: 'Draft the 2026 terms with the customer',
        owner: staff.priya,
        dueOn: '2026-03-31',
      },
    ],
  );
  return chain(`agreement:${spec.key}`, { kind: 'agreement', id: spec.agreementId }, 'P6M', '2025-06-25', [
    first,
    second,
  ]);
}

function supplierReviews(supplier: Supplier): Step[] {
  const manager = supplier.kind === 'internal' ? staff.priya : staff.daniel;
  const held = (heldOn: string, finding: string): Held => ({
    heldOn,
    by: manager,
    attendees: [manager, supplier.contact],
    trends: [{ indicator: 'supplier targets met', trend: 'stable' }],
    workload: 'Faults and requests raised with the supplier against forecast',
    findings: [finding],
    decisions: ['Continue with the supplier'],
  });
  return chain(`supplier:${supplier.key}`, { kind: 'supplier', id: supplier.partyId }, 'P6M', '2025-06-26', [
    held('2025-06-26', `${supplier.name}: first-half performance reviewed`),
    held('2025-12-18', `${supplier.name}: second-half performance reviewed`),
  ]);
}

function contractReview(spec: AgreementSpec, finding: string): Step[] {
  const by = spec.kind === 'OLA' ? staff.priya : staff.daniel;
  return chain(`contract:${spec.key}`, { kind: 'contract', id: spec.agreementId }, 'P1Y', '2025-11-21', [
    {
      heldOn: '2025-11-20',
      by,
      attendees: [by, spec.counterpartyPerson],
      trends: [{ indicator: 'contract targets met', trend: 'stable' }],
      workload: 'Volumes within the contract',
      findings: [finding],
      decisions: ['Keep the contract; review the terms for the 2026 renewal'],
    },
  ]);
}

function improvements(): Step[] {
  const steps: Step[] = [];
  const improvement = (key: string) => {
    const improvementId = demoId(`improvement:${key}`);
    return (type: string, body: object, at: string, by: Person, extra = {}) =>
      steps.push(
        step(improvementRoutes, type, { improvementId, ...extra }, body, {
          at,
          by: by.personId,
          story: `improvement:${key}`,
        }),
      );
  };
  const action = (key: string, name: string) => ({ actionId: demoId(`improvement-action:${key}:${name}`) });

  const batch = improvement('payroll-batch-recovery');
  batch(
    'RaiseImprovementOpportunity',
    {
      title: 'Shorten the recovery of the payroll batch',
      description: 'The March payroll outage lasted three hours because the batch was restarted by hand',
      cause: { kind: 'review', streamId: reviewStreamId(reviewIdOf(`agreement:${agreements.harbour.key}`, 0)) },
      agreementId: agreements.harbour.agreementId,
    },
    on('2025-06-24', '17:30'),
    staff.priya,
  );
  batch('AssignImprovementOwner', { ownerId: staff.priya.personId }, on('2025-06-25', '09:00'), staff.priya);
  batch(
    'AddImprovementAction',
    {
      description: 'Restart the payroll batch automatically after a failed patch',
      dueOn: '2025-08-31',
      assigneeId: staff.marco.personId,
    },
    on('2025-06-25', '09:10'),
    staff.priya,
    action('payroll-batch-recovery', 'auto-restart'),
  );
  batch(
    'AddImprovementAction',
    {
      description: 'Rehearse the rollback of payroll patches in staging',
      dueOn: '2025-09-30',
      assigneeId: staff.priya.personId,
    },
    on('2025-06-25', '09:20'),
    staff.priya,
    action('payroll-batch-recovery', 'rollback-rehearsal'),
  );
  batch(
    'CompleteImprovementAction',
    { outcome: 'Automatic restart live since 22 August' },
    on('2025-08-22', '15:00'),
    staff.marco,
    action('payroll-batch-recovery', 'auto-restart'),
  );
  batch(
    'CompleteImprovementAction',
    { outcome: 'Rollback rehearsed in 12 minutes' },
    on('2025-09-26', '15:00'),
    staff.priya,
    action('payroll-batch-recovery', 'rollback-rehearsal'),
  );
  batch(
    'CloseImprovementOpportunity',
    {
      summary: 'Payroll recovers without manual restart; availability met every month since April',
      evidence: [
        { description: 'Runbook RB-PAY-07, version 3', reference: 'dms://northwind/runbooks/RB-PAY-07' },
        { description: 'Payroll availability April to September', reference: '/compliance/service-levels' },
      ],
    },
    on('2025-10-06', '10:00'),
    staff.priya,
  );

  const path = improvement('meridian-second-path');
  path(
    'RaiseImprovementOpportunity',
    {
      title: 'Second network path to the Meridian hospitals',
      description: 'The February WAN outage showed that the hospitals depend on one Kestrel circuit each',
      cause: { kind: 'dispute', streamId: `dispute-${disputeIdOf('kestrel-february-credit')}` },
      agreementId: agreements.kestrel.agreementId,
    },
    on('2025-04-02', '11:00'),
    staff.daniel,
  );
  path('AssignImprovementOwner', { ownerId: staff.daniel.personId }, on('2025-04-02', '11:05'), staff.daniel);
  path(
    'AddImprovementAction',
    { description: 'Keep the 4G failover routers and test them monthly', assigneeId: staff.marco.personId },
    on('2025-04-02', '11:10'),
    staff.daniel,
    action('meridian-second-path', '4g'),
  );
  path(
    'CompleteImprovementAction',
    { outcome: 'Monthly failover test added to the calendar' },
    on('2025-04-10', '15:00'),
    staff.marco,
    action('meridian-second-path', '4g'),
  );
  path(
    'AddImprovementAction',
    {
      description: 'Price dual-path circuits for the 2026 renewal',
      dueOn: '2026-02-28',
      assigneeId: staff.daniel.personId,
    },
    on('2025-11-20', '16:40'),
    staff.daniel,
    action('meridian-second-path', 'dual-path'),
  );

  const report = improvement('automated-sla-report');
  report(
    'RaiseImprovementOpportunity',
    {
      title: 'Automate the monthly service level report',
      description: 'The report takes two days to assemble by hand each month',
    },
    on('2025-02-10', '10:00'),
    staff.priya,
  );
  report('AssignImprovementOwner', { ownerId: staff.hannah.personId }, on('2025-02-10', '10:05'), staff.priya);
  report(
    'AddImprovementAction',
    {
      description: 'Build the report from the compliance read model',
      dueOn: '2025-04-30',
      assigneeId: staff.hannah.personId,
    },
    on('2025-02-10', '10:10'),
    staff.priya,
    action('automated-sla-report', 'build'),
  );
  report(
    'CompleteImprovementAction',
    { outcome: 'Report generated on the first working day' },
    on('2025-04-28', '15:00'),
    staff.hannah,
    action('automated-sla-report', 'build'),
  );
  report(
    'CloseImprovementOpportunity',
    {
      summary: 'The April report and every one since were produced automatically',
      evidence: [
        { description: 'Service level report for April 2025', reference: 'dms://northwind/reports/sla-2025-04.pdf' },
      ],
    },
    on('2025-05-05', '10:00'),
    staff.priya,
  );

  const gps = improvement('bluefin-gps-units');
  gps(
    'RaiseImprovementOpportunity',
    {
      title: 'Replace the GPS units of the Bluefin fleet',
      description: 'Raised in the September customer review: older units drop positions in tunnels',
      cause: { kind: 'review', streamId: reviewStreamId(reviewIdOf(`customer:${customers.bluefin.key}`, 2)) },
      agreementId: agreements.bluefin.agreementId,
    },
    on('2025-09-16', '17:40'),
    staff.lena,
  );
  gps(
    'RejectImprovementOpportunity',
    { reason: 'The GPS units are Bluefin’s own equipment, outside the service; passed to Bluefin’s fleet manager' },
    on('2025-09-30', '10:00'),
    staff.lena,
  );
  return steps;
}

export function reviewSteps(): Step[] {
  return [
    ...customerList.flatMap(customerReviews),
    ...customerAgreements.flatMap(slaReviews),
    ...supplierList.flatMap(supplierReviews),
    ...contractReview(agreements.stratus, 'Restore target added by amendment in October; all hosting targets met'),
    ...contractReview(agreements.kestrel, 'February outage, credit dispute resolved; fault response dispute open'),
    ...contractReview(agreements.serviceDesk, 'Response target missed once, in June'),
    ...improvements(),
  ];
}
