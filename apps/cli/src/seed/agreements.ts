import type {
  AgreementKind,
  AgreementTerms,
  PartyCommitments,
  ServiceCredit,
  ServiceLevelTarget,
  WorkloadLimit,
} from '@lib/domain/agreements/index.js';
import { agreementRoutes } from '../../../api/src/agreements/agreement.routes.js';
import { PROVIDER_PARTY_ID, customers, staff, suppliers, type Person } from './cast.js';
import { demoId, on, step, type Step } from './plan.js';

/**
 * The agreements of the demo year 2025: an SLA per customer, an OLA with the
 * internal service desk and an underpinning contract with each external
 * supplier; negotiated in the autumn of 2024, in force from 1 January 2025.
 */

const YEAR_START = '2025-01-01';

const availability = (targetId: string, serviceId: string, name: string, value: number): ServiceLevelTarget => ({
  targetId,
  name,
  serviceId,
  metric: 'availability',
  comparator: '>=',
  value,
  unit: '%',
  measurementPeriod: 'P1M',
  method: 'Minutes in which synthetic probes every minute got a correct answer, over the minutes of the month',
  excludesApprovedDowntime: true,
});

const responseTime = (targetId: string, name: string, value: number, unit = 'min'): ServiceLevelTarget => ({
  targetId,
  name,
  metric: 'response-time',
  comparator: '<=',
  value,
  unit,
  measurementPeriod: 'P1M',
  method: 'Slowest time from logging to first response among the incidents of that priority in the month',
});

const resolutionTime = (targetId: string, name: string, value: number, unit = 'h'): ServiceLevelTarget => ({
  targetId,
  name,
  metric: 'resolution-time',
  comparator: '<=',
  value,
  unit,
  measurementPeriod: 'P1M',
  method: 'Slowest time from logging to resolution among the incidents of that priority in the month',
});

const incidents = (limit: number): WorkloadLimit => ({
  limitId: 'incidents',
  name: 'Incidents logged',
  unit: 'incidents',
  limit,
  period: 'P1M',
});
const requests = (limit: number): WorkloadLimit => ({
  limitId: 'service-requests',
  name: 'Service requests logged',
  unit: 'requests',
  limit,
  period: 'P1M',
});

const availabilityCredits = (targetId: string, level: number): ServiceCredit => ({
  targetId,
  tiers: [
    { level, creditPercent: 5 },
    { level: Math.round((level - 0.5) * 100) / 100, creditPercent: 10 },
  ],
});

const commitments = (owner: Person, obligations: string[], authorities: string[], responsibilities: string[]) =>
  ({ owner: owner.personId, obligations, authorities, responsibilities }) satisfies PartyCommitments;

const providerCommitments = (owner: Person) =>
  commitments(
    owner,
    ['Run the covered services to the targets below', 'Report service levels and workload monthly'],
    ['Schedule maintenance inside the agreed windows', 'Approve exception claims'],
    ['Monthly service level report by the 5th working day', 'Notify priority 1 incidents within 15 minutes'],
  );

const customerCommitments = (owner: Person) =>
  commitments(
    owner,
    ['Pay the monthly charge', 'Log incidents through the service desk'],
    ['Approve changes that affect its users', 'Accept or reject amendments'],
    ['Name key users and keep the list current', 'Attend the monthly service review'],
  );

const maintenance = {
  plannedMaintenanceWindows: [
    {
      windowId: 'sunday-patching',
      description: 'Weekly patching and minor changes',
      schedule: 'Sundays 02:00-04:00 UTC',
      maxMinutesPerPeriod: 600,
    },
  ],
  excludedCauses: [
    { causeId: 'customer-network', description: "Outages of the customer's own network or equipment" },
    { causeId: 'force-majeure', description: 'Events beyond reasonable control, as defined in the framework contract' },
  ],
};

const term = {
  effectiveFrom: YEAR_START,
  effectiveTo: '2026-12-31',
  renewal: 'manual' as const,
  renewalPeriod: 'P1Y',
  noticePeriod: 'P3M',
};

