import { describe, expect, it } from '@jest/globals';
import { assessTargetAlignment } from './alignment.js';
import type { TargetLevel } from './terms.js';

const level = (metric: TargetLevel['metric'], comparator: TargetLevel['comparator'], value: number, unit: string) => ({
  metric,
  comparator,
  value,
  unit,
});

describe('alignment of a supplier target with a customer target', () => {
  it.each([
    [
      'availability >= 99.9 % underpins >= 99.5 %',
      level('availability', '>=', 99.9, '%'),
      level('availability', '>=', 99.5, '%'),
      'aligned',
    ],
    [
      'availability >= 99.5 % underpins >= 99.5 %',
      level('availability', '>=', 99.5, '%'),
      level('availability', '>=', 99.5, '%'),
      'aligned',
    ],
    [
      'availability >= 99.0 % does not underpin >= 99.5 %',
      level('availability', '>=', 99, '%'),
      level('availability', '>=', 99.5, '%'),
      'misaligned',
    ],
    [
      'availability >= 99.5 % does not underpin > 99.5 %',
      level('availability', '>=', 99.5, '%'),
      level('availability', '>', 99.5, '%'),
      'misaligned',
    ],
    [
      'availability > 99.5 % underpins > 99.5 %',
      level('availability', '>', 99.5, '%'),
      level('availability', '>', 99.5, '%'),
      'aligned',
    ],
    [
      'response <= 2 h underpins <= 4 h',
      level('response-time', '<=', 2, 'h'),
      level('response-time', '<=', 4, 'h'),
      'aligned',
    ],
    [
      'response <= 120 min underpins <= 2 h',
      level('response-time', '<=', 120, 'min'),
      level('response-time', '<=', 2, 'h'),
      'aligned',
    ],
    [
      'response <= 5 h does not underpin <= 4 h',
      level('response-time', '<=', 5, 'h'),
      level('response-time', '<=', 4, 'h'),
      'misaligned',
    ],
    [
      'resolution < 8 h underpins <= 8 h',
      level('resolution-time', '<', 8, 'h'),
      level('resolution-time', '<=', 8, 'h'),
      'aligned',
    ],
    [
      'throughput >= 200 req/s underpins >= 100 req/s',
      level('throughput', '>=', 200, 'req/s'),
      level('throughput', '>=', 100, 'req/s'),
      'aligned',
    ],
    [
      'different metrics cannot be compared',
      level('availability', '>=', 99.9, '%'),
      level('response-time', '<=', 4, 'h'),
      'not-comparable',
    ],
    [
      'different throughput units cannot be compared',
      level('throughput', '>=', 200, 'req/s'),
      level('throughput', '>=', 100, 'req/min'),
      'not-comparable',
    ],
    [
      'unknown time units cannot be compared',
      level('response-time', '<=', 2, 'fortnights'),
      level('response-time', '<=', 4, 'h'),
      'not-comparable',
    ],
    [
      'custom metrics need a judgement',
      level('custom', '>=', 5, 'score'),
      level('custom', '>=', 4, 'score'),
      'not-comparable',
    ],
    [
      'opposite comparators cannot be compared',
      level('custom', '<=', 5, 'x'),
      level('custom', '>=', 4, 'x'),
      'not-comparable',
    ],
  ] as const)('%s', (_name, supplier, customer, outcome) => {
    const assessment = assessTargetAlignment(supplier, customer);
    expect(assessment.outcome).toBe(outcome);
    expect(assessment.risk === undefined).toBe(outcome === 'aligned');
  });
});
