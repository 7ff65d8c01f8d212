import pg from 'pg';
import { DataSource, type MigrationInterface } from 'typeorm';
import { ConfigurationError, type Configuration } from '../config/configuration.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';
import { migrations } from './migrations.js';

export interface Database {
  readonly url: string;
  /** Pool for the event store and projectors: plain SQL on the hot paths. */
  readonly pool: pg.Pool;
  /** TypeORM connection for migrations and read-model entities. */
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * Opens the database the configuration names, or the embedded one when it
 * names none, and brings its schema up to date.
 */
export async function openDatabase(
  config: Configuration,
  log: (line: string, level?: number) => void = () => undefined,
): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    log(`starting embedded PostgreSQL in ${config.EMBEDDED_POSTGRES_DIR} on port ${config.EMBEDDED_POSTGRES_PORT}`);
    embedded = await startEmbeddedPostgres({
      directory: config.EMBEDDED_POSTGRES_DIR,
      port: config.EMBEDDED_POSTGRES_PORT,
    });
    url = embedded.url;
  } else {
    await ensureReachable(url);
  }
  const pool = openPool(url, log);
  const dataSource = createDataSource(url);
  try {
    await dataSource.initialize();
    await migrateOnce(url, () => runMigrations(dataSource));
  } catch (error) {
    await pool.end();
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  return {
    url,
    pool,
    dataSource,
    async close() {
      await pool.end();
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

/**
 * When PostgreSQL restarts or stops, every open connection breaks and its client emits an error:
 * on the pool while idle, on the client while someone holds it between queries. Unheard, such an
 * error ends the process. Heard, the broken connection is dropped, whatever used it fails (a
 * request answers 503), and the pool connects afresh once the server is back.
 */
export function openPool(url: string, log: (line: string, level?: number) => void, max = 20): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  // The client's own listener (below) reports it; the pool repeats an idle client's error.
  pool.on('error', () => undefined);
  pool.on('connect', (client) =>
    client.on('error', (error) => log(`PostgreSQL connection lost: ${error.message}`, 40)),
  );
  return pool;
}

/**
 * Runs the pending migrations, each in a transaction of its own. A failure names the migration
 * that failed: it was rolled back, and the ones before it stay applied.
 */
async function runMigrations(dataSource: DataSource): Promise<void> {
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    const failed = await firstPendingMigration(dataSource).catch(() => undefined);
    throw new Error(
      `schema migration ${failed ?? '(unknown)'} failed and was rolled back: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

async function firstPendingMigration(dataSource: DataSource): Promise<string | undefined> {
  const applied = new Set(
    ((await dataSource.query('SELECT name FROM schema_migrations')) as { name: string }[]).map((row) => row.name),
  );
  return dataSource.migrations
    .map((migration) => migration.name ?? migration.constructor.name)
    .find((name) => !applied.has(name));
}

/** Any number of instances may start at once: one migrates while the others wait, then find nothing to do. */
async function migrateOnce(url: string, migrate: () => Promise<unknown>): Promise<void> {
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock(hashtextextended('schema-migrations', 0))");
    await migrate();
  } finally {
    await lock.end();
  }
}

export function createDataSource(url: string, migrationList: Function[] = migrations): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    migrations: migrationList as (new () => MigrationInterface)[],
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: false,
  });
}

async function ensureReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new ConfigurationError(
      'DATABASE_URL',
      `cannot connect to ${redact(url)}: ${(error as Error).message || String(error)}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The URL without its password, fit for an error message. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable url>';
  }
}
