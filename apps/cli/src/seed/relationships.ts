import { complaintRoutes } from '../../../api/src/complaints/complaint.routes.js';
import { partyRoutes } from '../../../api/src/parties/party.routes.js';
import { surveyRoutes } from '../../../api/src/satisfaction/survey.routes.js';
import {
  asParticipant,
  asResponsible,
  customerList,
  customers,
  otherParties,
  staff,
  supplierList,
  suppliers,
  type Customer,
  type Person,
} from './cast.js';
import { MONTHS } from './service-levels.js';
import { demoId, on, randomFrom, step, type Step } from './plan.js';

/** Business relationship management (clause 8.3.2): parties, owners, communication, complaints, surveys. */

const pad = (n: number) => String(n).padStart(2, '0');
const MONTH_NAMES = 'January February March April May June July August September October November December'.split(' ');

/** The customer's relationship owner on a date: Meridian passes from Tom to Lena on 1 July. */
const ownerOf = (customer: Customer, day: string): Person =>
  customer === customers.harbour || (customer === customers.meridian && day < '2025-07-01') ? staff.tom : staff.lena;

const arrangementId = (partyKey: string, name: string) => demoId(`arrangement:${partyKey}:${name}`);

function parties(): Step[] {
  const steps: Step[] = [];
  const party = (partyId: string, type: string, body: object, day: string, time: string, by: Person, extra = {}) =>
    steps.push(
      step(partyRoutes, type, { partyId, ...extra }, body, {
        at: on(day, time),
        by: by.personId,
        story: `party:${partyId}`,
      }),
    );

  customerList.forEach((customer, index) => {
    const day = `2024-09-${pad(2 + index)}`;
    party(
      customer.partyId,
      'RegisterParty',
      { name: customer.name, description: customer.description, roles: ['customer'], rolesFrom: customer.since },
      day,
      '09:00',
      staff.tom,
    );
    party(
      customer.partyId,
      'DesignateResponsiblePerson',
      {
        responsibility: 'customer-relationship',
        responsible: asResponsible(ownerOf(customer, day)),
        from: '2024-10-01',
      },
      day,
      '09:10',
      staff.tom,
    );
    party(
      customer.partyId,
      'DesignateResponsiblePerson',
      { responsibility: 'performance', responsible: asResponsible(staff.priya), from: '2024-10-01' },
      day,
      '09:20',
      staff.tom,
    );
    party(
      customer.partyId,
      'AddCommunicationArrangement',
      {
        purpose: 'Monthly service review: service levels, workload, incidents, changes and complaints',
        channel: 'meeting',
        frequency: 'monthly, in the second week',
        participants: [asParticipant(ownerOf(customer, day), 'provider'), asParticipant(customer.contact, 'party')],
      },
      day,
      '09:30',
      staff.tom,
      { arrangementId: arrangementId(customer.key, 'service-review') },
    );
    party(
      customer.partyId,
      'AddCommunicationArrangement',
      {
        purpose: 'Notification of major incidents and their resolution',
        channel: 'email',
        frequency: 'on each priority 1 incident, then every 2 hours until resolved',
        participants: [asParticipant(staff.marco, 'provider'), asParticipant(customer.keyUser, 'party')],
      },
      day,
      '09:40',
      staff.tom,
      { arrangementId: arrangementId(customer.key, 'major-incidents') },
    );
  });

  // Relationship owner of Meridian changes on 1 July; the monthly review follows.
  party(
    customers.meridian.partyId,
    'DesignateResponsiblePerson',
    { responsibility: 'customer-relationship', responsible: asResponsible(staff.lena), from: '2025-07-01' },
    '2025-06-20',
    '14:00',
    staff.grace,
  );
  party(
    customers.meridian.partyId,
    'ChangeCommunicationArrangement',
    {
      channel: 'meeting',
      frequency: 'monthly, in the second week',
      participants: [asParticipant(staff.lena, 'provider'), asParticipant(customers.meridian.contact, 'party')],
      reason: 'Lena Kowalski is the relationship owner from 1 July',
    },
    '2025-07-01',
    '09:00',
    staff.lena,
    { arrangementId: arrangementId(customers.meridian.key, 'service-review') },
  );
  // A short-lived arrangement with Bluefin, ended once the platform move settled.
  party(
    customers.bluefin.partyId,
    'AddCommunicationArrangement',
    {
      purpose: 'Stand-up on fleet tracking stability after the platform move',
      channel: 'video-call',
      frequency: 'weekly, Mondays',
      participants: [asParticipant(staff.lena, 'provider'), asParticipant(customers.bluefin.keyUser, 'party')],
    },
    '2024-12-02',
    '10:00',
    staff.lena,
    { arrangementId: arrangementId(customers.bluefin.key, 'stability-stand-up') },
  );
  party(
    customers.bluefin.partyId,
    'EndCommunicationArrangement',
    { reason: 'Fleet tracking stable for eight weeks; covered by the monthly review again' },
    '2025-04-04',
    '16:00',
    staff.lena,
    { arrangementId: arrangementId(customers.bluefin.key, 'stability-stand-up') },
  );

  supplierList.forEach((supplier, index) => {
    const day = `2024-08-${pad(26 + index)}`;
    const manager = supplier.kind === 'internal' ? staff.priya : staff.daniel;
    party(
      supplier.partyId,
      'RegisterParty',
      {
        name: supplier.name,
        description: supplier.description,
        roles: [supplier.kind === 'internal' ? 'internal-supplier' : 'external-supplier'],
        rolesFrom: supplier.since,
      },
      day,
      '09:00',
      staff.daniel,
    );
    party(
      supplier.partyId,
      'DesignateResponsiblePerson',
      { responsibility: 'supplier-relationship', responsible: asResponsible(manager), from: '2024-09-01' },
      day,
      '09:10',
      staff.daniel,
    );
    if (supplier.kind === 'external') {
      party(
        supplier.partyId,
        'DesignateResponsiblePerson',
        { responsibility: 'contracts', responsible: asResponsible(staff.daniel), from: '2024-09-01' },
        day,
        '09:20',
        staff.daniel,
      );
    }
    party(
      supplier.partyId,
      'AddCommunicationArrangement',
      {
        purpose: 'Supplier performance review: targets, faults, changes and risks',
        channel: supplier === suppliers.stratus ? 'video-call' : 'phone',
        frequency: supplier === suppliers.stratus ? 'quarterly' : 'monthly',
        participants: [asParticipant(manager, 'provider'), asParticipant(supplier.contact, 'party')],
      },
      day,
      '09:30',
      staff.daniel,
      { arrangementId: arrangementId(supplier.key, 'performance-review') },
    );
  });

  Object.values(otherParties).forEach((other, index) => {
    party(
      other.partyId,
      'RegisterParty',
      { name: other.name, description: other.description, roles: [other.role], rolesFrom: '2024-09-01' },
      `2024-09-${pad(9 + index)}`,
      '11:00',
      staff.tom,
    );
  });
  party(
    otherParties.healthDataAuthority.partyId,
    'AddCommunicationArrangement',
    {
      purpose: 'Annual assurance report on the availability and protection of clinical records',
      channel: 'report',
      frequency: 'yearly, in December',
      participants: [asParticipant(staff.grace, 'provider')],
    },
    '2024-09-11',
    '11:30',
    staff.grace,
    { arrangementId: arrangementId('health-data-authority', 'assurance-report') },
  );

  // The communication log: the monthly reviews held, supplier calls, major incident notices, the annual report.
  for (const month of MONTHS) {
    const heldOn = `2025-${pad(month)}-12`;
    const reviewed = month === 1 ? 'December 2024' : `${MONTH_NAMES[month - 2]} 2025`;
    for (const customer of customerList) {
      const owner = ownerOf(customer, heldOn);
      party(
        customer.partyId,
        'LogCommunication',
        {
          arrangementId: arrangementId(customer.key, 'service-review'),
          heldOn,
          channel: 'meeting',
          participants: [asParticipant(owner, 'provider'), asParticipant(customer.contact, 'party')],
          summary: `Service review of ${reviewed}: service level report, workload, open incidents and changes`,
        },
        heldOn,
        '17:00',
        owner,
        { communicationId: demoId(`communication:${customer.key}:review:${month}`) },
      );
    }
    const kestrelCall = `2025-${pad(month)}-08`;
    party(
      suppliers.kestrel.partyId,
      'LogCommunication',
      {
        arrangementId: arrangementId(suppliers.kestrel.key, 'performance-review'),
        heldOn: kestrelCall,
        channel: 'phone',
        participants: [asParticipant(staff.daniel, 'provider'), asParticipant(suppliers.kestrel.contact, 'party')],
        summary: `Monthly WAN performance call for ${reviewed}`,
      },
      kestrelCall,
      '15:00',
      staff.daniel,
      { communicationId: demoId(`communication:kestrel:${month}`) },
    );
    if (month % 3 === 0) {
      const stratusCall = `2025-${pad(month)}-15`;
      party(
        suppliers.stratus.partyId,
        'LogCommunication',
        {
          arrangementId: arrangementId(suppliers.stratus.key, 'performance-review'),
          heldOn: stratusCall,
          channel: 'video-call',
          participants: [asParticipant(staff.daniel, 'provider'), asParticipant(suppliers.stratus.contact, 'party')],
          summary: `Quarterly hosting review, quarter ${month / 3}`,
        },
        stratusCall,
        '15:00',
        staff.daniel,
        { communicationId: demoId(`communication:stratus:${month}`) },
      );
    }
  }
  const incidents: [Customer, string, string][] = [
    [
      customers.meridian,
      '2025-02-18',
      'Clinical records unavailable at St Anne’s: WAN link down, failover in progress',
    ],
    [customers.harbour, '2025-03-11', 'Payroll unavailable after the patch of 9 March; batch restarted'],
    [customers.alder, '2025-06-16', 'Document management slow to respond; priority 1 incident opened'],
    [customers.harbour, '2025-08-18', 'Citizen portal payments failing; hosting cluster failover'],
    [customers.bluefin, '2025-11-06', 'Fleet tracking down at the Felixstowe depot feed'],
  ];
  incidents.forEach(([customer, heldOn, summary]) =>
    party(
      customer.partyId,
      'LogCommunication',
      {
        arrangementId: arrangementId(customer.key, 'major-incidents'),
        heldOn,
        channel: 'email',
        participants: [asParticipant(staff.marco, 'provider'), asParticipant(customer.keyUser, 'party')],
        summary,
      },
      heldOn,
      '18:00',
      staff.marco,
      { communicationId: demoId(`communication:${customer.key}:incident:${heldOn}`) },
    ),
  );
  party(
    otherParties.healthDataAuthority.partyId,
    'LogCommunication',
    {
      arrangementId: arrangementId('health-data-authority', 'assurance-report'),
      heldOn: '2025-12-05',
      channel: 'report',
      participants: [asParticipant(staff.grace, 'provider')],
      summary: 'Annual assurance report 2025: records availability, the February outage and its treatment',
    },
    '2025-12-05',
    '12:00',
    staff.grace,
    { communicationId: demoId('communication:health-data-authority:2025') },
  );
  return steps;
}

