import { randomUUID } from 'node:crypto';
import {
  agreementClausesOf,
  type AgreementEvent,
  type AgreementKind,
  type AgreementTerms,
  type IsoClause,
} from '../../../libs/domain/src/index.js';
import type { NewEvent } from '../../../libs/event-store/src/index.js';
import {
  day,
  instant,
  NEXT_REVIEW_REACTION,
  recorded,
  round,
  World,
  type Command,
  type SyntheticAppend,
} from './world.js';

export interface AgreementSpec {
  readonly agreementId: string;
  readonly kind: AgreementKind;
  readonly terms: AgreementTerms;
  readonly owner: string;
  readonly append: SyntheticAppend;
}

export function termsOf(
  world: World,
  kind: AgreementKind,
  service: string,
  year: number,
  owner: string,
): AgreementTerms {
  const strict = kind === 'SLA' ? 0 : 0.2;
  return {
    services: [service],
    targets: [
      {
        targetId: `${service}-availability`,
        name: `Monthly availability of ${service}`,
        serviceId: service,
        metric: 'availability',
        comparator: '>=',
        value: round(99 + strict + Math.floor(world.random() * 8) / 10, 1),
        unit: '%',
        measurementPeriod: 'P1M',
        method: 'Minutes the service answered synthetic probes over minutes in the month',
        excludesApprovedDowntime: true,
      },
      {
        targetId: `${service}-p1-response`,
        name: 'Response to priority 1 incidents',
        serviceId: service,
        metric: 'response-time',
        comparator: '<=',
        value: kind === 'SLA' ? 4 : 2,
        unit: 'h',
        measurementPeriod: 'P1M',
        method: 'Slowest time from logging to first response among priority 1 incidents',
      },
    ],
    exceptions: {
      plannedMaintenanceWindows: [
        { windowId: 'sunday-night', description: 'Patching', schedule: 'Sundays 02:00-04:00 UTC' },
      ],
      excludedCauses: [{ causeId: 'customer-network', description: 'Outages of the customer network' }],
    },
    workloadLimits: [{ limitId: 'incidents', name: 'Incidents logged', unit: 'incidents', limit: 400, period: 'P1M' }],
    serviceCredits:
      kind === 'SLA'
        ? [
            {
              targetId: `${service}-availability`,
              tiers: [
                { level: 99.5, creditPercent: 5 },
                { level: 99, creditPercent: 10 },
              ],
            },
          ]
        : [],
    provider: {
      owner,
      obligations: [`Run ${service}`],
      authorities: ['Schedule maintenance'],
      responsibilities: ['Report monthly'],
    },
    counterparty: {
      owner: world.person(),
      obligations: kind === 'SLA' ? ['Pay monthly'] : [`Support ${service}`],
      authorities: ['Approve changes'],
      responsibilities: ['Name key contacts'],
    },
    ...(kind === 'SLA' ? {} : { contract: { scope: `Support of ${service}`, requirements: ['ISO 27001 certified'] } }),
    reviewInterval: 'P6M',
    term: { effectiveFrom: day(year, 1, 1), effectiveTo: day(year, 12, 31), renewal: 'manual', noticePeriod: 'P3M' },
    escalation: {
      route: [
        { level: 1, contact: 'service desk', within: 'PT4H' },
        { level: 2, contact: 'service owner', within: 'P1D' },
      ],
      disputeResolution: 'Steering committee, then mediation',
    },
  };
}