const escalation = (first: string, second: string) => ({
  route: [
    { level: 1, contact: first, within: 'PT4H' },
    { level: 2, contact: second, within: 'P2D' },
    { level: 3, contact: 'Steering committee of both organisations', within: 'P10D' },
  ],
  disputeResolution: 'Steering committee, then mediation under the framework contract',
});

export interface AgreementSpec {
  readonly key: string;
  readonly agreementId: string;
  readonly kind: AgreementKind;
  readonly title: string;
  readonly counterpartyPartyId: string;
  readonly counterpartyRole: 'customer' | 'internal-supplier' | 'external-supplier';
  /** Who acts for the provider: negotiates, accepts, closes periods. */
  readonly providerPerson: Person;
  readonly counterpartyPerson: Person;
  /** Terms in force from 1 January 2025. */
  readonly terms: AgreementTerms;
  /** An amendment during the year: terms in force from `effectiveOn`. */
  readonly amendment?: { readonly terms: AgreementTerms; readonly effectiveOn: string };
}

const sla = (
  key: keyof typeof customers,
  title: string,
  targets: ServiceLevelTarget[],
  workloadLimits: WorkloadLimit[],
): AgreementSpec => {
  const customer = customers[key];
  const owner = staff.priya;
  return {
    key: `sla-${customer.key}`,
    agreementId: demoId(`agreement:sla-${customer.key}`),
    kind: 'SLA',
    title,
    counterpartyPartyId: customer.partyId,
    counterpartyRole: 'customer',
    providerPerson: owner,
    counterpartyPerson: customer.contact,
    terms: {
      services: customer.services.map((service) => service.serviceId),
      targets,
      exceptions: maintenance,
      workloadLimits,
      serviceCredits: targets
        .filter((target) => target.metric === 'availability')
        .map((target) => availabilityCredits(target.targetId, target.value)),
      provider: providerCommitments(owner),
      counterparty: customerCommitments(customer.contact),
      reviewInterval: 'P6M',
      term,
      escalation: escalation('Northwind service desk duty manager', 'Head of Service, Northwind IT Services'),
    },
  };
};

const p1 = (resolutionHours: number, responseMinutes: number) => [
  responseTime('p1-response', 'Response to priority 1 incidents', responseMinutes),
  resolutionTime('p1-resolution', 'Resolution of priority 1 incidents', resolutionHours),
];

const harbourTerms = sla(
  'harbour',
  'Harbour City Council: payroll and citizen portal SLA',
  [
    availability('payroll-availability', 'payroll', 'Monthly availability of payroll', 99.5),
    availability('portal-availability', 'citizen-portal', 'Monthly availability of the citizen portal', 99.5),
    ...p1(4, 30),
  ],
  [incidents(300), requests(600)],
);

/** From July the portal takes council-tax payments: a higher target and more requests. */
const harbourAmended: AgreementTerms = {
  ...harbourTerms.terms,
  targets: harbourTerms.terms.targets.map((target) =>
    target.targetId === 'portal-availability' ? { ...target, value: 99.7 } : target,
  ),
  serviceCredits: harbourTerms.terms.serviceCredits.map((credit) =>
    credit.targetId === 'portal-availability' ? availabilityCredits('portal-availability', 99.7) : credit,
  ),
  workloadLimits: [incidents(300), requests(750)],
};

export const harbourSla: AgreementSpec = {
  ...harbourTerms,
  amendment: { terms: harbourAmended, effectiveOn: '2025-07-01' },
};

export const meridianSla = sla(
  'meridian',
  'Meridian Health Trust: clinical records, e-mail and service desk SLA',
  [
    availability('records-availability', 'clinical-records', 'Monthly availability of clinical records', 99.8),
    availability('email-availability', 'email', 'Monthly availability of e-mail', 99.5),
    ...p1(4, 15),
  ],
  [incidents(450)],
);

export const bluefinSla = sla(
  'bluefin',
  'Bluefin Logistics: fleet tracking and service desk SLA',
  [
    availability('fleet-availability', 'fleet-tracking', 'Monthly availability of fleet tracking', 99.5),
    responseTime('p1-response', 'Response to priority 1 incidents', 30),
    resolutionTime('p2-resolution', 'Resolution of priority 2 incidents', 8),
  ],
  [incidents(200)],
);

