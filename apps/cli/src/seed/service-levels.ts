import type { AgreementTerms, ServiceLevelTarget } from '@lib/domain/agreements/index.js';
import { serviceLevelRoutes } from '../../../api/src/service-levels/service-level.routes.js';
import { allAgreements, type AgreementSpec } from './agreements.js';
import { staff } from './cast.js';
import { demoId, on, randomFrom, step, type Step } from './plan.js';

/**
 * A year of monthly service level periods for every agreement: opened at the
 * start of the month, measured and closed in the first days of the next,
 * mostly met, with a few breaches, corrections and exception claims chosen
 * here so that every run gives the same judgements.
 */

export const DEMO_YEAR = 2025;
export const MONTHS = Array.from({ length: 12 }, (_, index) => index + 1);

const pad = (n: number) => String(n).padStart(2, '0');
export const periodIdOf = (month: number) => `${DEMO_YEAR}-${pad(month)}`;
const firstDay = (month: number) =>
  month > 12 ? `${DEMO_YEAR + 1}-${pad(month - 12)}-01` : `${DEMO_YEAR}-${pad(month)}-01`;
const nextDay = (month: number, day: number) => firstDay(month + 1).replace(/-01$/, `-${pad(day)}`);

export const measurementIdOf = (spec: AgreementSpec, month: number, targetId: string) =>
  demoId(`measurement:${spec.key}:${periodIdOf(month)}:${targetId}`);

/** Measured values that are not drawn at random: the breaches of the year and the values corrected later. */
const MEASURED: Readonly<Record<string, number>> = {
  'sla-harbour-city:03:payroll-availability': 99.12, // breach, 5 % credit
  'sla-harbour-city:05:portal-availability': 99.3, // met once the approved maintenance overrun is excluded
  'sla-harbour-city:08:portal-availability': 99.58, // breach of the amended 99.7 % target
  'sla-meridian-health:02:records-availability': 99.62, // breach: WAN outage
  'uc-kestrel:02:wan-availability': 99.41, // breach: the outage behind the dispute
  'sla-meridian-health:04:p1-response': 95, // corrected to 12
  'sla-meridian-health:08:p1-resolution': 5.5, // breach
  'sla-bluefin-logistics:07:fleet-availability': 97.9, // corrected to 99.81
  'sla-bluefin-logistics:11:fleet-availability': 98.7, // breach, 10 % credit
  'ola-service-desk:06:sd-p1-response': 14, // breach
  'sla-alder-finch:06:p1-response': 75, // breach
};

const CORRECTIONS: Readonly<Record<string, { value: number; reason: string }>> = {
  'sla-meridian-health:04:p1-response': {
    value: 12,
    reason: 'The on-call handover was counted twice; re-measured from the ITSM ticket timestamps',
  },
  'sla-bluefin-logistics:07:fleet-availability': {
    value: 99.81,
    reason:
      'A monitoring outage on 14 July was counted as service downtime; the probes of the second site show the service up',
  },
};

const WORKLOAD: Readonly<Record<string, number>> = {
  'sla-bluefin-logistics:10:incidents': 236, // above the limit of 200: peak season
  'sla-harbour-city:07:service-requests': 712, // first billing month, within the amended 750
};

const termsFor = (spec: AgreementSpec, month: number): AgreementTerms =>
  spec.amendment && firstDay(month) >= spec.amendment.effectiveOn ? spec.amendment.terms : spec.terms;

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

function measuredValue(spec: AgreementSpec, month: number, target: ServiceLevelTarget): number {
  const key = `${spec.key}:${pad(month)}:${target.targetId}`;
  if (MEASURED[key] !== undefined) return MEASURED[key];
  const random = randomFrom(key)();
  if (target.metric === 'availability') return round(target.value + (100 - target.value) * (0.45 + 0.5 * random), 3);
  return round(target.value * (0.35 + 0.5 * random), 1);
}

const sourceOf = (spec: AgreementSpec, target: ServiceLevelTarget) =>
  spec.kind === 'UNDERPINNING_CONTRACT'
    ? 'Supplier monthly report, checked against Northwind probes'
    : target.metric === 'availability'
      ? 'Synthetic probes (monitoring platform)'
      : 'ITSM incident records';