export const complaintIdOf = (key: string) => demoId(`complaint:${key}`);

function complaints(): Step[] {
  const steps: Step[] = [];
  const complaint = (key: string) => {
    const complaintId = complaintIdOf(key);
    const story = `complaint:${key}`;
    return (type: string, body: object, at: string, by: Person, extra = {}) =>
      steps.push(step(complaintRoutes, type, { complaintId, ...extra }, body, { at, by: by.personId, story }));
  };
  const complainant = (who: Person) => ({ personId: who.personId, name: who.name, email: who.email });

  const payroll = complaint('harbour-payroll-payslips');
  payroll(
    'RecordComplaint',
    {
      customerId: customers.harbour.partyId,
      serviceId: 'payroll',
      description: 'Payslips could not be opened for three hours on pay day, 11 March',
      channel: 'phone',
      receivedAt: on('2025-03-12', '09:20'),
      complainant: complainant(customers.harbour.keyUser),
    },
    on('2025-03-12', '09:45'),
    staff.tom,
  );
  payroll('AssignComplaint', { assigneeId: staff.priya.personId }, on('2025-03-12', '10:00'), staff.tom);
  payroll(
    'RecordInvestigation',
    { findings: 'The payroll batch failed after the patch of 9 March and was restarted by hand three hours later' },
    on('2025-03-14', '15:00'),
    staff.priya,
  );
  payroll(
    'RecordComplaintAction',
    { action: 'Monitoring of the payroll batch added; rollback of payroll patches rehearsed' },
    on('2025-03-17', '12:00'),
    staff.priya,
  );
  payroll(
    'ResolveComplaint',
    { resolution: 'Root cause fixed and explained in the March service review; 5 % service credit applied' },
    on('2025-03-20', '16:00'),
    staff.priya,
  );
  payroll(
    'CloseComplaint',
    { basis: 'customer-confirmed', confirmedBy: customers.harbour.keyUser.personId },
    on('2025-03-27', '10:00'),
    staff.tom,
  );

  const records = complaint('meridian-records-outage');
  records(
    'RecordComplaint',
    {
      customerId: customers.meridian.partyId,
      serviceId: 'clinical-records',
      description: 'Clinical records unavailable at St Anne’s for five hours; wards fell back to paper',
      channel: 'email',
      receivedAt: on('2025-02-18', '07:50'),
      complainant: complainant(customers.meridian.contact),
    },
    on('2025-02-18', '08:10'),
    staff.tom,
  );
  records('AssignComplaint', { assigneeId: staff.priya.personId }, on('2025-02-18', '08:15'), staff.tom);
  records(
    'EscalateComplaint',
    {
      route: 'Directly to the Head of Service, outside the service desk queue',
      escalatedTo: staff.grace.personId,
      reason: 'Patient safety: wards working from paper records',
    },
    on('2025-02-18', '11:00'),
    staff.tom,
  );
  records(
    'RecordInvestigation',
    { findings: 'A Kestrel WAN link failed and there was no automatic failover path to the hospital' },
    on('2025-02-20', '14:00'),
    staff.priya,
  );
  records(
    'RecordComplaintAction',
    { action: '4G failover routers ordered for the three hospitals' },
    on('2025-02-24', '09:00'),
    staff.priya,
  );
  records(
    'ResolveComplaint',
    { resolution: 'Failover routers installed and tested at all three hospitals' },
    on('2025-03-10', '17:00'),
    staff.priya,
  );
  records(
    'RaiseComplaintImprovement',
    { description: 'Tell ward managers directly, by text message, when clinical records are unavailable' },
    on('2025-03-11', '09:00'),
    staff.tom,
    { improvementId: demoId('improvement:complaint:meridian-records-outage') },
  );
  records(
    'CloseComplaint',
    { basis: 'customer-confirmed', confirmedBy: customers.meridian.contact.personId },
    on('2025-03-24', '10:00'),
    staff.tom,
  );

  const fleet = complaint('bluefin-fleet-delays');
  fleet(
    'RecordComplaint',
    {
      customerId: customers.bluefin.partyId,
      serviceId: 'fleet-tracking',
      description: 'Vehicle positions on the planning screen are up to 20 minutes old',
      channel: 'portal',
      receivedAt: on('2025-05-06', '07:30'),
      complainant: complainant(customers.bluefin.keyUser),
    },
    on('2025-05-06', '08:00'),
    staff.lena,
  );
  fleet('AssignComplaint', { assigneeId: staff.marco.personId }, on('2025-05-06', '08:05'), staff.lena);
  fleet(
    'RecordInvestigation',
    { findings: 'The position message queue was too small for the spring fleet' },
    on('2025-05-07', '16:00'),
    staff.marco,
  );
  fleet('ResolveComplaint', { resolution: 'Message queue resized' }, on('2025-05-09', '12:00'), staff.marco);
  fleet('CloseComplaint', { basis: 'no-answer', waitedFor: 'P10D' }, on('2025-05-23', '09:00'), staff.lena);
  fleet(
    'ReopenComplaint',
    { reason: 'Delays of 15 minutes returned during the morning peak' },
    on('2025-06-02', '08:30'),
    staff.lena,
  );
  fleet(
    'RecordInvestigation',
    { findings: 'The queue consumer is limited by a licence cap of 50 messages a second' },
    on('2025-06-04', '11:00'),
    staff.marco,
  );
  fleet(
    'RecordComplaintAction',
    { action: 'Licence cap raised to 200 messages a second' },
    on('2025-06-06', '10:00'),
    staff.marco,
  );
  fleet(
    'ResolveComplaint',
    { resolution: 'Positions are under 30 seconds old at peak since 6 June' },
    on('2025-06-10', '12:00'),
    staff.marco,
  );
  fleet(
    'CloseComplaint',
    { basis: 'customer-confirmed', confirmedBy: customers.bluefin.contact.personId },
    on('2025-06-20', '09:00'),
    staff.lena,
  );

  const portal = complaint('harbour-portal-payments');
  portal(
    'RecordComplaint',
    {
      customerId: customers.harbour.partyId,
      serviceId: 'citizen-portal',
      description: 'Council-tax payments failed on the portal for two hours on 18 August',
      channel: 'email',
      receivedAt: on('2025-08-19', '08:40'),
      complainant: complainant(customers.harbour.contact),
    },
    on('2025-08-19', '09:00'),
    staff.tom,
  );
  portal('AssignComplaint', { assigneeId: staff.priya.personId }, on('2025-08-19', '09:05'), staff.tom);
  portal(
    'EscalateComplaint',
    {
      route: 'Head of Service, outside the normal service desk channel',
      escalatedTo: staff.grace.personId,
      reason: 'Revenue at risk during the first billing run',
    },
    on('2025-08-19', '09:30'),
    staff.tom,
  );
  portal(
    'RecordInvestigation',
    { findings: 'A hosting cluster failover took 2 hours instead of 10 minutes: a stale DNS record' },
    on('2025-08-22', '15:00'),
    staff.priya,
  );
  portal(
    'ResolveComplaint',
    { resolution: 'DNS time-to-live lowered and failover re-tested with Stratus' },
    on('2025-08-29', '16:00'),
    staff.priya,
  );
  portal('CloseComplaint', { basis: 'no-answer', waitedFor: 'P10D' }, on('2025-09-12', '09:00'), staff.tom);

  const mail = complaint('meridian-calendar-delays');
  mail(
    'RecordComplaint',
    {
      customerId: customers.meridian.partyId,
      serviceId: 'email',
      description: 'Calendar invitations arrive up to an hour late',
      channel: 'phone',
      receivedAt: on('2025-11-03', '10:15'),
      complainant: complainant(customers.meridian.keyUser),
    },
    on('2025-11-03', '10:30'),
    staff.lena,
  );
  mail('AssignComplaint', { assigneeId: staff.marco.personId }, on('2025-11-03', '10:35'), staff.lena);
  mail(
    'RecordInvestigation',
    { findings: 'The mail transport queue throttled calendar traffic after the November update' },
    on('2025-11-05', '14:00'),
    staff.marco,
  );
  mail(
    'ResolveComplaint',
    { resolution: 'Throttling limits restored; awaiting confirmation from the Trust' },
    on('2025-11-07', '12:00'),
    staff.marco,
  );

  const search = complaint('alder-document-search');
  search(
    'RecordComplaint',
    {
      customerId: customers.alder.partyId,
      serviceId: 'document-management',
      description: 'Document search shows results from a matter workspace the user was removed from',
      channel: 'email',
      receivedAt: on('2025-12-09', '16:05'),
      complainant: complainant(customers.alder.keyUser),
    },
    on('2025-12-09', '16:30'),
    staff.lena,
  );
  search('AssignComplaint', { assigneeId: staff.priya.personId }, on('2025-12-09', '16:35'), staff.lena);
  search(
    'RecordInvestigation',
    { findings: 'The search index applies workspace permission changes only at the nightly rebuild' },
    on('2025-12-11', '11:00'),
    staff.priya,
  );
  return steps;
}