export function agreement(
  world: World,
  kind: AgreementKind,
  counterparty: string,
  service: string,
  year: number,
  underpins?: AgreementSpec,
): AgreementSpec {
  const agreementId = randomUUID();
  const owner = world.person();
  const terms = termsOf(world, kind, service, year, owner);
  const flow = randomUUID();
  const events: NewEvent[] = [];
  const step = (
    type: AgreementEvent['type'],
    data: Record<string, unknown>,
    month: number,
    dayOfMonth: number,
    by = owner,
  ) => {
    const event = {
      type,
      data: { agreementId, ...data, at: instant(year - 1, month, dayOfMonth), by },
    } as AgreementEvent;
    events.push(recorded(world.command(by, flow), type, event.data, agreementClausesOf(event, kind)));
  };
  const role = kind === 'SLA' ? 'customer' : kind === 'OLA' ? 'internal-supplier' : 'external-supplier';
  step(
    'AgreementDrafted',
    {
      kind,
      title: `${kind} ${service} ${year}`,
      providerPartyId: world.provider,
      counterpartyPartyId: counterparty,
      counterpartyRole: role,
    },
    11,
    10,
  );
  step('TermsProposed', { version: 1, side: 'provider', terms }, 11, 12);
  let version = 1;
  if (world.random() < 0.5) {
    version = 2;
    step(
      'TermsCounterProposed',
      { version, inResponseTo: 1, side: 'counterparty', terms, reason: 'Reporting every month' },
      11,
      20,
      terms.counterparty.owner,
    );
  }
  step('TermsAccepted', { version, side: 'provider' }, 11, 25);
  step('TermsAccepted', { version, side: 'counterparty' }, 11, 26, terms.counterparty.owner);
  step('AgreementAgreed', { version, terms }, 11, 26, terms.counterparty.owner);
  step('AgreementActivated', { version, effectiveOn: day(year, 1, 1), nextReviewDue: day(year, 7, 1) }, 12, 15);
  if (underpins) {
    const [supplierTarget, customerTarget] = [terms.targets[0]!, underpins.terms.targets[0]!];
    const level = ({ metric, comparator, value, unit }: typeof supplierTarget) => ({ metric, comparator, value, unit });
    step(
      'SupplierTargetLinked',
      {
        supplierTargetId: supplierTarget.targetId,
        customerAgreementId: underpins.agreementId,
        customerTargetId: customerTarget.targetId,
      },
      12,
      16,
    );
    step(
      'TargetAlignmentAssessed',
      {
        supplierVersion: version,
        supplierTargetId: supplierTarget.targetId,
        supplierTarget: level(supplierTarget),
        customerAgreementId: underpins.agreementId,
        customerTargetId: customerTarget.targetId,
        customerTarget: level(customerTarget),
        outcome: supplierTarget.value >= customerTarget.value ? 'aligned' : 'misaligned',
        explanation: 'Supplier availability compared with the customer target',
      },
      12,
      16,
    );
  }
  return { agreementId, kind, terms, owner, append: { streamId: `agreement-${agreementId}`, events } };
}

/** A judged shortfall: where improvements and disputes come from. */

export function review(world: World, spec: AgreementSpec, year: number): SyntheticAppend {
  const reviewId = randomUUID();
  const subject = { kind: spec.kind === 'SLA' ? 'agreement' : 'contract', id: spec.agreementId };
  const clauses: IsoClause[] = spec.kind === 'SLA' ? ['8.3.3'] : ['8.3.4.1'];
  const c = world.command(spec.owner);
  const step = (
    actor: Command & { by: string },
    type: string,
    data: Record<string, unknown>,
    month: number,
    dayOfMonth: number,
  ) =>
    recorded(actor, type, { reviewId, subject, ...data, at: instant(year, month, dayOfMonth), by: actor.by }, clauses);
  const actionId = randomUUID();
  const next = {
    actor: NEXT_REVIEW_REACTION,
    by: NEXT_REVIEW_REACTION,
    correlationId: c.correlationId,
    causationId: randomUUID(),
  };
  return {
    streamId: `review-${reviewId}`,
    events: [
      step(c, 'ReviewScheduled', { dueOn: day(year, 7, 1), interval: 'P6M' }, 1, 5),
      step(
        c,
        'ReviewHeld',
        {
          heldOn: day(year, 6, 28),
          attendees: [
            { personId: spec.owner, name: 'Service owner' },
            { personId: spec.terms.counterparty.owner, name: 'Counterparty owner' },
          ],
          performanceTrends: [
            { indicator: 'availability', trend: world.pick(['improving', 'stable', 'deteriorating']) },
          ],
          workload: 'Incidents within the agreed limit',
          findings: ['Targets mostly met'],
          decisions: ['Continue'],
        },
        6,
        28,
      ),
      step(
        c,
        'ReviewActionAgreed',
        { actionId, description: 'Report trends quarterly', ownerId: spec.owner, dueOn: day(year, 9, 30) },
        6,
        28,
      ),
      step(
        next,
        'NextReviewScheduled',
        { nextReviewId: randomUUID(), dueOn: day(year + 1, 1, 1), interval: 'P6M' },
        6,
        29,
      ),
      step(c, 'ReviewActionCompleted', { actionId, outcome: 'Quarterly trend report in place' }, 9, 20),
    ],
  };
}

export function agreementReviewed(world: World, spec: AgreementSpec, year: number): SyntheticAppend {
  const c = world.command(spec.owner);
  const data = {
    agreementId: spec.agreementId,
    version: 1,
    reviewedOn: day(year, 6, 28),
    outcome: 'continue',
    findings: 'Targets still fit the business need',
    nextReviewDue: day(year + 1, 1, 1),
    at: instant(year, 6, 28),
    by: c.by,
  };
  const event = { type: 'AgreementReviewed', data } as AgreementEvent;
  return {
    streamId: `agreement-${spec.agreementId}`,
    events: [recorded(c, event.type, data, agreementClausesOf(event, spec.kind))],
  };
}
