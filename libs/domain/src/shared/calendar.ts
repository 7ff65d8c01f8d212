import { z } from 'zod';

/**
 * Calendar arithmetic for terms, planned intervals and waiting times. Pure: every date is passed in.
 * Dates are ISO-8601 calendar dates (`2026-03-01`, read as UTC days) or instants
 * with an offset (`2026-03-01T09:00:00Z`); durations are ISO-8601 (`P1M`, `PT4H`).
 */

/** Whole-number ISO-8601 durations: years, months, weeks, days, hours, minutes, seconds. */
export const ISO_DURATION_PATTERN = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

export const isoDurationSchema = z
  .string()
  .regex(ISO_DURATION_PATTERN)
  .describe('ISO-8601 duration, e.g. P1M, P1Y, PT4H');
/** Durations without a time part, for intervals between calendar dates (P3M, P1Y). */
export const isoDateDurationSchema = z
  .string()
  .regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$/)
  .describe('ISO-8601 duration of days, weeks, months or years, e.g. P3M');
export const isoDateSchema = z.iso.date().describe('ISO-8601 calendar date (UTC day)');
export const isoInstantSchema = z.iso.datetime({ offset: true }).describe('ISO-8601 instant with offset');

export interface DurationParts {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

export function parseDuration(duration: string): DurationParts {
  const match = ISO_DURATION_PATTERN.exec(duration);
  if (!match) throw new RangeError(`Not an ISO-8601 duration: ${duration}`);
  const n = (part: string | undefined) => (part ? Number(part.slice(0, -1)) : 0);
  return {
    years: n(match[1]),
    months: n(match[2]),
    weeks: n(match[3]),
    days: n(match[4]),
    hours: n(match[6]),
    minutes: n(match[7]),
    seconds: n(match[8]),
  };
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Milliseconds since the epoch of a date (its UTC midnight) or an instant. */
export function toMillis(dateOrInstant: string): number {
  const millis = Date.parse(dateOrInstant);
  if (Number.isNaN(millis)) throw new RangeError(`Not an ISO-8601 date or instant: ${dateOrInstant}`);
  return millis;
}

/**
 * Adds an ISO-8601 duration to a date or instant and answers in the same form
 * (a date for a date, a UTC instant for an instant). Months and years clamp to
 * the end of the month, as contracts do: 2026-01-31 + P1M = 2026-02-28.
 */
export function addDuration(dateOrInstant: string, duration: string): string {
  const parts = parseDuration(duration);
  const start = new Date(toMillis(dateOrInstant));
  const totalMonths = start.getUTCMonth() + parts.months + 12 * parts.years;
  const year = start.getUTCFullYear() + Math.floor(totalMonths / 12);
  const month = ((totalMonths % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(start.getUTCDate(), lastDay);
  const shifted = Date.UTC(
    year,
    month,
    day,
    start.getUTCHours(),
    start.getUTCMinutes(),
    start.getUTCSeconds(),
    start.getUTCMilliseconds(),
  );
  const fixed =
    ((parts.weeks * 7 + parts.days) * 24 * 3600 + parts.hours * 3600 + parts.minutes * 60 + parts.seconds) * 1000;
  const result = new Date(shifted + fixed).toISOString();
  return DATE_ONLY.test(dateOrInstant) ? result.slice(0, 10) : result;
}

/** The first instant after a calendar day, so that a day given as an end date is included. */
export const endOfDay = (date: string): number => toMillis(addDuration(date, 'P1D'));

export const isBefore = (a: string, b: string): boolean => toMillis(a) < toMillis(b);
