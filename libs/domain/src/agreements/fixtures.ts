import { fold } from '../shared/index.js';
import type { AgreementCommand } from './commands.js';
import { agreementDecider } from './decider.js';
import type { AgreementEvent } from './events.js';
import type { AgreementKind, AgreementTerms, ServiceLevelTarget } from './terms.js';

/** Example agreements used by the specs: a customer SLA and the supplier agreements under it. */

export const ALICE = 'person-alice'; // provider service level manager
export const BOB = 'person-bob'; // provider supplier manager
export const CAROL = 'person-carol'; // customer relationship owner
export const DAVE = 'person-dave'; // supplier account manager

export const availabilityTarget: ServiceLevelTarget = {
  targetId: 'availability',
  name: 'Monthly availability of the payroll service',
  serviceId: 'payroll',
  metric: 'availability',
  comparator: '>=',
  value: 99.5,
  unit: '%',
  measurementPeriod: 'P1M',
  method: 'Minutes the service answered synthetic probes over minutes in the month; approved exceptions excluded',
  excludesApprovedDowntime: true,
};

export const responseTarget: ServiceLevelTarget = {
  targetId: 'p1-response',
  name: 'Response to priority 1 incidents',
  serviceId: 'payroll',
  metric: 'response-time',
  comparator: '<=',
  value: 4,
  unit: 'h',
  measurementPeriod: 'P1M',
  method: 'Slowest time from logging to first response among priority 1 incidents',
};

export function slaTerms(changes: Partial<AgreementTerms> = {}): AgreementTerms {
  return {
    services: ['payroll'],
    targets: [availabilityTarget, responseTarget],
    exceptions: {
      plannedMaintenanceWindows: [
        { windowId: 'sunday-night', description: 'Weekly patching', schedule: 'Sundays 02:00-04:00 UTC' },
      ],
      excludedCauses: [{ causeId: 'customer-network', description: 'Outages of the customer network' }],
    },
    workloadLimits: [{ limitId: 'incidents', name: 'Incidents logged', unit: 'incidents', limit: 500, period: 'P1M' }],
    serviceCredits: [
      {
        targetId: 'availability',
        tiers: [
          { level: 99.5, creditPercent: 5 },
          { level: 99, creditPercent: 10 },
        ],
      },
    ],
    provider: {
      owner: ALICE,
      obligations: ['Run the payroll service'],
      authorities: ['Schedule maintenance'],
      responsibilities: ['Report monthly'],
    },
    counterparty: {
      owner: CAROL,
      obligations: ['Pay monthly'],
      authorities: ['Approve changes to pay runs'],
      responsibilities: ['Name key users'],
    },
    reviewInterval: 'P6M',
    term: { effectiveFrom: '2026-01-01', effectiveTo: '2026-12-31', renewal: 'manual', noticePeriod: 'P3M' },
    escalation: {
      route: [
        { level: 1, contact: 'service desk', within: 'PT4H' },
        { level: 2, contact: 'service owner', within: 'P1D' },
      ],
      disputeResolution: 'Steering committee, then mediation',
    },
    ...changes,
  };
}

/** A complete underpinning contract: the four elements of 8.3.4.1 present. */
export function contractTerms(changes: Partial<AgreementTerms> = {}): AgreementTerms {
  return slaTerms({
    services: ['hosting'],
    targets: [
      { ...availabilityTarget, targetId: 'hosting-availability', name: 'Hosting availability', value: 99.9 },
      { ...responseTarget, targetId: 'hosting-response', name: 'Hosting P1 response', value: 2 },
    ],
    serviceCredits: [],
    counterparty: {
      owner: DAVE,
      obligations: ['Host the payroll servers'],
      authorities: ['Reboot hosts in the window'],
      responsibilities: ['Keep hosts patched'],
    },
    contract: { scope: 'Hosting of the payroll platform', requirements: ['ISO 27001 certified data centre'] },
    ...changes,
  });
}

export const at = (day: string, time = '09:00:00') => `${day}T${time}Z`;

/** The events a sequence of commands produces, each decided on the state the previous ones left. */
export function historyOf(...commands: AgreementCommand[]): AgreementEvent[] {
  return continued([], ...commands);
}

/** A history followed by the events of more commands. */
export function continued(past: readonly AgreementEvent[], ...commands: AgreementCommand[]): AgreementEvent[] {
  const history = [...past];
  for (const command of commands) history.push(...agreementDecider.decide(command, fold(agreementDecider, history)));
  return history;
}

export const drafted = (agreementId = 'sla-payroll', kind: AgreementKind = 'SLA'): AgreementCommand => ({
  type: 'DraftAgreement',
  agreementId,
  kind,
  title: `${kind} ${agreementId}`,
  providerPartyId: 'party-provider',
  counterpartyPartyId: kind === 'SLA' ? 'party-acme' : 'party-hoster',
  counterpartyRole: kind === 'SLA' ? 'customer' : kind === 'OLA' ? 'internal-supplier' : 'external-supplier',
  at: at('2025-12-01'),
  by: ALICE,
});

export const draftedHistory = (agreementId = 'sla-payroll', kind: AgreementKind = 'SLA') =>
  historyOf(drafted(agreementId, kind));

/** Drafted, proposed by the provider, accepted by both sides: agreed as version 1. */
export function agreedHistory(agreementId = 'sla-payroll', kind: 'SLA' | 'OLA' | 'UNDERPINNING_CONTRACT' = 'SLA') {
  const terms = kind === 'SLA' ? slaTerms() : contractTerms();
  const counterpartyPerson = kind === 'SLA' ? CAROL : DAVE;
  return historyOf(
    drafted(agreementId, kind),
    { type: 'ProposeTerms', agreementId, side: 'provider', terms, at: at('2025-12-02'), by: ALICE },
    { type: 'AcceptTerms', agreementId, side: 'provider', version: 1, at: at('2025-12-03'), by: ALICE },
    {
      type: 'AcceptTerms',
      agreementId,
      side: 'counterparty',
      version: 1,
      at: at('2025-12-04'),
      by: counterpartyPerson,
    },
  );
}

/** Agreed and activated on 2026-01-01. */
export function activeHistory(agreementId = 'sla-payroll', kind: 'SLA' | 'OLA' | 'UNDERPINNING_CONTRACT' = 'SLA') {
  return continued(agreedHistory(agreementId, kind), {
    type: 'ActivateAgreement',
    agreementId,
    effectiveOn: '2026-01-01',
    at: at('2025-12-20'),
    by: ALICE,
  });
}
