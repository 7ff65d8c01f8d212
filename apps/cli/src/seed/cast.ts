import { demoId } from './plan.js';

/**
 * The people and organisations of the demo data set. Every one is fictional;
 * e-mail addresses use the reserved `.example` top-level domain.
 */

export interface Person {
  readonly personId: string;
  readonly name: string;
  readonly email: string;
  readonly phone?: string;
}

const person = (key: string, name: string, domain: string, phone?: string): Person => ({
  personId: demoId(`person:${key}`),
  name,
  email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${domain}`,
  ...(phone && { phone }),
});

/** The service provider: Northwind IT Services. */
export const PROVIDER_PARTY_ID = demoId('party:provider');
const NORTHWIND = 'northwind-it.example';

export const staff = {
  priya: person('priya', 'Priya Raman', NORTHWIND, '+44 20 7946 0101'), // service level manager
  tom: person('tom', 'Tom Becker', NORTHWIND, '+44 20 7946 0102'), // relationship manager
  lena: person('lena', 'Lena Kowalski', NORTHWIND, '+44 20 7946 0103'), // relationship manager
  daniel: person('daniel', 'Daniel Osei', NORTHWIND, '+44 20 7946 0104'), // supplier manager
  grace: person('grace', 'Grace Whitfield', NORTHWIND, '+44 20 7946 0105'), // head of service
  hannah: person('hannah', 'Hannah Cole', NORTHWIND), // service reporting analyst
  marco: person('marco', 'Marco Silva', NORTHWIND, '+44 20 7946 0107'), // service desk manager
};

export interface Customer {
  readonly key: string;
  readonly partyId: string;
  readonly name: string;
  readonly description: string;
  readonly since: string;
  /** The customer's contract owner, who negotiates and accepts the SLA. */
  readonly contact: Person;
  /** A second contact: key user, complainant, survey participant. */
  readonly keyUser: Person;
  readonly services: readonly { readonly serviceId: string; readonly name: string }[];
  /** People of the customer who use the services: the survey sample frame. */
  readonly surveyPopulation: number;
  readonly respondents: readonly Person[];
}

const RESPONDENT_NAMES = [
  'Ada Quill',
  'Ben Arlow',
  'Cora Vane',
  'Dev Patel-Moss',
  'Elin Rhys',
  'Farah Nadim',
  'Gus Tremayne',
  'Hollis Grey',
  'Iris Okonjo',
  'Jonah Pell',
  'Kit Marlowe-Sands',
  'Lulu Ferran',
  'Milo Strand',
  'Nell Ashby',
  'Otto Brennan',
  'Pia Lund',
  'Quinn Harrow',
  'Rosa Delacroix',
  'Silas Wren',
  'Tamsin Holt',
  'Uma Castell',
  'Vik Sorensen',
];

function customer(
  key: string,
  name: string,
  description: string,
  since: string,
  domain: string,
  contact: string,
  keyUser: string,
  services: Customer['services'],
  surveyPopulation: number,
  respondentNames: readonly string[],
): Customer {
  return {
    key,
    partyId: demoId(`party:${key}`),
    name,
    description,
    since,
    contact: person(`${key}:contact`, contact, domain),
    keyUser: person(`${key}:key-user`, keyUser, domain),
    services,
    surveyPopulation,
    respondents: respondentNames.map((respondent) => person(`${key}:respondent:${respondent}`, respondent, domain)),
  };
}

export const customers = {
  harbour: customer(
    'harbour-city',
    'Harbour City Council',
    'Local authority; payroll for 4,200 staff and the citizen self-service portal',
    '2019-04-01',
    'harbourcity.example',
    'Olivia Brandt',
    'Samuel Reyes',
    [
      { serviceId: 'payroll', name: 'Payroll' },
      { serviceId: 'citizen-portal', name: 'Citizen portal' },
    ],
    12,
    RESPONDENT_NAMES.slice(0, 6),
  ),
  meridian: customer(
    'meridian-health',
    'Meridian Health Trust',
    'Regional hospital trust; clinical records and e-mail for three hospitals',
    '2021-01-01',
    'meridianhealth.example',
    'Nadia Petrov',
    'Felix Huang',
    [
      { serviceId: 'clinical-records', name: 'Clinical records' },
      { serviceId: 'email', name: 'E-mail and calendars' },
      { serviceId: 'service-desk', name: 'Service desk' },
    ],
    15,
    RESPONDENT_NAMES.slice(6, 13),
  ),
  bluefin: customer(
    'bluefin-logistics',
    'Bluefin Logistics Ltd',
    'Freight forwarder; fleet tracking for 350 vehicles and the service desk',
    '2022-06-01',
    'bluefin.example',
    'Ruth Adeyemi',
    'Karl Jansen',
    [
      { serviceId: 'fleet-tracking', name: 'Fleet tracking' },
      { serviceId: 'service-desk', name: 'Service desk' },
    ],
    8,
    RESPONDENT_NAMES.slice(13, 18),
  ),
  alder: customer(
    'alder-finch',
    'Alder & Finch Solicitors',
    'Law firm; document management and e-mail',
    '2023-09-01',
    'alderfinch.example',
    'James Thornton',
    'Mei Tanaka',
    [
      { serviceId: 'document-management', name: 'Document management' },
      { serviceId: 'email', name: 'E-mail and calendars' },
    ],
    5,
    RESPONDENT_NAMES.slice(18, 22),
  ),
};
export const customerList: readonly Customer[] = Object.values(customers);

export interface Supplier {
  readonly key: string;
  readonly partyId: string;
  readonly name: string;
  readonly description: string;
  readonly kind: 'external' | 'internal';
  readonly since: string;
  readonly contact: Person;
  /** Escalation contact on the supplier's side. */
  readonly director: Person;
}

const supplier = (
  key: string,
  name: string,
  description: string,
  kind: Supplier['kind'],
  since: string,
  contact: Person,
  director: Person,
): Supplier => ({ key, partyId: demoId(`party:${key}`), name, description, kind, since, contact, director });

export const suppliers = {
  stratus: supplier(
    'stratus-hosting',
    'Stratus Cloud Hosting GmbH',
    'Infrastructure hosting in two data centres; runs the platforms of payroll, the portal, fleet tracking and documents',
    'external',
    '2020-03-01',
    person('stratus:contact', 'Mia Lindqvist', 'stratus-cloud.example'),
    person('stratus:director', 'Jens Albrecht', 'stratus-cloud.example'),
  ),
  kestrel: supplier(
    'kestrel-networks',
    'Kestrel Networks plc',
    'Wide-area network links to customer sites, including the Meridian hospitals',
    'external',
    '2021-01-01',
    person('kestrel:contact', 'Victor Mensah', 'kestrel-net.example'),
    person('kestrel:director', 'Ingrid Falk', 'kestrel-net.example'),
  ),
  serviceDesk: supplier(
    'northwind-service-desk',
    'Northwind Service Desk',
    'Internal unit: first- and second-line support, incident logging and triage for every customer',
    'internal',
    '2019-01-01',
    staff.marco,
    staff.grace,
  ),
};
export const supplierList: readonly Supplier[] = Object.values(suppliers);

/** Parties that are neither customers nor suppliers. */
export const otherParties = {
  harbourPayrollTeam: {
    partyId: demoId('party:harbour-city-payroll-team'),
    name: 'Harbour City Council Payroll Team',
    description: 'Users of the payroll service at Harbour City Council',
    role: 'user' as const,
  },
  meridianWardClerks: {
    partyId: demoId('party:meridian-ward-clerks'),
    name: 'Meridian Health Trust Ward Clerks',
    description: 'Users of the clinical records service on the wards',
    role: 'user' as const,
  },
  healthDataAuthority: {
    partyId: demoId('party:regional-health-data-authority'),
    name: 'Regional Health Data Authority',
    description: 'Regulator with an interest in the availability and protection of clinical records',
    role: 'interested-party' as const,
  },
};

export const asParticipant = (who: Person, side: 'provider' | 'party') => ({
  personId: who.personId,
  name: who.name,
  side,
});
export const asResponsible = (who: Person) => ({
  personId: who.personId,
  name: who.name,
  email: who.email,
  ...(who.phone && { phone: who.phone }),
});
export const asAttendee = (who: Person) => ({ personId: who.personId, name: who.name });
