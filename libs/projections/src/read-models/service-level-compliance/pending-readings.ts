import type { ServiceLevelEventOf } from '@lib/domain';
import type { RecordedEvent } from '@lib/event-store';
import type { ProjectionTransaction } from '../../runtime/projection.js';

type Reading = ServiceLevelEventOf<'MeasurementRecorded'>['data'] & ServiceLevelEventOf<'WorkloadRecorded'>['data'];

interface Candidate {
  readonly measurement_id: string | undefined;
  readonly value: number;
  readonly measured_at: string;
  readonly position: string;
}

interface PendingRow {
  readonly measurement: boolean;
  readonly agreementId: string;
  readonly periodId: string;
  readonly key: string;
  readonly candidates: Candidate[];
}

/**
 * The measurements and workload records of a batch, held back so that each row they set is written
 * once. Applied one by one, each replaces the row's reading when taken no earlier than the row's, so
 * the readings of one row leave it with the one taken last (the last recorded among equals), unless
 * the row already holds a later one. Only events of the same period touch these rows, so the readings
 * of a period are written before any other event of that period is applied, and the rest at the end.
 */
export class PendingReadings {
  private readonly periods = new Map<string, Map<string, PendingRow>>();

  add(event: RecordedEvent): void {
    const data = event.data as Reading;
    const measurement = event.type === 'MeasurementRecorded';
    const key = measurement ? data.targetId : data.limitId;
    const period = periodKey(data.agreementId, data.periodId);
    let rows = this.periods.get(period);
    if (!rows) this.periods.set(period, (rows = new Map()));
    const rowKey = `${measurement ? 'm' : 'w'}:${key}`;
    let row = rows.get(rowKey);
    if (!row) {
      row = { measurement, agreementId: data.agreementId, periodId: data.periodId, key, candidates: [] };
      rows.set(rowKey, row);
    }
    row.candidates.push({
      measurement_id: data.measurementId,
      value: measurement ? data.value : data.actual,
      measured_at: data.measuredAt,
      position: event.globalPosition.toString(),
    });
  }

  /** Writes the held readings of one period: the next event of that period may depend on them. */
  writePeriod(agreementId: string, periodId: string, tx: ProjectionTransaction): void {
    const period = periodKey(agreementId, periodId);
    const rows = this.periods.get(period);
    if (!rows) return;
    this.periods.delete(period);
    for (const row of rows.values()) writeRow(row, tx);
  }

  writeAll(tx: ProjectionTransaction): void {
    for (const rows of this.periods.values()) for (const row of rows.values()) writeRow(row, tx);
    this.periods.clear();
  }
}

const periodKey = (agreementId: string, periodId: string) => JSON.stringify([agreementId, periodId]);

/**
 * One row's readings in one statement: the server picks the one taken last (by its instant, as the
 * column compares them), and the row is found by its key, so the statement costs one index lookup.
 */
function writeRow(row: PendingRow, { write, table }: ProjectionTransaction): void {
  const into = row.measurement ? 'service_level_compliance' : 'service_level_workload';
  const key = row.measurement ? 'target_id' : 'limit_id';
  const assignments = row.measurement
    ? 'measurement_id = m.measurement_id, measured_at = m.measured_at, measured_value = m.value, corrected = false'
    : 'actual = m.value, measured_at = m.measured_at';
  write(
    `UPDATE ${table(into)} AS t SET ${assignments}, position = m.position
     FROM (SELECT * FROM jsonb_to_recordset($4::jsonb)
             AS r(measurement_id text, value double precision, measured_at timestamptz, position bigint)
            ORDER BY measured_at DESC, position DESC LIMIT 1) AS m
     WHERE t.agreement_id = $1 AND t.period_id = $2 AND t.${key} = $3
       AND t.outcome = 'pending' AND (t.measured_at IS NULL OR t.measured_at <= m.measured_at)`,
    [row.agreementId, row.periodId, row.key, JSON.stringify(row.candidates)],
  );
}
