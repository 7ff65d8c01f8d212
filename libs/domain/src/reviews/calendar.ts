import { z } from 'zod';

/**
 * Calendar arithmetic for planned intervals and waiting times. Pure: every date
 * comes in as an argument. Kept inside the contexts that use it (reviews,
 * complaints) and not re-exported, so it cannot clash with other contexts' helpers.
 */

/** Whole-number ISO 8601 durations (P3M, P1Y, P14D, PT48H); fractions are not needed here. */
const DURATION = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Durations without a time part, for intervals between calendar dates. */
const DATE_DURATION = /^P(?!$)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?$/;

export const durationSchema = z.string().regex(DURATION, 'expected an ISO 8601 duration such as P14D or PT48H');
export const dateDurationSchema = z
  .string()
  .regex(DATE_DURATION, 'expected an ISO 8601 duration of days, weeks, months or years such as P3M');
export const instantSchema = z.iso.datetime({ offset: true });
export const dateSchema = z.iso.date();

/** Milliseconds since the epoch of an instant, or of a date's UTC midnight. */
export const millisOf = (dateOrInstant: string): number => Date.parse(dateOrInstant);

/**
 * Adds a duration to an instant or a date. Years and months move on the
 * calendar and clamp to the month's last day (31 January + P1M = 28 February),
 * which is what people mean by "monthly".
 */
function addToMillis(start: number, duration: string): number {
  const match = DURATION.exec(duration);
  if (!match) throw new RangeError(`Not an ISO 8601 duration: ${duration}`);
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  const date = new Date(start);
  const year = date.getUTCFullYear() + years;
  const month = date.getUTCMonth() + months;
  const lastDayOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  date.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastDayOfMonth));
  const dayMillis = 86_400_000;
  return date.getTime() + (weeks * 7 + days) * dayMillis + ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

/** The instant (UTC, ISO 8601) a duration after another instant. */
export const instantAfter = (instant: string, duration: string): string =>
  new Date(addToMillis(millisOf(instant), duration)).toISOString();

/** The calendar date a date-only duration after a date. */
export const dateAfter = (date: string, duration: string): string =>
  new Date(addToMillis(millisOf(date), duration)).toISOString().slice(0, 10);
