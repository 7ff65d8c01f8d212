import type { Comparator, Metric, TargetLevel } from './terms.js';

/** For `>=` and `>` a higher value is better (availability, throughput); for `<=` and `<` a lower one (times). */
export const higherIsBetter = (comparator: Comparator): boolean => comparator === '>=' || comparator === '>';

/** Whether a measured value meets a target. */
export function meetsTarget(level: Pick<TargetLevel, 'comparator' | 'value'>, measured: number): boolean {
  switch (level.comparator) {
    case '>=':
      return measured >= level.value;
    case '>':
      return measured > level.value;
    case '<=':
      return measured <= level.value;
    case '<':
      return measured < level.value;
    default: {
      const unknown: never = level.comparator;
      throw new Error(`Unknown comparator ${String(unknown)}`);
    }
  }
}

/** Whether a target value makes sense for its metric: availability is a percentage, the others cannot be negative. */
export function isValidValueFor(metric: Metric, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  switch (metric) {
    case 'availability':
      return value >= 0 && value <= 100;
    case 'response-time':
    case 'resolution-time':
    case 'throughput':
      return value >= 0;
    case 'custom':
      return true;
    default: {
      const unknown: never = metric;
      throw new Error(`Unknown metric ${String(unknown)}`);
    }
  }
}

const MILLIS_PER_TIME_UNIT: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  sec: 1000,
  min: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
};

/**
 * A target value in a unit two targets of the same metric can be compared in:
 * milliseconds for times, percent for availability, the unit as written otherwise.
 * Undefined when the unit is not understood for the metric.
 */
export function comparableValue(level: TargetLevel): { value: number; unit: string } | undefined {
  switch (level.metric) {
    case 'availability':
      return level.unit === '%' ? { value: level.value, unit: '%' } : undefined;
    case 'response-time':
    case 'resolution-time': {
      const factor = MILLIS_PER_TIME_UNIT[level.unit.toLowerCase()];
      return factor === undefined ? undefined : { value: level.value * factor, unit: 'ms' };
    }
    case 'throughput':
    case 'custom':
      return { value: level.value, unit: level.unit };
    default: {
      const unknown: never = level.metric;
      throw new Error(`Unknown metric ${String(unknown)}`);
    }
  }
}