export const alderSla = sla(
  'alder',
  'Alder & Finch: document management and e-mail SLA',
  [
    availability('documents-availability', 'document-management', 'Monthly availability of document management', 99.5),
    availability('email-availability', 'email', 'Monthly availability of e-mail', 99.5),
    ...p1(8, 60),
  ],
  [incidents(120)],
);

const serviceDeskOla: AgreementSpec = {
  key: 'ola-service-desk',
  agreementId: demoId('agreement:ola-service-desk'),
  kind: 'OLA',
  title: 'Operational level agreement with the Northwind Service Desk',
  counterpartyPartyId: suppliers.serviceDesk.partyId,
  counterpartyRole: 'internal-supplier',
  providerPerson: staff.priya,
  counterpartyPerson: staff.marco,
  terms: {
    services: ['service-desk'],
    targets: [
      responseTime('sd-p1-response', 'Service desk response to priority 1 incidents', 10),
      resolutionTime('sd-p1-resolution', 'Service desk resolution of priority 1 incidents', 3),
    ],
    exceptions: { plannedMaintenanceWindows: [], excludedCauses: [] },
    workloadLimits: [incidents(1100)],
    serviceCredits: [],
    provider: commitments(
      staff.priya,
      ['Forward customer incidents with full details', 'Share the monthly workload forecast'],
      ['Set incident priorities with the customer'],
      ['Run the monthly OLA review'],
    ),
    counterparty: commitments(
      staff.marco,
      ['Staff the desk 24x7 for priority 1', 'Log every contact in the ITSM tool'],
      ['Call out second-line engineers', 'Invoke the major incident procedure'],
      ['Triage within the targets', 'Report response and resolution times monthly'],
    ),
    contract: {
      scope: 'First- and second-line support of every customer service, 24x7 for priority 1 incidents',
      requirements: ['ITSM tool records for every contact', 'Major incident procedure MI-02 followed'],
    },
    reviewInterval: 'P1Y',
    term,
    escalation: escalation('Service desk manager', 'Head of Service'),
  },
};

const contractTerms = (
  supplier: (typeof suppliers)['stratus'],
  services: string[],
  targets: ServiceLevelTarget[],
  scope: string,
  requirements: string[],
  obligations: string[],
): AgreementTerms => ({
  services,
  targets,
  exceptions: {
    plannedMaintenanceWindows: [
      { windowId: 'supplier-maintenance', description: 'Supplier maintenance', schedule: 'Saturdays 22:00-02:00 UTC' },
    ],
    excludedCauses: [{ causeId: 'provider-change', description: 'Outages caused by changes made by Northwind' }],
  },
  workloadLimits: [],
  serviceCredits: targets
    .filter((target) => target.metric === 'availability')
    .map((target) => ({
      targetId: target.targetId,
      tiers: [
        { level: target.value, creditPercent: 5 },
        { level: Math.round((target.value - 0.5) * 100) / 100, creditPercent: 10 },
      ],
    })),
  provider: commitments(
    staff.daniel,
    ['Pay invoices within 30 days', 'Give 10 days notice of changes affecting the supplier'],
    ['Accept or reject changes to the contract', 'Claim service credits'],
    ['Log faults through the agreed interface', 'Hold the contract review yearly'],
  ),
  counterparty: commitments(
    supplier.contact,
    obligations,
    ['Schedule maintenance in the agreed window', 'Call out its own field engineers'],
    ['Report availability and faults monthly', 'Keep its certifications current'],
  ),
  contract: { scope, requirements },
  reviewInterval: 'P1Y',
  term,
  escalation: escalation(`${supplier.name} account manager`, `${supplier.name} service director`),
});

