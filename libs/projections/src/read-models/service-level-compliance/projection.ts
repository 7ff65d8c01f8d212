import type { ServiceLevelEventOf, ServiceLevelEventType } from '@lib/domain';
import type { RecordedEvent } from '@lib/event-store';
import type { Projection, ProjectionTransaction } from '../../runtime/projection.js';

type Data<K extends ServiceLevelEventType> = ServiceLevelEventOf<K>['data'];
const dataOf = <K extends ServiceLevelEventType>(event: RecordedEvent, _type: K) => event.data as Data<K>;

const EVENT_TYPES = [
  'ServiceLevelPeriodOpened',
  'MeasurementRecorded',
  'MeasurementCorrected',
  'WorkloadRecorded',
  'ServiceLevelTargetMet',
  'ServiceLevelTargetBreached',
  'ServiceLevelTargetNotMeasured',
  'WorkloadWithinLimit',
  'WorkloadLimitExceeded',
  'WorkloadNotRecorded',
  'ServiceLevelPeriodClosed',
] as const satisfies readonly ServiceLevelEventType[];

/**
 * Service level compliance (clause 8.3.3): per agreement, period and target, the
 * target in force during the period, the measured value after corrections, the
 * value judged after approved exceptions, the outcome and the service credit tier
 * reached; and per workload limit, the actual workload against the limit.
 * While a period is open the row shows the measurement that would be judged.
 */
export const serviceLevelComplianceProjection: Projection = {
  name: 'service-level-compliance',
  tables: ['service_level_compliance', 'service_level_workload'],
  eventTypes: EVENT_TYPES,
  async apply(events, tx) {
    for (let start = 0; start < events.length;) {
      const type = events[start]!.type;
      let end = start + 1;
      while (end < events.length && events[end]!.type === type) end++;
      const run = events.slice(start, end);
      if (type === 'MeasurementRecorded') recordLatest(run, tx, 'service_level_compliance');
      else if (type === 'WorkloadRecorded') recordLatest(run, tx, 'service_level_workload');
      else for (const event of run) applyOne(event, tx);
      start = end;
    }
  },
};

/**
 * A run of consecutive measurements (or workload records) in one statement. Applied one by one, each
 * replaces the row's value when taken no earlier than the row's, so the run leaves the row with the
 * one taken last (the last recorded among equals), unless the row already holds a later one; other
 * events of the run change nothing that a later one does not overwrite.
 */
function recordLatest(
  run: readonly RecordedEvent[],
  { write, table }: ProjectionTransaction,
  into: 'service_level_compliance' | 'service_level_workload',
): void {
  const measurements = into === 'service_level_compliance';
  const rows = run.map((event, order) => {
    const data = event.data as Data<'MeasurementRecorded'> & Data<'WorkloadRecorded'>;
    return {
      order,
      agreement_id: data.agreementId,
      period_id: data.periodId,
      key: measurements ? data.targetId : data.limitId,
      measurement_id: data.measurementId,
      value: measurements ? data.value : data.actual,
      measured_at: data.measuredAt,
      position: event.globalPosition.toString(),
    };
  });
  const key = measurements ? 'target_id' : 'limit_id';
  const assignments = measurements
    ? 'measurement_id = m.measurement_id, measured_at = m.measured_at, measured_value = m.value, corrected = false'
    : 'actual = m.value, measured_at = m.measured_at';
  write(
    `UPDATE ${table(into)} AS t SET ${assignments}, position = m.position
     FROM (SELECT DISTINCT ON (agreement_id, period_id, key) *
             FROM jsonb_to_recordset($1::jsonb) AS r("order" integer, agreement_id text, period_id text, key text,
               measurement_id text, value double precision, measured_at timestamptz, position bigint)
            ORDER BY agreement_id, period_id, key, measured_at DESC, "order" DESC) AS m
     WHERE t.agreement_id = m.agreement_id AND t.period_id = m.period_id AND t.${key} = m.key
       AND t.outcome = 'pending' AND (t.measured_at IS NULL OR t.measured_at <= m.measured_at)`,
    [JSON.stringify(rows)],
  );
}