function period(spec: AgreementSpec, month: number): Step[] {
  const periodId = periodIdOf(month);
  const ids = { agreementId: spec.agreementId, periodId };
  const story = `service-levels:${spec.key}:${periodId}`;
  const start = on(firstDay(month), '00:00');
  const end = on(firstDay(month + 1), '00:00');
  const measuredAt = new Date(Date.parse(end) - 60_000).toISOString().replace('.000Z', 'Z');
  const terms = termsFor(spec, month);
  const after = (day: number, time: string, by = staff.hannah) => ({
    at: on(nextDay(month, day), time),
    by: by.personId,
    story,
  });
  const steps: Step[] = [
    step(
      serviceLevelRoutes,
      'OpenServiceLevelPeriod',
      ids,
      { start, end },
      {
        at: on(firstDay(month), '00:05'),
        by: staff.hannah.personId,
        story,
      },
    ),
  ];

  if (spec.key === 'sla-harbour-city' && month === 5) {
    const claimId = demoId(`claim:${spec.key}:${periodId}:maintenance-overrun`);
    steps.push(
      step(
        serviceLevelRoutes,
        'ClaimException',
        { ...ids, claimId },
        {
          targetId: 'portal-availability',
          excludedMinutes: 240,
          basis: { kind: 'planned-maintenance', referenceId: 'sunday-patching' },
          reason: 'The portal database upgrade (change CHG-1182) overran the Sunday window by four hours',
          accountablePersonId: staff.priya.personId,
        },
        { at: on('2025-05-19', '08:00'), by: staff.hannah.personId, story },
      ),
      step(
        serviceLevelRoutes,
        'ApproveException',
        { ...ids, claimId },
        { reason: "The overrun was approved by the council's change advisory board beforehand" },
        after(2, '11:00', staff.priya),
      ),
    );
  }
  if (spec.key === 'sla-meridian-health' && month === 9) {
    const claimId = demoId(`claim:${spec.key}:${periodId}:switch-outage`);
    steps.push(
      step(
        serviceLevelRoutes,
        'ClaimException',
        { ...ids, claimId },
        {
          targetId: 'records-availability',
          excludedMinutes: 60,
          basis: { kind: 'excluded-cause', referenceId: 'customer-network' },
          reason: 'Records unreachable from Ward 7 for an hour on 22 September',
          accountablePersonId: staff.priya.personId,
        },
        { at: on('2025-09-23', '08:00'), by: staff.hannah.personId, story },
      ),
      step(
        serviceLevelRoutes,
        'RejectException',
        { ...ids, claimId },
        { reason: 'The fault was in the Northwind data-centre switch, not in the Trust network' },
        after(2, '11:00', staff.priya),
      ),
    );
  }

  terms.targets.forEach((target, index) => {
    const key = `${spec.key}:${pad(month)}:${target.targetId}`;
    const measurementId = measurementIdOf(spec, month, target.targetId);
    steps.push(
      step(
        serviceLevelRoutes,
        'RecordMeasurement',
        { ...ids, measurementId },
        {
          targetId: target.targetId,
          value: measuredValue(spec, month, target),
          source: sourceOf(spec, target),
          measuredAt,
        },
        after(1, `08:${pad(index)}`),
      ),
    );
    const correction = CORRECTIONS[key];
    if (correction) {
      steps.push(
        step(
          serviceLevelRoutes,
          'CorrectMeasurement',
          { ...ids, measurementId, correctionId: demoId(`correction:${key}`) },
          correction,
          after(2, '09:00', staff.priya),
        ),
      );
    }
  });

  terms.workloadLimits.forEach((limit, index) => {
    const key = `${spec.key}:${pad(month)}:${limit.limitId}`;
    const actual = WORKLOAD[key] ?? Math.round(limit.limit * (0.55 + 0.3 * randomFrom(key)()));
    steps.push(
      step(
        serviceLevelRoutes,
        'RecordWorkload',
        { ...ids, workloadRecordId: demoId(`workload:${key}`) },
        { limitId: limit.limitId, actual, source: 'ITSM tool monthly count', measuredAt },
        after(1, `08:${pad(30 + index)}`),
      ),
    );
  });

  steps.push(step(serviceLevelRoutes, 'CloseServiceLevelPeriod', ids, {}, after(3, '10:00', spec.providerPerson)));
  return steps;
}

export function serviceLevelSteps(): Step[] {
  return allAgreements.flatMap((spec) => MONTHS.map((month) => period(spec, month)).flat());
}