const stratusTerms = (hostingAvailability: number) =>
  contractTerms(
    suppliers.stratus,
    ['hosting'],
    [
      availability('hosting-availability', 'hosting', 'Availability of the hosting platform', hostingAvailability),
      responseTime('hosting-p1-response', 'Response to priority 1 hosting faults', 15),
    ],
    'Hosting of the payroll, citizen portal, fleet tracking and document management platforms in two data centres',
    ['ISO/IEC 27001 certified data centres in the UK', 'Daily backups kept for 35 days', 'Named account manager'],
    ['Run the hosting platform to the targets', 'Restore backups on request'],
  );

const stratusUc: AgreementSpec = {
  key: 'uc-stratus',
  agreementId: demoId('agreement:uc-stratus'),
  kind: 'UNDERPINNING_CONTRACT',
  title: 'Hosting contract with Stratus Cloud Hosting',
  counterpartyPartyId: suppliers.stratus.partyId,
  counterpartyRole: 'external-supplier',
  providerPerson: staff.daniel,
  counterpartyPerson: suppliers.stratus.contact,
  terms: stratusTerms(99.95),
  amendment: {
    effectiveOn: '2025-10-01',
    terms: {
      ...stratusTerms(99.95),
      targets: [...stratusTerms(99.95).targets, resolutionTime('backup-restore', 'Restore of a backup on request', 4)],
    },
  },
};

const kestrelTerms = (wanAvailability: number) =>
  contractTerms(
    suppliers.kestrel,
    ['wan'],
    [
      availability('wan-availability', 'wan', 'Availability of the WAN links to customer sites', wanAvailability),
      responseTime('wan-fault-response', 'Response to WAN faults', 1, 'h'),
    ],
    'Wide-area network links between the Northwind data centres and the customer sites, including the three Meridian hospitals',
    ['Diverse routing into each data centre', 'Fault desk reachable 24x7', 'Monthly availability report per link'],
    ['Provide and maintain the WAN links', 'Repair faults within the targets'],
  );

const kestrelUc: AgreementSpec = {
  key: 'uc-kestrel',
  agreementId: demoId('agreement:uc-kestrel'),
  kind: 'UNDERPINNING_CONTRACT',
  title: 'WAN contract with Kestrel Networks',
  counterpartyPartyId: suppliers.kestrel.partyId,
  counterpartyRole: 'external-supplier',
  providerPerson: staff.daniel,
  counterpartyPerson: suppliers.kestrel.contact,
  terms: kestrelTerms(99.5),
};

export const customerAgreements: readonly AgreementSpec[] = [harbourSla, meridianSla, bluefinSla, alderSla];
export const supplierAgreements: readonly AgreementSpec[] = [serviceDeskOla, stratusUc, kestrelUc];
export const allAgreements: readonly AgreementSpec[] = [...customerAgreements, ...supplierAgreements];
export const agreements = {
  harbour: harbourSla,
  meridian: meridianSla,
  bluefin: bluefinSla,
  alder: alderSla,
  serviceDesk: serviceDeskOla,
  stratus: stratusUc,
  kestrel: kestrelUc,
};

/** A first offer differs from the agreed terms in the places the other side then negotiates. */
const withTarget = (terms: AgreementTerms, targetId: string, value: number): AgreementTerms => ({
  ...terms,
  targets: terms.targets.map((target) => (target.targetId === targetId ? { ...target, value } : target)),
  serviceCredits: terms.serviceCredits.map((credit) =>
    credit.targetId === targetId
      ? {
          ...credit,
          tiers: credit.tiers.map((tier, index) => ({ ...tier, level: index === 0 ? value : tier.level })),
        }
      : credit,
  ),
});

