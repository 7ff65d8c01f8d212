import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

/** One headline figure of a suite, as it appears in the report. */
export interface Figure {
  readonly measure: string;
  readonly value: number;
  readonly unit: string;
  /** The target as written in the issue, e.g. ">= 3000" or "< 50". */
  readonly target?: string;
  readonly met?: boolean;
}

export const resultsDirectory = () => resolve(process.cwd(), process.env.BENCH_RESULTS_DIR ?? 'bench/results');

/**
 * Writes `<results>/<suite>.json`: the headline figures the report is made of
 * (`summary`) and whatever detail the suite measured.
 */
export function writeSuiteResults(suite: string, summary: readonly Figure[], details: unknown): string {
  const directory = resultsDirectory();
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${suite}.json`);
  const body = {
    suite,
    ranAt: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    summary,
    details,
  };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  return file;
}

/** `value` against a ">= n" / "<= n" / "> n" / "< n" target. */
export function meets(value: number, target: string): boolean {
  const match = /^\s*(>=|<=|>|<)\s*([\d.]+)/.exec(target);
  if (!match) throw new Error(`Unreadable target: ${target}`);
  const bound = Number(match[2]);
  switch (match[1]) {
    case '>=':
      return value >= bound;
    case '<=':
      return value <= bound;
    case '>':
      return value > bound;
    default:
      return value < bound;
  }
}

export const figure = (measure: string, value: number, unit: string, target?: string): Figure =>
  target === undefined ? { measure, value, unit } : { measure, value, unit, target, met: meets(value, target) };
