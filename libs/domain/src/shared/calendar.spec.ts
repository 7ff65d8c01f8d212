import { describe, expect, it } from '@jest/globals';
import { addDuration, parseDuration } from './calendar.js';

describe('ISO-8601 duration arithmetic', () => {
  it.each([
    ['2026-01-01', 'P6M', '2026-07-01'],
    ['2026-01-31', 'P1M', '2026-02-28'],
    ['2028-01-31', 'P1M', '2028-02-29'],
    ['2026-03-15', 'P1Y', '2027-03-15'],
    ['2026-12-31', 'P1D', '2027-01-01'],
    ['2026-01-01', 'P2W', '2026-01-15'],
    ['2026-01-01', 'P1Y2M10D', '2027-03-11'],
    ['2026-03-01T10:00:00Z', 'PT4H30M', '2026-03-01T14:30:00.000Z'],
    ['2026-03-31T23:00:00+02:00', 'P1M', '2026-04-30T21:00:00.000Z'],
  ])('%s + %s = %s', (start, duration, expected) => {
    expect(addDuration(start, duration)).toBe(expected);
  });

  it('refuses what is not a duration', () => {
    expect(() => parseDuration('P')).toThrow(RangeError);
    expect(() => parseDuration('PT')).toThrow(RangeError);
    expect(() => parseDuration('1M')).toThrow(RangeError);
  });
});