/** Drafting, negotiation (proposals, counter-proposals, a withdrawal, acceptances) and activation. */
function negotiation(spec: AgreementSpec): Step[] {
  const ids = { agreementId: spec.agreementId };
  const story = `agreement:${spec.key}`;
  const provider = spec.providerPerson;
  const other = spec.counterpartyPerson;
  const as = (by: Person, day: string, time = '10:00') => ({ at: on(day, time), by: by.personId, story });
  const cmd = (type: string, body: object, by: Person, day: string, time?: string) =>
    step(agreementRoutes, type, ids, body, as(by, day, time));
  const accept = (side: 'provider' | 'counterparty', version: number, by: Person, day: string, reason?: string) =>
    cmd('AcceptTerms', { side, version, ...(reason && { reason }) }, by, day, side === 'provider' ? '11:00' : '15:00');

  const steps = [
    cmd(
      'DraftAgreement',
      {
        kind: spec.kind,
        title: spec.title,
        providerPartyId: PROVIDER_PARTY_ID,
        counterpartyPartyId: spec.counterpartyPartyId,
        counterpartyRole: spec.counterpartyRole,
      },
      provider,
      '2024-10-07',
    ),
  ];
  const { terms } = spec;
  switch (spec.key) {
    case 'sla-harbour-city':
      steps.push(
        cmd(
          'ProposeTerms',
          { side: 'provider', terms: withTarget(terms, 'p1-resolution', 6), reason: 'Renewal of the 2024 SLA' },
          provider,
          '2024-10-14',
        ),
        cmd(
          'CounterProposeTerms',
          {
            side: 'counterparty',
            inResponseTo: 1,
            terms,
            reason: 'Priority 1 payroll incidents must be resolved within 4 hours during pay runs',
          },
          other,
          '2024-10-28',
        ),
        accept('provider', 2, provider, '2024-11-04', 'Second-line cover extended for pay-run weeks'),
        accept('counterparty', 2, other, '2024-11-11'),
      );
      break;
    case 'sla-meridian-health':
      steps.push(
        cmd(
          'ProposeTerms',
          { side: 'provider', terms: withTarget(terms, 'records-availability', 99.5) },
          provider,
          '2024-10-14',
        ),
        cmd(
          'CounterProposeTerms',
          {
            side: 'counterparty',
            inResponseTo: 1,
            terms: withTarget(terms, 'records-availability', 99.9),
            reason: 'Clinical records are needed on the wards around the clock',
          },
          other,
          '2024-10-25',
        ),
        cmd(
          'CounterProposeTerms',
          {
            side: 'provider',
            inResponseTo: 2,
            terms,
            reason: '99.9 % needs a second WAN path to every hospital; 99.8 % is achievable with the current links',
          },
          provider,
          '2024-11-06',
        ),
        accept('provider', 3, provider, '2024-11-07'),
        accept('counterparty', 3, other, '2024-11-20', 'Accepted by the Trust board on 19 November'),
      );
      break;
    case 'sla-alder-finch':
      steps.push(
        cmd(
          'ProposeTerms',
          { side: 'provider', terms: { ...terms, services: ['document-management'] } },
          provider,
          '2024-10-15',
        ),
        cmd(
          'WithdrawProposal',
          { side: 'provider', version: 1, reason: 'E-mail was left out of the covered services by mistake' },
          provider,
          '2024-10-16',
        ),
        cmd('ProposeTerms', { side: 'provider', terms }, provider, '2024-10-16', '14:00'),
        accept('provider', 2, provider, '2024-10-21'),
        accept('counterparty', 2, other, '2024-10-30'),
      );
      break;
    case 'uc-stratus':
      steps.push(
        cmd(
          'ProposeTerms',
          { side: 'counterparty', terms: stratusTerms(99.9), reason: 'Standard hosting terms 2025' },
          other,
          '2024-10-09',
        ),
        cmd(
          'CounterProposeTerms',
          {
            side: 'provider',
            inResponseTo: 1,
            terms,
            reason: 'Hosting must be at least as available as the customer targets it underpins (99.5-99.7 %)',
          },
          provider,
          '2024-10-17',
        ),
        accept('counterparty', 2, other, '2024-10-24', 'Accepted with the premium support tier'),
        accept('provider', 2, provider, '2024-10-25'),
      );
      break;
    case 'uc-kestrel':
      steps.push(
        cmd(
          'ProposeTerms',
          { side: 'provider', terms: kestrelTerms(99.9), reason: 'Links to the hospitals carry clinical records' },
          provider,
          '2024-10-10',
        ),
        cmd(
          'CounterProposeTerms',
          {
            side: 'counterparty',
            inResponseTo: 1,
            terms,
            reason: '99.9 % needs dual-path circuits, which are not in the 2025 price',
          },
          other,
          '2024-10-22',
        ),
        accept(
          'provider',
          2,
          provider,
          '2024-10-29',
          'Accepted with the alignment gap recorded as a risk; dual paths to be priced for 2026',
        ),
        accept('counterparty', 2, other, '2024-10-30'),
      );
      break;
    default:
      steps.push(
        cmd('ProposeTerms', { side: 'provider', terms }, provider, '2024-10-14'),
        accept('provider', 1, provider, '2024-10-21'),
        accept('counterparty', 1, other, '2024-10-28'),
      );
  }
  steps.push(cmd('ActivateAgreement', { effectiveOn: YEAR_START }, provider, '2024-12-16'));
  return steps;
}

