/**
 * HTTP command benchmark: `node dist/bench/http.js` after `npm run build`.
 *
 * Runs the service as users run it (`node dist/apps/api/src/main.js` with the Node flags of
 * `npm start`, NODE_ENV=development, its projections, reactions and audit chain sealer in-process,
 * the Kafka relay too when KAFKA_BROKERS is set) on a throw-away database of the server in
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test). Through its API it sets up active
 * SLAs with monthly periods, then loads it with autocannon: recording a service level measurement (as fast as it
 * answers, at the target rate, and with an Idempotency-Key), and proposing an agreement amendment.
 * The baseline is a bare NestJS app with one JSON POST route, run the same way first. Every answer
 * must be 2xx. Prints a table and writes bench/results/http.json.
 *
 * Each case also shows the CPU time of the service and of its database backends per command, and
 * the database's transactions, rows fetched and rows written per command (projections and sealing
 * included), since on a shared machine CPU figures are noisy.
 *
 * BENCH_SECONDS (default 10) per case; BENCH_RATE (default 1500) offered in the rate-limited case;
 * BENCH_CONNECTIONS (default 32); BENCH_AGREEMENTS (default 100, each with 12 periods) for
 * measurements; BENCH_AMENDMENTS (default 3000: one agreement each); BENCH_CPU_PROF=<dir> writes a
 * CPU profile of the service there.
 */
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { activeAgreement, inParallel, month, ServiceClient, slaTerms } from './support/agreement-fixtures.js';
import { runLoad, type LoadOptions, type LoadResult, type Shot } from './support/http-load.js';
import { databaseWork, workPerCommand, type DatabaseWork } from './support/database-work.js';
import { DatabaseCpu } from './support/postgres-cpu.js';
import { figure, writeSuiteResults } from './support/results.js';
import { scriptNodeFlags, startServer, type ServerProcess } from './support/server-process.js';
import { admin, dropDatabase, redact, serverUrl } from './support/database.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const agreementCount = Number(process.env.BENCH_AGREEMENTS ?? 100);
const amendmentCount = Number(process.env.BENCH_AMENDMENTS ?? 3000);
const cpuProfileDir = process.env.BENCH_CPU_PROF;
/** The rate the latency target is set at; BENCH_RATE offers another. */
const TARGET_RATE = 1500;
const offeredRate = Number(process.env.BENCH_RATE ?? TARGET_RATE);
/** Service-manager keys the load is spread over: the rate limit is per credential. */
const KEY_COUNT = 4;
const dist = resolve(process.cwd(), 'dist');
const log = (line: string) => process.stdout.write(`${line}\n`);

/** One case: the load, and for the service what its database did per command (after catching up). */
type Case = LoadResult & { databaseWork?: DatabaseWork };

async function main(): Promise<void> {
  const results: Case[] = [];
  log(`HTTP benchmark: ${seconds}s per case, ${connections} connections, server ${redact(serverUrl)}`);
  const scratch = mkdtempSync(join(tmpdir(), 'bench-http-'));
  try {
    results.push(await baseline(scratch));
    await measureService(scratch, results);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The service on a database of its own, set up through its API, under each load. */
async function measureService(scratch: string, results: Case[]): Promise<void> {
  const name = `bench_http_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: url.toString(),
    AUDIT_SIGNING_KEY_FILE: join(scratch, 'audit-signing-key.pem'),
    KAFKA_TOPIC_PREFIX: `bench-http-${randomBytes(3).toString('hex')}`,
  };
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  let service: ServerProcess | undefined;
  try {
    service = await startServer({
      script: join(dist, 'apps/api/src/main.js'),
      port: await freePort(),
      env,
      ready: /listening on http/,
      logFile: join(scratch, 'service.log'),
      nodeOptions: [
        ...scriptNodeFlags('start'),
        ...(cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(cpuProfileDir)}`] : []),
      ],
    });
    const adminKey = /X-API-Key: (rak_\S+)/.exec(service.linesMatching(/X-API-Key: rak_/)[0] ?? '')?.[1];
    if (!adminKey) throw new Error('the service printed no first-run admin API key');
    const keys = await Promise.all(Array.from({ length: KEY_COUNT }, (_, i) => createKey(env, `bench-${i}`)));
    const provider = new ServiceClient(service.url, adminKey);
    const customer = new ServiceClient(service.url, keys[0]!);

    const started = Date.now();
    const periods = await measurementPeriods(provider, customer);
    const amendable = await inParallel(Array.from({ length: amendmentCount }), connections, () =>
      activeAgreement(provider, customer),
    );
    log(
      `set up ${periods.length} periods and ${amendable.length + agreementCount} agreements in ${Date.now() - started} ms`,
    );

    const measurement = measurementShots(periods, keys);
    const database = new DatabaseCpu(pool);
    const server = service;
    await runLoad({ name: 'warm-up', server, connections, seconds: 3, next: measurement });
    await caughtUp(pool);
    let before = await databaseWork(pool);
    // Each case starts with the background work of the one before done, and is charged with its own.
    const load = async (
      options: Omit<LoadOptions, 'server' | 'connections' | 'seconds' | 'database'> & { seconds?: number },
    ) => {
      const result = await runLoad({ server, connections, seconds, database, ...options });
      await caughtUp(pool);
      const after = await databaseWork(pool);
      const work = workPerCommand(before, after, result.requests);
      before = after;
      return report({ ...result, databaseWork: work });
    };
    results.push(await load({ name: 'record a measurement', next: measurement }));
    results.push(
      await load({ name: `record a measurement at ${offeredRate}/s`, rate: offeredRate, next: measurement }),
    );
    results.push(
      await load({
        name: 'record a measurement with an Idempotency-Key',
        next: () => {
          const shot = measurement();
          return { ...shot, headers: { ...shot.headers, 'idempotency-key': randomUUID() } };
        },
      }),
    );
    results.push(
      await load({
        name: 'propose an amendment',
        seconds: 120,
        amount: amendable.length,
        next: amendmentShots(amendable, keys),
      }),
    );
    const { peakRssMiB } = service.memory();
    const exit = await service.stop();
    service = undefined;
    if (exit !== 0) throw new Error(`the service exited with ${exit}`);
    summarise(results, peakRssMiB);
  } finally {
    await service?.stop();
    await pool.end();
    await dropDatabase(name);
  }
}

