import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { serviceLevelComplianceProjection as projection } from '../src/read-models/service-level-compliance/index.js';
import { projectionHarness, type ProjectionHarness } from './read-models-harness.js';

const at = (day: number) => `2026-04-${String(day).padStart(2, '0')}T08:00:00.000Z`;
const by = 'sam';
const availability = {
  targetId: 'availability',
  name: 'Monthly availability',
  serviceId: 'payroll',
  metric: 'availability',
  comparator: '>=',
  value: 99.5,
  unit: '%',
  measurementPeriod: 'P1M',
  method: 'probes',
  excludesApprovedDowntime: true,
};
const response = {
  targetId: 'p1-response',
  name: 'P1 response',
  metric: 'response-time',
  comparator: '<=',
  value: 4,
  unit: 'h',
  measurementPeriod: 'P1M',
  method: 'desk',
};
const level = (target: typeof availability | typeof response) => ({
  metric: target.metric,
  comparator: target.comparator,
  value: target.value,
  unit: target.unit,
});

function opened(agreementId: string, periodId: string, start: string, end: string, version = 1) {
  return {
    agreementId,
    periodId,
    start,
    end,
    agreementKind: 'SLA',
    agreementVersion: version,
    targets: [availability, response],
    workloadLimits: [{ limitId: 'incidents', name: 'Incidents', unit: 'incidents', limit: 500, period: 'P1M' }],
    serviceCredits: [
      {
        targetId: 'availability',
        tiers: [
          { level: 99.5, creditPercent: 5 },
          { level: 99, creditPercent: 10 },
        ],
      },
    ],
    exceptions: { plannedMaintenanceWindows: [], excludedCauses: [] },
    at: start,
    by,
  };
}

