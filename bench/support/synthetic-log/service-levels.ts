import { randomUUID } from 'node:crypto';
import { disputeClauses, type AgreementKind, type IsoClause } from '../../../libs/domain/src/index.js';
import type { NewEvent } from '../../../libs/event-store/src/index.js';
import type { AgreementSpec } from './agreements.js';
import {
  daysIn,
  IMPROVEMENT_REACTION,
  instant,
  MONITORING,
  pad,
  recorded,
  round,
  World,
  type Command,
  type SyntheticAppend,
} from './world.js';

export interface Breach {
  readonly kind: AgreementKind;
  readonly agreementId: string;
  readonly streamId: string;
  readonly event: NewEvent;
  readonly measurementId: string;
  readonly year: number;
  readonly month: number;
}

export function period(
  world: World,
  spec: AgreementSpec,
  month: number,
): { append: SyntheticAppend; breaches: Breach[] } {
  const year = Number(spec.terms.term.effectiveFrom.slice(0, 4));
  const periodId = `${year}-${pad(month)}`;
  const { agreementId, kind, terms } = spec;
  const streamId = `service-level-${agreementId}:${periodId}`;
  const clauses: IsoClause[] =
    kind === 'OLA' ? ['8.3.3', '8.3.4.2'] : kind === 'SLA' ? ['8.3.3'] : ['8.3.3', '8.3.4.1'];
  const flow = randomUUID();
  const events: NewEvent[] = [];
  const base = { agreementId, periodId };
  const add = (c: Command & { by: string }, type: string, data: Record<string, unknown>, at: string) =>
    events.push(recorded(c, type, { ...base, ...data, at, by: c.by }, clauses));
  const days = daysIn(year, month);
  const next = (dayOfMonth: number, hour = 6) =>
    month === 12 ? instant(year + 1, 1, dayOfMonth, hour) : instant(year, month + 1, dayOfMonth, hour);
  const { targets, workloadLimits, serviceCredits, exceptions } = terms;
  add(
    world.command(spec.owner, flow),
    'ServiceLevelPeriodOpened',
    {
      start: instant(year, month, 1, 0),
      end: next(1, 0),
      agreementKind: kind,
      agreementVersion: 1,
      targets,
      workloadLimits,
      serviceCredits,
      exceptions,
    },
    instant(year, month, 1, 0, 5),
  );

  const finals = targets.map((target) => {
    const missed = world.random() < 0.06;
    const margin = world.random();
    return target.metric === 'availability'
      ? round(
          missed ? target.value - 0.05 - margin * 0.6 : target.value + (100 - target.value) * (0.3 + 0.6 * margin),
          3,
        )
      : round(missed ? target.value * (1.1 + margin) : target.value * (0.3 + 0.6 * margin), 2);
  });
  const lastMeasurement = new Map<string, string>();
  for (let d = 1; d <= days; d++) {
    const monitoring = { actor: MONITORING, by: 'monitoring-platform', correlationId: flow, causationId: randomUUID() };
    targets.forEach((target, i) => {
      const measurementId = randomUUID();
      lastMeasurement.set(target.targetId, measurementId);
      const drift = (days - d) / days;
      const value = round(
        finals[i]! + (world.random() - 0.5) * drift * (target.metric === 'availability' ? 0.4 : 1),
        3,
      );
      add(
        monitoring,
        'MeasurementRecorded',
        {
          measurementId,
          targetId: target.targetId,
          value: d === days ? finals[i]! : value,
          source: target.metric === 'availability' ? 'Synthetic probes (monitoring platform)' : 'ITSM incident records',
          measuredAt: instant(year, month, d, 23, 59),
        },
        instant(year, month, d, 23, 59),
      );
    });
    if (d % 7 === 0) {
      const limit = workloadLimits[0]!;
      add(
        monitoring,
        'WorkloadRecorded',
        {
          workloadRecordId: randomUUID(),
          limitId: limit.limitId,
          actual: Math.round(limit.limit * (d / days) * (0.5 + world.random() * 0.6)),
          source: 'ITSM incident records',
          measuredAt: instant(year, month, d, 23, 59),
        },
        instant(year, month, d, 23, 59),
      );
    }
  }
  if (world.random() < 0.1) {
    const claimId = randomUUID();
    const c = world.command(spec.owner, flow);
    add(
      c,
      'ExceptionClaimed',
      {
        claimId,
        targetId: targets[0]!.targetId,
        excludedMinutes: 30 + Math.floor(world.random() * 90),
        basis: { kind: 'planned-maintenance', referenceId: 'sunday-night' },
        reason: 'Maintenance overran the window',
        accountablePersonId: spec.owner,
      },
      instant(year, month, 20),
    );
    add(world.command(terms.counterparty.owner, flow), 'ExceptionApproved', { claimId }, instant(year, month, 22));
  }
  if (world.random() < 0.03) {
    const target = targets[1]!;
    finals[1] = round(finals[1]! * 0.9, 2);
    add(
      world.command(spec.owner, flow),
      'MeasurementCorrected',
      {
        correctionId: randomUUID(),
        measurementId: lastMeasurement.get(target.targetId)!,
        targetId: target.targetId,
        value: finals[1],
        reason: 'An on-call handover was counted twice',
      },
      next(1, 8),
    );
  }

  const judge = world.command(spec.owner, flow);
  const breaches: Breach[] = [];
  let met = 0;
  targets.forEach((target, i) => {
    const value = finals[i]!;
    const ok = target.comparator === '>=' ? value >= target.value : value <= target.value;
    const tiers = serviceCredits.find((credit) => credit.targetId === target.targetId)?.tiers ?? [];
    const tier = tiers.filter((t) => value < t.level).at(-1);
    const { metric, comparator, unit } = target;
    const judged = {
      agreementVersion: 1,
      targetId: target.targetId,
      target: { metric, comparator, value: target.value, unit },
      measurementId: lastMeasurement.get(target.targetId)!,
      measuredValue: value,
      excludedMinutes: 0,
      judgedValue: value,
    };
    if (ok) {
      met++;
      add(judge, 'ServiceLevelTargetMet', judged, next(2));
    } else {
      add(
        judge,
        'ServiceLevelTargetBreached',
        {
          ...judged,
          serviceCreditPercent: tier?.creditPercent ?? 0,
          ...(tier ? { serviceCreditLevel: tier.level } : {}),
        },
        next(2),
      );
      breaches.push({
        kind,
        agreementId,
        streamId,
        event: events.at(-1)!,
        measurementId: judged.measurementId,
        year,
        month,
      });
    }
  });
  const limit = workloadLimits[0]!;
  const actual = Math.round(limit.limit * (0.6 + world.random() * 0.45));
  const exceeded = actual > limit.limit;
  add(
    judge,
    exceeded ? 'WorkloadLimitExceeded' : 'WorkloadWithinLimit',
    {
      agreementVersion: 1,
      limitId: limit.limitId,
      limit: limit.limit,
      unit: limit.unit,
      actual,
    },
    next(2),
  );
  add(
    judge,
    'ServiceLevelPeriodClosed',
    {
      agreementVersion: 1,
      targetsMet: met,
      targetsBreached: targets.length - met,
      targetsNotMeasured: 0,
      workloadLimitsExceeded: exceeded ? 1 : 0,
    },
    next(2),
  );
  return { append: { streamId, events }, breaches };
}

