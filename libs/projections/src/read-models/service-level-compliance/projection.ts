import type { ServiceLevelEventOf, ServiceLevelEventType } from '@lib/domain';
import type { RecordedEvent } from '@lib/event-store';
import type { Projection, ProjectionTransaction } from '../../runtime/projection.js';
import { PendingReadings } from './pending-readings.js';

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
    const readings = new PendingReadings();
    for (const event of events) {
      if (event.type === 'MeasurementRecorded' || event.type === 'WorkloadRecorded') {
        readings.add(event);
        continue;
      }
      const { agreementId, periodId } = event.data as { agreementId: string; periodId: string };
      readings.writePeriod(agreementId, periodId, tx);
      applyOne(event, tx);
    }
    readings.writeAll(tx);
  },
};

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