describe('the service level compliance read model', () => {
  let harness: ProjectionHarness;
  const stream = (agreementId: string, periodId: string) => `service-level-${agreementId}:${periodId}`;
  const row = async (agreementId: string, periodId: string, targetId: string) =>
    (
      await harness.rows(
        'SELECT * FROM service_level_compliance WHERE agreement_id = $1 AND period_id = $2 AND target_id = $3',
        [agreementId, periodId, targetId],
      )
    )[0]!;

  beforeAll(async () => {
    harness = await projectionHarness('rm_compliance');
  });
  afterAll(() => harness.close());

  it('shows an opened period with the terms in force and the measurement that would be judged', async () => {
    const s = stream('sla-1', '2026-03');
    await harness.append(
      s,
      'ServiceLevelPeriodOpened',
      opened('sla-1', '2026-03', '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z', 2),
    );
    const base = { agreementId: 'sla-1', periodId: '2026-03', source: 'probes', at: at(1), by };
    await harness.append(s, 'MeasurementRecorded', {
      ...base,
      measurementId: 'm-2',
      targetId: 'availability',
      value: 99.1,
      measuredAt: '2026-03-31T23:00:00.000Z',
    });
    // Taken earlier, recorded later: not the one judged.
    await harness.append(s, 'MeasurementRecorded', {
      ...base,
      measurementId: 'm-1',
      targetId: 'availability',
      value: 97,
      measuredAt: '2026-03-15T00:00:00.000Z',
    });
    await harness.append(s, 'MeasurementCorrected', {
      agreementId: 'sla-1',
      periodId: '2026-03',
      correctionId: 'c-1',
      measurementId: 'm-2',
      targetId: 'availability',
      value: 99.2,
      reason: 'probe outage',
      at: at(1),
      by,
    });
    await harness.append(s, 'WorkloadRecorded', {
      ...base,
      workloadRecordId: 'w-1',
      limitId: 'incidents',
      actual: 480,
      measuredAt: '2026-03-31T23:00:00.000Z',
    });
    await harness.project(projection);

    const availabilityRow = await row('sla-1', '2026-03', 'availability');
    expect(availabilityRow).toMatchObject({
      agreement_kind: 'SLA',
      agreement_version: 2,
      period_status: 'open',
      target_name: 'Monthly availability',
      service_id: 'payroll',
      comparator: '>=',
      target_value: 99.5,
      unit: '%',
      measurement_id: 'm-2',
      measured_value: 99.2,
      corrected: true,
      judged_value: null,
      outcome: 'pending',
      credit_tiers: [
        { level: 99.5, creditPercent: 5 },
        { level: 99, creditPercent: 10 },
      ],
    });
    expect((await row('sla-1', '2026-03', 'p1-response')).outcome).toBe('pending');
    const [workload] = await harness.rows('SELECT * FROM service_level_workload WHERE agreement_id = $1', ['sla-1']);
    expect(workload).toMatchObject({ limit_id: 'incidents', workload_limit: 500, actual: 480, outcome: 'pending' });
  });

  it('records the judgement at closing: value after corrections and exceptions, outcome, credit tier, workload', async () => {
    const s = stream('sla-1', '2026-03');
    const judged = { agreementId: 'sla-1', periodId: '2026-03', agreementVersion: 2, at: at(1), by };
    await harness.append(s, 'ServiceLevelTargetBreached', {
      ...judged,
      targetId: 'availability',
      target: level(availability),
      measurementId: 'm-2',
      measuredValue: 99.2,
      excludedMinutes: 60,
      judgedValue: 99.3345,
      serviceCreditPercent: 5,
      serviceCreditLevel: 99.5,
    });
    await harness.append(s, 'ServiceLevelTargetNotMeasured', {
      ...judged,
      targetId: 'p1-response',
      target: level(response),
    });
    await harness.append(s, 'WorkloadWithinLimit', {
      ...judged,
      limitId: 'incidents',
      limit: 500,
      unit: 'incidents',
      actual: 480,
    });
    await harness.append(s, 'ServiceLevelPeriodClosed', {
      ...judged,
      targetsMet: 0,
      targetsBreached: 1,
      targetsNotMeasured: 1,
      workloadLimitsExceeded: 0,
    });
    // Late measurements of a judged period change nothing.
    await harness.append(s, 'MeasurementRecorded', {
      agreementId: 'sla-1',
      periodId: '2026-03',
      measurementId: 'm-3',
      targetId: 'p1-response',
      value: 2,
      source: 'desk',
      measuredAt: '2026-03-31T23:30:00.000Z',
      at: at(2),
      by,
    });
    await harness.project(projection);

    expect(await row('sla-1', '2026-03', 'availability')).toMatchObject({
      period_status: 'closed',
      measured_value: 99.2,
      excluded_minutes: 60,
      judged_value: 99.3345,
      outcome: 'breached',
      service_credit_percent: 5,
      service_credit_level: 99.5,
      judged_at: new Date(at(1)),
    });
    expect(await row('sla-1', '2026-03', 'p1-response')).toMatchObject({
      outcome: 'not-measured',
      measurement_id: null,
      measured_value: null,
    });
    const [workload] = await harness.rows('SELECT * FROM service_level_workload WHERE agreement_id = $1', ['sla-1']);
    expect(workload).toMatchObject({ actual: 480, outcome: 'within-limit' });
  });

  it('keeps each period with the version in force then, and judges a met target without a credit', async () => {
    const s = stream('sla-1', '2026-04');
    await harness.append(
      s,
      'ServiceLevelPeriodOpened',
      opened('sla-1', '2026-04', '2026-04-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z', 3),
    );
    await harness.append(s, 'ServiceLevelTargetMet', {
      agreementId: 'sla-1',
      periodId: '2026-04',
      agreementVersion: 3,
      targetId: 'availability',
      target: level(availability),
      measurementId: 'm-9',
      measuredValue: 99.9,
      excludedMinutes: 0,
      judgedValue: 99.9,
      at: at(2),
      by,
    });
    await harness.append(s, 'WorkloadLimitExceeded', {
      agreementId: 'sla-1',
      periodId: '2026-04',
      agreementVersion: 3,
      limitId: 'incidents',
      limit: 500,
      unit: 'incidents',
      actual: 650,
      at: at(2),
      by,
    });
    await harness.project(projection);

    expect(await row('sla-1', '2026-04', 'availability')).toMatchObject({
      agreement_version: 3,
      outcome: 'met',
      judged_value: 99.9,
      service_credit_percent: null,
    });
    expect((await row('sla-1', '2026-03', 'availability')).agreement_version).toBe(2);
    const workload = await harness.rows(
      `SELECT period_id, outcome, actual FROM service_level_workload WHERE agreement_id = 'sla-1' ORDER BY period_id`,
    );
    expect(workload).toEqual([
      { period_id: '2026-03', outcome: 'within-limit', actual: 480 },
      { period_id: '2026-04', outcome: 'exceeded', actual: 650 },
    ]);
  });

  it('gives the rows of one event at a time to a batch with many readings of the same periods', async () => {
    const march = stream('sla-2', '2026-03');
    const april = stream('sla-2', '2026-04');
    const reading = (periodId: string, id: string, targetId: string, value: number, measuredAt: string) => ({
      agreementId: 'sla-2',
      periodId,
      measurementId: id,
      targetId,
      value,
      source: 'probes',
      measuredAt,
      at: at(3),
      by,
    });
    const workload = (periodId: string, id: string, actual: number, measuredAt: string) => ({
      agreementId: 'sla-2',
      periodId,
      workloadRecordId: id,
      limitId: 'incidents',
      actual,
      source: 'desk',
      measuredAt,
      at: at(3),
      by,
    });
    // Before its period is opened: there is no row to set yet.
    await harness.append(april, 'MeasurementRecorded', reading('2026-04', 'early', 'availability', 1, at(2)));
    await harness.append(
      march,
      'ServiceLevelPeriodOpened',
      opened('sla-2', '2026-03', '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'),
    );
    await harness.append(
      april,
      'ServiceLevelPeriodOpened',
      opened('sla-2', '2026-04', '2026-04-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z'),
    );
    await harness.append(
      march,
      'MeasurementRecorded',
      reading('2026-03', 'a', 'availability', 99.7, '2026-03-10T00:00:00Z'),
    );
    await harness.append(april, 'WorkloadRecorded', workload('2026-04', 'w-1', 10, '2026-04-02T00:00:00Z'));
    await harness.append(
      march,
      'MeasurementRecorded',
      reading('2026-03', 'b', 'availability', 99.1, '2026-03-05T00:00:00Z'),
    );
    await harness.append(
      march,
      'MeasurementRecorded',
      reading('2026-03', 'c', 'p1-response', 3, '2026-03-06T00:00:00Z'),
    );
    await harness.append(march, 'MeasurementCorrected', {
      agreementId: 'sla-2',
      periodId: '2026-03',
      correctionId: 'c-1',
      measurementId: 'a',
      targetId: 'availability',
      value: 99.8,
      reason: 'probe outage',
      at: at(3),
      by,
    });
    // Taken at the same instant as the corrected one, recorded after it: it replaces it, uncorrected.
    await harness.append(
      march,
      'MeasurementRecorded',
      reading('2026-03', 'd', 'availability', 99.4, '2026-03-10T00:00:00.000+00:00'),
    );
    await harness.append(april, 'WorkloadRecorded', workload('2026-04', 'w-2', 30, '2026-04-03T00:00:00Z'));
    await harness.append(april, 'WorkloadRecorded', workload('2026-04', 'w-3', 20, '2026-04-01T12:00:00Z'));
    await harness.append(march, 'ServiceLevelTargetMet', {
      agreementId: 'sla-2',
      periodId: '2026-03',
      agreementVersion: 1,
      targetId: 'p1-response',
      target: level(response),
      measurementId: 'c',
      measuredValue: 3,
      excludedMinutes: 0,
      judgedValue: 3,
      at: at(3),
      by,
    });
    // Judged: later readings of the target change nothing.
    await harness.append(
      march,
      'MeasurementRecorded',
      reading('2026-03', 'e', 'p1-response', 9, '2026-03-30T00:00:00Z'),
    );
    await harness.append(
      april,
      'MeasurementRecorded',
      reading('2026-04', 'f', 'p1-response', 2, '2026-04-04T00:00:00Z'),
    );
    await harness.append(
      april,
      'MeasurementRecorded',
      reading('2026-04', 'g', 'p1-response', 5, '2026-04-04T00:00:00Z'),
    );
    expect(await harness.project(projection)).toBe(15);

    const rows = await harness.rows<Record<string, unknown>>(
      `SELECT period_id, target_id, measurement_id, measured_value, corrected, outcome
         FROM service_level_compliance WHERE agreement_id = 'sla-2' ORDER BY period_id, target_id`,
    );
    expect(rows).toEqual([
      {
        period_id: '2026-03',
        target_id: 'availability',
        measurement_id: 'd',
        measured_value: 99.4,
        corrected: false,
        outcome: 'pending',
      },
      {
        period_id: '2026-03',
        target_id: 'p1-response',
        measurement_id: 'c',
        measured_value: 3,
        corrected: false,
        outcome: 'met',
      },
      {
        period_id: '2026-04',
        target_id: 'availability',
        measurement_id: null,
        measured_value: null,
        corrected: false,
        outcome: 'pending',
      },
      {
        period_id: '2026-04',
        target_id: 'p1-response',
        measurement_id: 'g',
        measured_value: 5,
        corrected: false,
        outcome: 'pending',
      },
    ]);
    expect(
      await harness.rows(
        `SELECT period_id, actual FROM service_level_workload WHERE agreement_id = 'sla-2' ORDER BY 1`,
      ),
    ).toEqual([
      { period_id: '2026-03', actual: null },
      { period_id: '2026-04', actual: 30 },
    ]);
    expect(await harness.rebuildDiffers(projection, 1)).toEqual([]);
  });

  it('gives the same rows when rebuilt from the log', async () => {
    expect(await harness.rebuildDiffers(projection)).toEqual([]);
  });
});