/** The bare NestJS route, under the same load as the measurements. */
async function baseline(scratch: string): Promise<LoadResult> {
  const server = await startServer({
    script: join(dist, 'bench/support/bare-nest-app.js'),
    port: await freePort(),
    env: process.env,
    ready: /^listening$/,
    logFile: join(scratch, 'baseline.log'),
  });
  try {
    const body = JSON.stringify(measurementBody('2026-03-31T23:00:00.000Z'));
    const next = (): Shot => ({ path: '/measurements', body, headers: { 'content-type': 'application/json' } });
    await runLoad({ name: 'warm-up', server, connections, seconds: 3, next });
    return report(await runLoad({ name: 'bare NestJS POST (baseline)', server, connections, seconds, next }));
  } finally {
    await server.stop();
  }
}

const measurementBody = (measuredAt: string) => ({
  targetId: 'availability',
  value: 99.9,
  source: 'probes',
  measuredAt,
});

/** Every agreement with a period open for each month of 2026: the streams measurements are spread over. */
async function measurementPeriods(provider: ServiceClient, customer: ServiceClient) {
  const agreements = await inParallel(Array.from({ length: agreementCount }), connections, () =>
    activeAgreement(provider, customer),
  );
  const periods = agreements.flatMap((agreementId) =>
    Array.from({ length: 12 }, (_, i) => ({ agreementId, ...month(i + 1) })),
  );
  await inParallel(periods, connections, ({ agreementId, periodId, start, end }) =>
    provider.post(`/agreements/${agreementId}/periods/${periodId}`, { start, end }),
  );
  return periods;
}

/** Measurements cycle through the periods and the keys. */
function measurementShots(periods: { agreementId: string; periodId: string; end: string }[], keys: string[]) {
  const shots = periods.map(({ agreementId, periodId, end }) => ({
    path: `/agreements/${agreementId}/periods/${periodId}/measurements`,
    body: JSON.stringify(measurementBody(new Date(Date.parse(end) - 3_600_000).toISOString())),
  }));
  let sent = 0;
  return (): Shot => {
    const shot = shots[sent % shots.length]!;
    const headers = { 'content-type': 'application/json', 'x-api-key': keys[sent % keys.length]! };
    sent++;
    return { ...shot, headers };
  };
}

/** One amendment per agreement: an agreement takes one open amendment at a time. */
function amendmentShots(agreements: string[], keys: string[]) {
  const body = JSON.stringify({
    side: 'provider',
    terms: slaTerms(99.8),
    rationale: 'Payroll runs move to daily',
    effectiveOn: '2026-06-01',
  });
  let sent = 0;
  return (): Shot => {
    const agreementId = agreements[sent % agreements.length]!;
    const headers = { 'content-type': 'application/json', 'x-api-key': keys[sent % keys.length]! };
    sent++;
    return { path: `/agreements/${agreementId}/amendments`, body, headers };
  };
}

/**
 * Waits until the projections, the relay and the sealer have caught up with the log (at most 120 s).
 * Reactions are left out: their checkpoints only move when an event of their types comes, and the
 * load sends none.
 */
async function caughtUp(pool: pg.Pool): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const { rows } = await pool.query<{ behind: string }>(
      `SELECT (SELECT count(*) FROM processor_checkpoints
                WHERE name NOT LIKE 'reaction:%'
                  AND position < (SELECT coalesce(max(global_position), 0) FROM events))
            + (SELECT CASE WHEN coalesce((SELECT max(global_position) FROM event_hashes), 0)
                              < (SELECT coalesce(max(global_position), 0) FROM events) THEN 1 ELSE 0 END) AS behind`,
    );
    if (Number(rows[0]!.behind) === 0) return;
    await new Promise((done) => setTimeout(done, 250));
  }
  log('warning: the projections or the sealer did not catch up within 120 s');
}