/** Supplier targets linked to the customer targets they underpin, each with its alignment assessment. */
function underpinning(): Step[] {
  const links: [AgreementSpec, string, AgreementSpec, string, string?][] = [
    [stratusUc, 'hosting-availability', harbourSla, 'payroll-availability'],
    [stratusUc, 'hosting-availability', harbourSla, 'portal-availability'],
    [stratusUc, 'hosting-availability', bluefinSla, 'fleet-availability'],
    [stratusUc, 'hosting-availability', alderSla, 'documents-availability'],
    [kestrelUc, 'wan-availability', meridianSla, 'email-availability'],
    [
      kestrelUc,
      'wan-availability',
      meridianSla,
      'records-availability',
      'Misaligned: 4G failover routers at the three hospitals from March; dual-path circuits priced for the 2026 renewal; supplier risk register entry owned by the supplier manager',
    ],
    [serviceDeskOla, 'sd-p1-response', harbourSla, 'p1-response'],
    [serviceDeskOla, 'sd-p1-response', meridianSla, 'p1-response'],
    [serviceDeskOla, 'sd-p1-response', bluefinSla, 'p1-response'],
    [serviceDeskOla, 'sd-p1-response', alderSla, 'p1-response'],
    [serviceDeskOla, 'sd-p1-resolution', harbourSla, 'p1-resolution'],
    [serviceDeskOla, 'sd-p1-resolution', meridianSla, 'p1-resolution'],
    [serviceDeskOla, 'sd-p1-resolution', alderSla, 'p1-resolution'],
  ];
  return links.map(([supplier, supplierTargetId, customer, customerTargetId, riskTreatment], index) =>
    step(
      agreementRoutes,
      'LinkSupplierTarget',
      { agreementId: supplier.agreementId },
      {
        supplierTargetId,
        customerAgreementId: customer.agreementId,
        customerTargetId,
        ...(riskTreatment && { riskTreatment }),
      },
      {
        at: on('2025-01-06', `10:${String(index).padStart(2, '0')}`),
        by: staff.daniel.personId,
        story: 'underpinning',
      },
    ),
  );
}