export function improvement(world: World, breach: Breach): SyntheticAppend {
  const improvementId = randomUUID();
  const raised = {
    actor: IMPROVEMENT_REACTION,
    by: IMPROVEMENT_REACTION,
    correlationId: breach.event.metadata.correlationId,
    causationId: breach.event.eventId,
  };
  const owner = world.person();
  const clauses: IsoClause[] = ['8.3.3'];
  const at = (dayOfMonth: number) =>
    instant(breach.year + (breach.month === 12 ? 1 : 0), (breach.month % 12) + 1, dayOfMonth);
  const actionId = randomUUID();
  const step = (c: Command & { by: string }, type: string, data: Record<string, unknown>, dayOfMonth: number) =>
    recorded(c, type, { improvementId, ...data, at: at(dayOfMonth), by: c.by }, clauses);
  const c = world.command(owner);
  return {
    streamId: `improvement-${improvementId}`,
    events: [
      step(
        raised,
        'ImprovementOpportunityRaised',
        {
          title: `Target missed in ${breach.year}-${pad(breach.month)}`,
          description: 'A service level target was breached',
          cause: { kind: 'target-breached', streamId: breach.streamId, eventId: breach.event.eventId },
          agreementId: breach.agreementId,
        },
        2,
      ),
      step(c, 'ImprovementOwnerAssigned', { ownerId: owner }, 3),
      step(
        c,
        'ImprovementActionAdded',
        { actionId, description: 'Add a second probe location', dueOn: at(20).slice(0, 10), assigneeId: owner },
        4,
      ),
      step(c, 'ImprovementActionCompleted', { actionId, outcome: 'Probes run from two sites' }, 18),
      step(
        c,
        'ImprovementOpportunityClosed',
        { summary: 'Monitoring improved', evidence: [{ description: 'Probe configuration', reference: 'CHG-1042' }] },
        25,
      ),
    ],
  };
}

export function dispute(world: World, partyId: string, breach: Breach): SyntheticAppend {
  const disputeId = randomUUID();
  const proposalId = randomUUID();
  const c = world.command();
  const at = (dayOfMonth: number) =>
    instant(breach.year + (breach.month === 12 ? 1 : 0), (breach.month % 12) + 1, dayOfMonth);
  const step = (type: keyof typeof disputeClauses, data: Record<string, unknown>, dayOfMonth: number) =>
    recorded(
      world.command(c.by, c.correlationId),
      type,
      { disputeId, ...data, at: at(dayOfMonth), by: c.by },
      disputeClauses[type],
    );
  return {
    streamId: `dispute-${disputeId}`,
    events: [
      step(
        'DisputeRaised',
        {
          partyId,
          raisedBy: 'provider',
          subject: { kind: 'measurement', agreementId: breach.agreementId, measurementId: breach.measurementId },
          claim: 'Service credit for the missed availability target',
          amount: { value: '1250.00', currency: 'EUR' },
        },
        5,
      ),
      step(
        'DisputeEvidenceAttached',
        {
          evidenceId: randomUUID(),
          description: 'Probe log of the month',
          reference: 'DMS-4711',
          sha256: randomUUID().replace(/-/g, '').repeat(2),
          submittedBy: 'provider',
        },
        6,
      ),
      step(
        'DisputeResolutionProposed',
        { proposalId, proposedBy: 'party', terms: 'Half the credit', amount: { value: '625.00', currency: 'EUR' } },
        12,
      ),
      step('DisputeResolutionAccepted', { proposalId, acceptedBy: 'provider' }, 14),
      step('DisputeResolved', { proposalId, resolution: 'Credit of 625.00 EUR' }, 15),
      step('DisputeClosed', {}, 16),
    ],
  };
}
