import type pg from 'pg';

/** What one database did: transactions committed, rows fetched, and rows written per table, from its statistics. */
export interface DatabaseWork {
  readonly transactions: number;
  readonly rowsFetched: number;
  readonly rowsWritten: Readonly<Record<string, number>>;
}

/** Statistics are reported by each backend within ten seconds of going idle. */
const REPORTING_DELAY_MS = 11_000;

/** The statistics of the current database, once every idle backend has reported its work. */
export async function databaseWork(pool: pg.Pool): Promise<DatabaseWork> {
  await new Promise((done) => setTimeout(done, REPORTING_DELAY_MS));
  const [{ rows: database }, { rows: tables }] = await Promise.all([
    pool.query<{ commits: string; fetched: string }>(
      'SELECT xact_commit AS commits, tup_fetched AS fetched FROM pg_stat_database WHERE datname = current_database()',
    ),
    pool.query<{ name: string; written: string }>(
      'SELECT relname AS name, n_tup_ins + n_tup_upd + n_tup_del AS written FROM pg_stat_user_tables',
    ),
  ]);
  return {
    transactions: Number(database[0]!.commits),
    rowsFetched: Number(database[0]!.fetched),
    rowsWritten: Object.fromEntries(tables.map(({ name, written }) => [name, Number(written)])),
  };
}

/** The work between two readings, per command, the busiest tables first. */
export function workPerCommand(before: DatabaseWork, after: DatabaseWork, commands: number): DatabaseWork {
  const per = (n: number) => Math.round((100 * n) / Math.max(1, commands)) / 100;
  const rows = Object.entries(after.rowsWritten)
    .map(([name, written]) => [name, per(written - (before.rowsWritten[name] ?? 0))] as const)
    .filter(([, written]) => written > 0)
    .sort((a, b) => b[1] - a[1]);
  return {
    transactions: per(after.transactions - before.transactions),
    rowsFetched: per(after.rowsFetched - before.rowsFetched),
    rowsWritten: Object.fromEntries(rows),
  };
}
