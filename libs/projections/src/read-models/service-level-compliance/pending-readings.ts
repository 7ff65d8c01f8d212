import type { ServiceLevelEventOf } from '@lib/domain';
import type { RecordedEvent } from '@lib/event-store';
import type { ProjectionTransaction } from '../../runtime/projection.js';

type Recorded = ServiceLevelEventOf<'MeasurementRecorded'>['data'] & ServiceLevelEventOf<'WorkloadRecorded'>['data'];

/** One measurement or workload record, as the statement that writes it reads it. */
interface Reading {
  readonly agreement_id: string;
  readonly period_id: string;
  /** The target (measurements) or workload limit (workload records) the reading is for. */
  readonly key: string;
  readonly measurement_id: string | undefined;
  readonly value: number;
  readonly measured_at: string;
  readonly position: string;
}

interface PeriodReadings {
  readonly measurements: Reading[];
  readonly workloads: Reading[];
}

/**
 * The measurements and workload records of a batch, held back so that each row they set is written
 * once. Applied one by one, each replaces the row's reading when taken no earlier than the row's, so
 * the readings of one row leave it with the one taken last (the last recorded among equals), unless
 * the row already holds a later one. Only events of the same period touch these rows, so the readings
 * of a period are written before any other event of that period is applied, and the rest at the end.
 */
export class PendingReadings {
  private readonly periods = new Map<string, PeriodReadings>();

  add(event: RecordedEvent): void {
    const data = event.data as Recorded;
    const measurement = event.type === 'MeasurementRecorded';
    const period = periodKey(data.agreementId, data.periodId);
    let readings = this.periods.get(period);
    if (!readings) this.periods.set(period, (readings = { measurements: [], workloads: [] }));
    (measurement ? readings.measurements : readings.workloads).push({
      agreement_id: data.agreementId,
      period_id: data.periodId,
      key: measurement ? data.targetId : data.limitId,
      measurement_id: data.measurementId,
      value: measurement ? data.value : data.actual,
      measured_at: data.measuredAt,
      position: event.globalPosition.toString(),
    });
  }

  /** Writes the held readings of one period: the next event of that period may depend on them. */
  writePeriod(agreementId: string, periodId: string, tx: ProjectionTransaction): void {
    const period = periodKey(agreementId, periodId);
    const readings = this.periods.get(period);
    if (!readings) return;
    this.periods.delete(period);
    write(readings.measurements, 'service_level_compliance', tx);
    write(readings.workloads, 'service_level_workload', tx);
  }

  writeAll(tx: ProjectionTransaction): void {
    const all = [...this.periods.values()];
    this.periods.clear();
    write(
      all.flatMap((readings) => readings.measurements),
      'service_level_compliance',
      tx,
    );
    write(
      all.flatMap((readings) => readings.workloads),
      'service_level_workload',
      tx,
    );
  }
}

const periodKey = (agreementId: string, periodId: string) => JSON.stringify([agreementId, periodId]);

/**
 * Readings of any number of rows of one table in one statement (a statement per row cost the server
 * more to plan than to run): for each row the server picks the reading taken last (by its instant, as
 * the column compares them), and finds the row by its key.
 */
function write(
  readings: readonly Reading[],
  into: 'service_level_compliance' | 'service_level_workload',
  { write, table }: ProjectionTransaction,
): void {
  if (readings.length === 0) return;
  const measurement = into === 'service_level_compliance';
  const key = measurement ? 'target_id' : 'limit_id';
  const assignments = measurement
    ? 'measurement_id = m.measurement_id, measured_at = m.measured_at, measured_value = m.value, corrected = false'
    : 'actual = m.value, measured_at = m.measured_at';
  write(
    `UPDATE ${table(into)} AS t SET ${assignments}, position = m.position
     FROM (SELECT DISTINCT ON (agreement_id, period_id, key) * FROM jsonb_to_recordset($1::jsonb)
             AS r(agreement_id text, period_id text, key text, measurement_id text, value double precision,
                  measured_at timestamptz, position bigint)
            ORDER BY agreement_id, period_id, key, measured_at DESC, position DESC) AS m
     WHERE t.agreement_id = m.agreement_id AND t.period_id = m.period_id AND t.${key} = m.key
       AND t.outcome = 'pending' AND (t.measured_at IS NULL OR t.measured_at <= m.measured_at)`,
    [JSON.stringify(readings)],
  );
}
