import pg from 'pg';

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