/** The amendments of the year: proposed, assessed for impact, accepted by both sides. */
function amendments(): Step[] {
  const harbour = harbourSla.amendment!;
  const stratus = stratusUc.amendment!;
  const cmd = (spec: AgreementSpec, type: string, body: object, by: Person, day: string, ids: object = {}) =>
    step(agreementRoutes, type, { agreementId: spec.agreementId, ...ids }, body, {
      at: on(day, '10:00'),
      by: by.personId,
      story: `amendment:${spec.key}`,
    });
  const harbourVersion = { amendmentVersion: '3' };
  const stratusVersion = { amendmentVersion: '3' };
  return [
    cmd(
      harbourSla,
      'ProposeAmendment',
      {
        side: 'counterparty',
        terms: harbour.terms,
        rationale:
          'From July the citizen portal takes council-tax payments: portal availability 99.7 % and 750 service requests a month',
        effectiveOn: harbour.effectiveOn,
      },
      customers.harbour.contact,
      '2025-05-20',
    ),
    cmd(
      harbourSla,
      'AssessAmendmentImpact',
      {
        impact: 'medium',
        summary:
          'Needs the portal moved to the active-active hosting cluster (change CHG-1207) and two more service desk agents during the billing run',
        risks: [
          'Hosting availability must stay above 99.7 %: Stratus hosting target is 99.95 %, aligned',
          'Request volume in the first billing month may exceed 750',
        ],
      },
      staff.priya,
      '2025-05-28',
      harbourVersion,
    ),
    cmd(harbourSla, 'AcceptAmendment', { side: 'provider' }, staff.priya, '2025-06-05', harbourVersion),
    cmd(
      harbourSla,
      'AcceptAmendment',
      { side: 'counterparty', reason: 'Approved by the council digital board' },
      customers.harbour.contact,
      '2025-06-09',
      harbourVersion,
    ),
    step(
      agreementRoutes,
      'AssessTargetAlignment',
      { agreementId: stratusUc.agreementId },
      {
        supplierTargetId: 'hosting-availability',
        customerAgreementId: harbourSla.agreementId,
        customerTargetId: 'portal-availability',
      },
      { at: on('2025-07-02', '09:30'), by: staff.daniel.personId, story: 'amendment:sla-harbour-city' },
    ),
    cmd(
      stratusUc,
      'ProposeAmendment',
      {
        side: 'provider',
        terms: stratus.terms,
        rationale: 'Add a 4-hour target for restoring backups, after the slow restore in the July document incident',
        effectiveOn: stratus.effectiveOn,
      },
      staff.daniel,
      '2025-09-01',
    ),
    cmd(
      stratusUc,
      'AssessAmendmentImpact',
      {
        impact: 'low',
        summary: 'No change to price or hosting targets; restores become measurable and reportable',
        risks: ['Restores of more than 2 TB may need longer; the supplier will announce them'],
      },
      staff.daniel,
      '2025-09-03',
      stratusVersion,
    ),
    cmd(stratusUc, 'AcceptAmendment', { side: 'provider' }, staff.daniel, '2025-09-08', stratusVersion),
    cmd(
      stratusUc,
      'AcceptAmendment',
      { side: 'counterparty' },
      suppliers.stratus.contact,
      '2025-09-12',
      stratusVersion,
    ),
  ];
}

/** Reviews of the agreements at their review interval, recorded on the agreement itself. */
function agreementReviews(): Step[] {
  const review = (spec: AgreementSpec, reviewedOn: string, outcome: string, findings: string) =>
    step(
      agreementRoutes,
      'ReviewAgreement',
      { agreementId: spec.agreementId },
      { reviewedOn, outcome, findings },
      { at: on(reviewedOn, '16:00'), by: spec.providerPerson.personId, story: `agreement-review:${spec.key}` },
    );
  return [
    review(
      harbourSla,
      '2025-06-24',
      'continue',
      'Payroll breach in March explained and fixed; portal amendment agreed',
    ),
    review(harbourSla, '2025-12-17', 'continue', 'Portal breach in August after the amendment; no repeat since'),
    review(meridianSla, '2025-06-24', 'continue', 'Records availability missed in February (WAN outage)'),
    review(meridianSla, '2025-12-17', 'amend', 'Resolution breach in August; 2026 terms to add dual WAN paths'),
    review(bluefinSla, '2025-06-25', 'continue', 'All targets met in the first half'),
    review(bluefinSla, '2025-12-18', 'renew', 'Workload above the limit in October; limit to be raised at renewal'),
    review(alderSla, '2025-06-25', 'continue', 'Priority 1 response missed in June'),
    review(alderSla, '2025-12-18', 'continue', 'Stable second half'),
    review(serviceDeskOla, '2025-11-20', 'continue', 'Response target missed in June only'),
    review(stratusUc, '2025-11-20', 'continue', 'Restore target added in October; all hosting targets met'),
    review(kestrelUc, '2025-11-20', 'amend', 'February outage and dispute; dual paths to be priced for 2026'),
  ];
}

export function agreementSteps(): Step[] {
  return [...allAgreements.flatMap(negotiation), ...underpinning(), ...amendments(), ...agreementReviews()];
}
