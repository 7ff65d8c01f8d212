import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDataSource } from '../../apps/api/src/database/database.js';
import { dropDatabase as dropDatabaseOf } from '../../test/support/database.js';

/** The PostgreSQL server the benchmarks make their throw-away databases on. */
export const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A connection string fit to print: its password masked. */
export function redact(text: string): string {
  const parsed = new URL(text);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** Runs `work` on a connection to the server's own database (to create and drop others). */
export async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database `bench_<label>_<random>` on the server with `migrationList` run in it; `drop()` removes it. */
export async function throwAwayDatabase(
  label: string,
  migrationList: Function[],
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bench_${label}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const drop = () => dropDatabase(name);
  const dataSource = createDataSource(url.toString(), migrationList);
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await drop();
    throw error;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
  return { url: url.toString(), drop };
}

/** Drops a database of the server once its sessions have gone (see the tests' `dropDatabase`). */
export const dropDatabase = (name: string): Promise<void> => dropDatabaseOf(serverUrl, name);