function report(result: Case): Case {
  log(
    `${result.name}: ${fmt(result.perSecond)}/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ` +
      `${result.non2xx} not 2xx, ${result.errors} errors; machine ${pct(result.machineCpuBusy)} busy, ` +
      `server ${pct(result.serverCpu)} of a core, ${cpuMs(result)} CPU ms per command (server / database), ` +
      `RSS ${result.serverRssMiB.toFixed(0)} MiB`,
  );
  if (result.databaseWork) {
    const rows = Object.entries(result.databaseWork.rowsWritten).map(([table, n]) => `${table} ${n}`);
    const { transactions, rowsFetched } = result.databaseWork;
    log(`  per command: ${transactions} transactions, ${rowsFetched} rows fetched; rows written: ${rows.join(', ')}`);
  }
  for (const refusal of result.refusals) log(`  ${refusal}`);
  return result;
}

function summarise(results: Case[], peakRssMiB: number): void {
  const [base, fastest, atTarget, idempotent, amendment] = results as [
    LoadResult,
    LoadResult,
    LoadResult,
    LoadResult,
    LoadResult,
  ];
  const failures = results.reduce((sum, result) => sum + result.non2xx + result.errors + result.timeouts, 0);
  const table = [
    '| case | connections | offered/s | 2xx/s | p50 ms | p90 ms | p99 ms | max ms | not 2xx | errors | machine busy | server CPU | CPU ms/answer (server / db) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.connections} | ${r.offeredRate ?? 'max'} | ${fmt(r.perSecond)} | ${r.p50Ms} | ${r.p90Ms} | ${r.p99Ms} | ${r.maxMs} | ` +
        `${r.non2xx} | ${r.errors + r.timeouts} | ${pct(r.machineCpuBusy)} | ${pct(r.serverCpu)} | ${cpuMs(r)} |`,
    ),
    `| service peak RSS (VmHWM) | | | ${peakRssMiB.toFixed(0)} MiB | | | | | | | | | |`,
  ];
  log(`\n${table.join('\n')}\n`);
  const file = writeSuiteResults(
    'http',
    [
      figure('record a measurement: commands/s', round(fastest.perSecond), 'commands/s', `>= ${TARGET_RATE}`),
      figure(
        `record a measurement: p99 at ${offeredRate}/s`,
        atTarget.p99Ms,
        'ms',
        offeredRate >= TARGET_RATE ? '< 50' : undefined,
      ),
      figure(`record a measurement: p50 at ${offeredRate}/s`, atTarget.p50Ms, 'ms'),
      figure('record a measurement: p99 as fast as answered', fastest.p99Ms, 'ms'),
      figure('record a measurement: service CPU per command', round2(fastest.serverCpuMsPerAnswer), 'ms'),
      figure('record a measurement: database CPU per command', round2(fastest.databaseCpuMsPerAnswer ?? NaN), 'ms'),
      figure('record a measurement with an Idempotency-Key: commands/s', round(idempotent.perSecond), 'commands/s'),
      figure('propose an amendment: commands/s', round(amendment.perSecond), 'commands/s'),
      figure('propose an amendment: p50', amendment.p50Ms, 'ms'),
      figure('propose an amendment: p99', amendment.p99Ms, 'ms'),
      figure('bare NestJS POST (baseline): requests/s', round(base.perSecond), 'requests/s'),
      figure('bare NestJS POST (baseline): p99', base.p99Ms, 'ms'),
      figure('service peak RSS under load', round(peakRssMiB), 'MiB', '< 300'),
      figure('answers not 2xx, errors and timeouts', failures, 'responses', '<= 0'),
    ],
    { connections, secondsPerCase: seconds, agreements: agreementCount, amendments: amendmentCount, cases: results },
  );
  log(`results written to ${file}`);
}

/** An API key made with the operator CLI, as an operator would. */
async function createKey(env: NodeJS.ProcessEnv, keyName: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(dist, 'apps/cli/src/main.js'), 'auth', 'create-key', '--role', 'service-manager', '--name', keyName],
    { env: { ...env, LOG_LEVEL: 'error' } },
  );
  const key = /X-API-Key: (rak_\S+)/.exec(stdout)?.[1];
  if (!key) throw new Error(`the CLI printed no key: ${stdout}`);
  return key;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

const round = (n: number) => Math.round(n);
const round2 = (n: number) => Math.round(100 * n) / 100;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (share: number) => `${Math.round(100 * share)}%`;
const cpuMs = (result: Case) =>
  `${result.serverCpuMsPerAnswer.toFixed(2)} / ${result.databaseCpuMsPerAnswer?.toFixed(2) ?? '-'}`;

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