export const surveyIdOf = (half: 1 | 2) => demoId(`survey:2025-h${half}`);

const QUESTIONS = [
  { questionId: 'overall', text: 'Overall, how satisfied are you with the services?' },
  { questionId: 'availability', text: 'Are the services available when you need them?' },
  { questionId: 'resolution', text: 'How satisfied are you with how quickly incidents are resolved?' },
  { questionId: 'communication', text: 'How well does your service contact keep you informed?' },
];

/** Sample sizes per customer stratum, proportional to the number of users. */
const SAMPLE: Readonly<Record<string, number>> = {
  'harbour-city': 4,
  'meridian-health': 5,
  'bluefin-logistics': 3,
  'alder-finch': 2,
};

function survey(half: 1 | 2): Step[] {
  const surveyId = surveyIdOf(half);
  const story = `survey:2025-h${half}`;
  const steps: Step[] = [];
  const cmd = (type: string, body: object, at: string, by: Person = staff.tom, extra = {}) =>
    steps.push(step(surveyRoutes, type, { surveyId, ...extra }, body, { at, by: by.personId, story }));
  const [planned, drawn, closed, analysed, reported] =
    half === 1
      ? ['2025-06-02', '2025-06-09', '2025-06-30', '2025-07-02', '2025-07-04']
      : ['2025-11-24', '2025-12-01', '2025-12-15', '2025-12-17', '2025-12-19'];
  const invitations = customerList.flatMap((customer) =>
    Array.from({ length: SAMPLE[customer.key]! }, (_, index) => {
      // The second survey draws again: partly other people.
      const respondent = customer.respondents[(index + (half === 1 ? 0 : 1)) % customer.respondents.length]!;
      return {
        respondent: { personId: respondent.personId, name: respondent.name, email: respondent.email },
        customerId: customer.partyId,
        serviceId: customer.services[index % customer.services.length]!.serviceId,
        stratum: customer.key,
      };
    }),
  );
  cmd(
    'PlanSurvey',
    {
      title: `Customer satisfaction survey, ${half === 1 ? 'first' : 'second'} half of 2025`,
      period: half === 1 ? { from: '2025-01-01', to: '2025-06-30' } : { from: '2025-07-01', to: '2025-12-31' },
      sampleFrame: {
        customerIds: customerList.map((customer) => customer.partyId),
        serviceIds: [...new Set(customerList.flatMap((customer) => customer.services.map((s) => s.serviceId)))],
        populationSize: customerList.reduce((sum, customer) => sum + customer.surveyPopulation, 0),
      },
      samplingMethod: {
        kind: 'stratified-random',
        strata: customerList.map((customer) => ({
          stratum: customer.key,
          populationSize: customer.surveyPopulation,
          sampleSize: SAMPLE[customer.key]!,
        })),
      },
      questions: QUESTIONS,
      scale: { min: 1, max: 5 },
    },
    on(planned, '10:00'),
  );
  cmd('DrawSurveySample', { invitations }, on(drawn, '10:00'));
  // Two people of the first survey and one of the second did not answer.
  const silent = half === 1 ? [3, 8] : [10];
  const base = half === 1 ? 3.4 : 3.9;
  invitations.forEach((invitation, index) => {
    if (silent.includes(index)) return;
    const random = randomFrom(`${story}:${invitation.respondent.personId}`);
    const scores = QUESTIONS.map(({ questionId }) => ({
      questionId,
      score: Math.max(1, Math.min(5, Math.round(base + (random() - 0.45) * 2))),
    }));
    const comments =
      index % 4 === 0
        ? half === 1
          ? 'Outages are handled well but we hear about planned maintenance too late.'
          : 'Much better notice of maintenance this half.'
        : undefined;
    const day = new Date(Date.parse(`${drawn}T00:00:00Z`) + (1 + (index % 10)) * 86_400_000).toISOString().slice(0, 10);
    cmd(
      'RecordSurveyResponse',
      { respondentId: invitation.respondent.personId, scores, ...(comments && { comments }) },
      on(day, `1${index % 8}:00`),
    );
  });
  cmd('CloseSurvey', {}, on(closed, '17:00'));
  cmd('AnalyseSurvey', half === 1 ? {} : { previousSurveyId: surveyIdOf(1) }, on(analysed, '10:00'));
  cmd(
    'ReportSurveyResults',
    {
      recipients: [staff.grace, staff.priya, staff.tom, staff.lena].map((who) => ({
        personId: who.personId,
        name: who.name,
      })),
      summary:
        half === 1
          ? 'Satisfaction is fair; customers ask for earlier notice of planned maintenance'
          : 'Satisfaction improved on every question; maintenance notice still the main comment at Alder & Finch',
    },
    on(reported, '10:00'),
  );
  if (half === 2) {
    cmd(
      'RaiseSurveyImprovement',
      { description: 'Announce planned maintenance to Alder & Finch a week ahead, through the portal and by e-mail' },
      on(reported, '11:00'),
      staff.tom,
      { improvementId: demoId('improvement:survey:2025-h2') },
    );
  }
  return steps;
}

export function relationshipSteps(): Step[] {
  return [...parties(), ...complaints(), ...survey(1), ...survey(2)];
}