function applyOne(event: RecordedEvent, { write, table }: ProjectionTransaction): void {
  const compliance = table('service_level_compliance');
  const workload = table('service_level_workload');
  const position = event.globalPosition.toString();
  switch (event.type) {
    case 'ServiceLevelPeriodOpened': {
      const data = dataOf(event, 'ServiceLevelPeriodOpened');
      for (const target of data.targets) {
        const tiers = data.serviceCredits.find((credit) => credit.targetId === target.targetId)?.tiers ?? [];
        write(
          `INSERT INTO ${compliance} (agreement_id, period_id, target_id, agreement_kind, agreement_version,
             period_start, period_end, period_status, target_name, service_id, metric, comparator, target_value,
             unit, credit_tiers, outcome, opened_at, position)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9, $10, $11, $12, $13, $14, 'pending', $15, $16)
           ON CONFLICT (agreement_id, period_id, target_id) DO NOTHING`,
          [
            data.agreementId,
            data.periodId,
            target.targetId,
            data.agreementKind,
            data.agreementVersion,
            data.start,
            data.end,
            target.name,
            target.serviceId ?? null,
            target.metric,
            target.comparator,
            target.value,
            target.unit,
            JSON.stringify(tiers.map(({ level, creditPercent }) => ({ level, creditPercent }))),
            data.at,
            position,
          ],
        );
      }
      for (const limit of data.workloadLimits) {
        write(
          `INSERT INTO ${workload} (agreement_id, period_id, limit_id, agreement_version, period_start, period_end,
             limit_name, unit, workload_limit, outcome, position)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10)
           ON CONFLICT (agreement_id, period_id, limit_id) DO NOTHING`,
          [
            data.agreementId,
            data.periodId,
            limit.limitId,
            data.agreementVersion,
            data.start,
            data.end,
            limit.name,
            limit.unit,
            limit.limit,
            position,
          ],
        );
      }
      return;
    }
    case 'MeasurementRecorded': {
      // The measurement judged is the latest taken; on a tie, the latest recorded.
      const data = dataOf(event, 'MeasurementRecorded');
      write(
        `UPDATE ${compliance} SET measurement_id = $4, measured_at = $5, measured_value = $6, corrected = false,
           position = $7
         WHERE agreement_id = $1 AND period_id = $2 AND target_id = $3 AND outcome = 'pending'
           AND (measured_at IS NULL OR measured_at <= $5)`,
        [data.agreementId, data.periodId, data.targetId, data.measurementId, data.measuredAt, data.value, position],
      );
      return;
    }
    case 'MeasurementCorrected': {
      const data = dataOf(event, 'MeasurementCorrected');
      write(
        `UPDATE ${compliance} SET measured_value = $5, corrected = true, position = $6
         WHERE agreement_id = $1 AND period_id = $2 AND target_id = $3 AND measurement_id = $4
           AND outcome = 'pending'`,
        [data.agreementId, data.periodId, data.targetId, data.measurementId, data.value, position],
      );
      return;
    }
    case 'WorkloadRecorded': {
      const data = dataOf(event, 'WorkloadRecorded');
      write(
        `UPDATE ${workload} SET actual = $4, measured_at = $5, position = $6
         WHERE agreement_id = $1 AND period_id = $2 AND limit_id = $3 AND outcome = 'pending'
           AND (measured_at IS NULL OR measured_at <= $5)`,
        [data.agreementId, data.periodId, data.limitId, data.actual, data.measuredAt, position],
      );
      return;
    }
    case 'ServiceLevelTargetMet':
    case 'ServiceLevelTargetBreached': {
      const data = dataOf(event, 'ServiceLevelTargetBreached');
      const breached = event.type === 'ServiceLevelTargetBreached';
      write(
        `UPDATE ${compliance} SET agreement_version = $4, metric = $5, comparator = $6, target_value = $7, unit = $8,
           measurement_id = $9, measured_value = $10, excluded_minutes = $11, judged_value = $12, outcome = $13,
           service_credit_percent = $14, service_credit_level = $15, judged_at = $16, position = $17
         WHERE agreement_id = $1 AND period_id = $2 AND target_id = $3`,
        [
          data.agreementId,
          data.periodId,
          data.targetId,
          data.agreementVersion,
          data.target.metric,
          data.target.comparator,
          data.target.value,
          data.target.unit,
          data.measurementId,
          data.measuredValue,
          data.excludedMinutes,
          data.judgedValue,
          breached ? 'breached' : 'met',
          breached ? data.serviceCreditPercent : null,
          breached ? (data.serviceCreditLevel ?? null) : null,
          data.at,
          position,
        ],
      );
      return;
    }
    case 'ServiceLevelTargetNotMeasured': {
      const data = dataOf(event, 'ServiceLevelTargetNotMeasured');
      write(
        `UPDATE ${compliance} SET agreement_version = $4, metric = $5, comparator = $6, target_value = $7, unit = $8,
           outcome = 'not-measured', judged_at = $9, position = $10
         WHERE agreement_id = $1 AND period_id = $2 AND target_id = $3`,
        [
          data.agreementId,
          data.periodId,
          data.targetId,
          data.agreementVersion,
          data.target.metric,
          data.target.comparator,
          data.target.value,
          data.target.unit,
          data.at,
          position,
        ],
      );
      return;
    }
    case 'WorkloadWithinLimit':
    case 'WorkloadLimitExceeded': {
      const data = dataOf(event, 'WorkloadWithinLimit');
      write(
        `UPDATE ${workload} SET workload_limit = $4, unit = $5, actual = $6, outcome = $7, judged_at = $8, position = $9
         WHERE agreement_id = $1 AND period_id = $2 AND limit_id = $3`,
        [
          data.agreementId,
          data.periodId,
          data.limitId,
          data.limit,
          data.unit,
          data.actual,
          event.type === 'WorkloadLimitExceeded' ? 'exceeded' : 'within-limit',
          data.at,
          position,
        ],
      );
      return;
    }
    case 'WorkloadNotRecorded': {
      const data = dataOf(event, 'WorkloadNotRecorded');
      write(
        `UPDATE ${workload} SET workload_limit = $4, unit = $5, outcome = 'not-recorded', judged_at = $6, position = $7
         WHERE agreement_id = $1 AND period_id = $2 AND limit_id = $3`,
        [data.agreementId, data.periodId, data.limitId, data.limit, data.unit, data.at, position],
      );
      return;
    }
    case 'ServiceLevelPeriodClosed': {
      const data = dataOf(event, 'ServiceLevelPeriodClosed');
      write(
        `UPDATE ${compliance} SET period_status = 'closed', position = $3 WHERE agreement_id = $1 AND period_id = $2`,
        [data.agreementId, data.periodId, position],
      );
      return;
    }
    default:
      return;
  }
}
