/**
 * Audit benchmark: `node dist/bench/audit.js` after `npm run build`.
 *
 * On a fresh database of the server in DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test)
 * it writes a synthetic log (AUDIT_BENCH_EVENTS, default 1,000,000 events), seals it and builds the
 * audit trail read model from it as the service does, then measures:
 * - the auditor's filtered pages of the trail (`queryTrail`, what GET /audit/events runs): by clause,
 *   agreement, party, actor, event type, time range, combined filters, a first and a deep cursor
 *   page; p50 and p99 over AUDIT_BENCH_RUNS runs each (default 200), parameters drawn at random;
 * - the evidence pack of a period holding the last AUDIT_BENCH_PERIOD_EVENTS events (default
 *   100,000; what `cli evidence export` runs: made and written to a file), in a child process of its
 *   own so that its peak memory is its own, with the time of each phase and the CPU it used; the
 *   pack is then checked as an auditor would (`verifyEvidencePack`).
 * Prints a table and writes bench/results/audit.json.
 *
 * AUDIT_BENCH_REUSE=<database> measures a database written by an earlier run and kept (with
 * AUDIT_BENCH_KEEP=1), so that a change can be compared on the same log.
 */
import { spawnSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createDataSource } from '../apps/api/src/database/database.js';
import {
  buildEvidencePack,
  queryTrail,
  verifyEvidencePack,
  type PackPhases,
  type TrailFilter,
} from '../libs/audit/src/index.js';
import { ChainSealer, PersonKeys, PostgresEventStore } from '../libs/event-store/src/index.js';
import { auditTrailProjection } from '../libs/projections/src/read-models/audit-trail/index.js';
import { rebuildProjection } from '../libs/projections/src/index.js';
import { figure, writeSuiteResults, type Figure } from './support/results.js';
import { writeSyntheticLog } from './support/synthetic-log.js';
import { admin, dropDatabase, redact, serverUrl } from './support/database.js';

const totalEvents = Number(process.env.AUDIT_BENCH_EVENTS ?? 1_000_000);
const runs = Number(process.env.AUDIT_BENCH_RUNS ?? 200);
const periodEvents = Number(process.env.AUDIT_BENCH_PERIOD_EVENTS ?? 100_000);
const PAGE = 50;
const PAGE_TARGET = '< 50';
const EXPORT_TARGET = '< 10';

const log = (line: string) => process.stdout.write(`${line}\n`);

/** What the queries draw their parameters from. */
interface Population {
  readonly agreementIds: string[];
  readonly partyIds: string[];
  readonly actors: string[];
  readonly from: Date;
  readonly to: Date;
  readonly head: bigint;
}

interface QueryCase {
  readonly name: string;
  readonly page: (draw: Draw) => { filter: TrailFilter; after?: bigint };
}

interface Draw {
  pick<T>(items: readonly T[]): T;
  /** A random tenth of the log's time. */
  window(): { from: Date; to: Date };
  /** A random position in the later half of the log. */
  deep(): bigint;
}

const TYPES = ['ServiceLevelTargetBreached', 'ComplaintRecorded', 'AgreementActivated', 'MeasurementRecorded'];

const CASES: readonly QueryCase[] = [
  { name: 'first page, no filter', page: () => ({ filter: {} }) },
  { name: 'by clause (8.3.2)', page: () => ({ filter: { clause: '8.3.2' } }) },
  { name: 'by clause (8.3.4.2)', page: () => ({ filter: { clause: '8.3.4.2' } }) },
  { name: 'by agreement', page: (d) => ({ filter: { agreementId: d.pick(population.agreementIds) } }) },
  { name: 'by party', page: (d) => ({ filter: { partyId: d.pick(population.partyIds) } }) },
  { name: 'by actor', page: (d) => ({ filter: { actor: d.pick(population.actors) } }) },
  { name: 'by event type', page: (d) => ({ filter: { type: d.pick(TYPES) } }) },
  { name: 'by time range (a tenth of the log)', page: (d) => ({ filter: d.window() }) },
  {
    name: 'clause + time range',
    page: (d) => ({ filter: { clause: d.pick(['8.3.2', '8.3.3', '8.3.4.1'] as const), ...d.window() } }),
  },
  {
    name: 'agreement + event type',
    page: (d) => ({
      filter: {
        agreementId: d.pick(population.agreementIds),
        type: d.pick(['MeasurementRecorded', 'ServiceLevelTargetMet']),
      },
    }),
  },
  {
    name: 'party + clause + time range',
    page: (d) => ({ filter: { partyId: d.pick(population.partyIds), clause: '8.3.3', ...d.window() } }),
  },
  {
    name: 'actor + event type + time range',
    page: (d) => ({ filter: { actor: d.pick(population.actors), type: d.pick(TYPES), ...d.window() } }),
  },
  { name: 'deep cursor page, clause (8.3.3)', page: (d) => ({ filter: { clause: '8.3.3' }, after: d.deep() }) },
  { name: 'deep cursor page, event type', page: (d) => ({ filter: { type: d.pick(TYPES) }, after: d.deep() }) },
];

let population: Population;

async function main(): Promise<void> {
  if (process.argv[2] === 'export') return exportInChild();
  const reuse = process.env.AUDIT_BENCH_REUSE;
  const name = reuse ?? `bench_audit_${randomBytes(4).toString('hex')}`;
  const url = databaseUrl(name);
  if (!reuse) await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const keep = Boolean(reuse) || process.env.AUDIT_BENCH_KEEP === '1';
  try {
    const dataSource = createDataSource(url);
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.destroy();
    const signingKey = reuse ? await storedKey(pool) : await prepare(pool, url);
    await run(pool, name, signingKey);
  } finally {
    await pool.end();
    if (keep) log(`database ${name} kept`);
    else await dropDatabase(name);
  }
}

/** Writes the log, seals it and builds the audit trail: the state of a service that has run for a while. */
async function prepare(pool: pg.Pool, url: string): Promise<KeyObject> {
  const { privateKey } = generateKeyPairSync('ed25519');
  // Kept with the bench's data so that a later run on the same database signs with the same key.
  await pool.query('CREATE TABLE bench_signing_key (pem text NOT NULL)');
  await pool.query('INSERT INTO bench_signing_key VALUES ($1)', [
    privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  ]);
  const store = new PostgresEventStore(pool);
  let started = performance.now();
  const progress = (done: number, what: string) => {
    if (done % 100_000 === 0) log(`  ${what}: ${done.toLocaleString('en-US')}`);
  };
  const synthetic = await writeSyntheticLog(store, {
    events: totalEvents,
    onProgress: (written) => progress(written, 'written'),
  });
  log(`synthetic log: ${synthetic.events} events in ${seconds(started)} s`);
  await pool.query('CREATE TABLE bench_population (body jsonb NOT NULL)');
  await pool.query('INSERT INTO bench_population VALUES ($1)', [JSON.stringify(synthetic)]);

  started = performance.now();
  const sealer = new ChainSealer(pool, { signingKey: privateKey, batchSize: 5000 });
  await sealer.sealPending();
  await sealer.checkpoint();
  log(`sealed in ${seconds(started)} s`);

  started = performance.now();
  let reported = 0;
  const rebuilt = await rebuildProjection(auditTrailProjection, {
    pool,
    store,
    lockConnection: { connectionString: url },
    onProgress: ({ applied }) => {
      if (applied - reported >= 100_000) log(`  audit trail: ${(reported = applied).toLocaleString('en-US')}`);
    },
  });
  await store.close();
  log(`audit trail built: ${rebuilt.applied} events in ${seconds(started)} s`);
  // A database in service has long been analysed by autovacuum; a fresh one not yet.
  await pool.query('VACUUM ANALYZE');
  return privateKey;
}

async function storedKey(pool: pg.Pool): Promise<KeyObject> {
  const { rows } = await pool.query<{ pem: string }>('SELECT pem FROM bench_signing_key');
  return createPrivateKey(rows[0]!.pem);
}

async function run(pool: pg.Pool, name: string, signingKey: KeyObject): Promise<void> {
  const { rows } = await pool.query<{ body: Population & { from: string; to: string } }>(
    'SELECT body FROM bench_population',
  );
  const stored = rows[0]!.body;
  const head = await pool.query<{ p: string }>('SELECT max(global_position) AS p FROM events');
  population = { ...stored, from: new Date(stored.from), to: new Date(stored.to), head: BigInt(head.rows[0]!.p) };
  log(
    `audit benchmark: ${cpus().length} CPUs, ${population.head} events, ${population.agreementIds.length} agreements, ` +
      `${population.partyIds.length} parties, ${runs} runs a query, server ${redact(serverUrl)}`,
  );

  const keys = new PersonKeys(pool);
  const queries = [];
  for (const queryCase of CASES) {
    const result = await measureQuery(pool, keys, queryCase);
    queries.push(result);
    log(
      `${queryCase.name.padEnd(40)} p50 ${result.p50Ms.toFixed(1).padStart(7)} ms  p99 ${result.p99Ms.toFixed(1).padStart(7)} ms  (${result.meanItems.toFixed(0)} items a page)`,
    );
  }

  const period = await periodOfLastEvents(pool, periodEvents);
  const exported = runExport(name, signingKey, period);
  log(
    `evidence export: ${exported.events} events in ${(exported.milliseconds / 1000).toFixed(2)} s, ` +
      `${(exported.bytes / 2 ** 20).toFixed(1)} MiB archive, peak RSS ${exported.peakRssMiB.toFixed(0)} MiB, ` +
      `CPU ${(exported.cpuMilliseconds / 1000).toFixed(2)} s; phases (ms) ${Object.entries(exported.phases)
        .map(([phase, ms]) => `${phase} ${ms}`)
        .join(', ')}, written ${exported.writeMilliseconds}; ` +
      `offline verification ${(exported.verifyMilliseconds / 1000).toFixed(2)} s: ${exported.verified ? 'OK' : 'NOT OK'}`,
  );
  if (!exported.verified || !exported.intact) throw new Error('the evidence pack does not verify');

  const table = [
    '| measure | p50 ms | p99 ms | target |',
    '| --- | ---: | ---: | --- |',
    ...queries.map(
      (q) => `| page of ${PAGE}: ${q.name} | ${q.p50Ms.toFixed(1)} | ${q.p99Ms.toFixed(1)} | p99 ${PAGE_TARGET} ms |`,
    ),
    `| evidence export, ${exported.events} events | ${(exported.milliseconds / 1000).toFixed(2)} s | | ${EXPORT_TARGET} s |`,
    `| evidence export peak memory (RSS) | ${exported.peakRssMiB.toFixed(0)} MiB | | |`,
    `| evidence export CPU (user + system) | ${(exported.cpuMilliseconds / 1000).toFixed(2)} s | | |`,
  ];
  log(`\n${table.join('\n')}\n`);

  const summary: Figure[] = [
    ...queries.map((q) => figure(`trail page p99: ${q.name}`, round(q.p99Ms), 'ms', PAGE_TARGET)),
    figure(`evidence export of ${exported.events} events`, round(exported.milliseconds / 1000), 's', EXPORT_TARGET),
    figure('evidence export peak memory (RSS)', Math.round(exported.peakRssMiB), 'MiB'),
    figure('evidence export CPU', round(exported.cpuMilliseconds / 1000), 's'),
  ];
  const file = writeSuiteResults('audit', summary, {
    events: population.head.toString(),
    agreements: population.agreementIds.length,
    parties: population.partyIds.length,
    runsPerQuery: runs,
    pageSize: PAGE,
    postgres: (await pool.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v,
    queries,
    export: { ...exported, period: { from: period.from.toISOString(), to: period.to.toISOString() } },
  });
  log(`results written to ${file}`);
}

async function measureQuery(pool: pg.Pool, keys: PersonKeys, queryCase: QueryCase) {
  const draw = drawing(1 + CASES.indexOf(queryCase));
  const latencies: number[] = [];
  let items = 0;
  for (let i = 0; i < runs + 10; i++) {
    const { filter, after } = queryCase.page(draw);
    const before = performance.now();
    const page = await queryTrail(pool, keys, filter, { after, limit: PAGE });
    // The first runs warm the connections and the cache.
    if (i < 10) continue;
    latencies.push(performance.now() - before);
    items += page.items.length;
  }
  latencies.sort((a, b) => a - b);
  return {
    name: queryCase.name,
    runs,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    maxMs: latencies[latencies.length - 1]!,
    meanItems: items / runs,
  };
}

/** A seeded draw, so that before and after a change the same pages are asked for. */
function drawing(seed: number): Draw {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    pick: (items) => items[Math.floor(random() * items.length)]!,
    window: () => {
      const span = population.to.getTime() - population.from.getTime();
      const start = population.from.getTime() + random() * span * 0.9;
      return { from: new Date(start), to: new Date(start + span / 10) };
    },
    deep: () => population.head / 2n + BigInt(Math.floor(random() * Number(population.head / 2n))),
  };
}

/** The period holding the last `count` events of the log (the server clock gave them their time). */
async function periodOfLastEvents(pool: pg.Pool, count: number): Promise<{ from: Date; to: Date }> {
  const { rows } = await pool.query<{ from: Date; to: Date }>(
    `SELECT (SELECT recorded_at FROM events ORDER BY global_position DESC OFFSET $1 LIMIT 1) AS from,
            (SELECT max(recorded_at) FROM events) + interval '1 millisecond' AS to`,
    [count - 1],
  );
  return rows[0]!;
}

interface ExportResult {
  readonly events: number;
  /** Made and written to a file. */
  readonly milliseconds: number;
  readonly phases: PackPhases;
  readonly writeMilliseconds: number;
  readonly cpuMilliseconds: number;
  readonly bytes: number;
  readonly peakRssMiB: number;
  readonly intact: boolean;
  readonly verified: boolean;
  readonly verifyMilliseconds: number;
  readonly problems: readonly string[];
}

/** Runs the export in a process of its own (with this one's Node flags): its peak memory is then the export's alone. */
function runExport(name: string, signingKey: KeyObject, period: { from: Date; to: Date }): ExportResult {
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      'export',
      name,
      period.from.toISOString(),
      period.to.toISOString(),
    ],
    {
      input: signingKey.export({ type: 'pkcs8', format: 'pem' }),
      encoding: 'utf8',
      maxBuffer: 2 ** 26,
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  if (child.status !== 0) throw new Error(`the export failed (exit ${child.status})`);
  return JSON.parse(child.stdout) as ExportResult;
}

async function exportInChild(): Promise<void> {
  const [, , , name, from, to] = process.argv;
  const signingKey = createPrivateKey(readFileSync(0, 'utf8'));
  const pool = new pg.Pool({ connectionString: databaseUrl(name!), max: 10 });
  const folder = mkdtempSync(join(tmpdir(), 'evidence-bench-'));
  const file = join(folder, 'pack.zip');
  try {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const pack = await buildEvidencePack(pool, new PersonKeys(pool), {
      period: { from: new Date(from!), to: new Date(to!) },
      signingKey,
      createdBy: 'bench',
    });
    const writing = performance.now();
    await pack.writeTo(createWriteStream(file));
    const written = performance.now();
    const milliseconds = written - started;
    const used = process.cpuUsage(cpu);
    const peakRssMiB = process.resourceUsage().maxRSS / 1024;
    const checking = performance.now();
    const verification = verifyEvidencePack(readFileSync(file), { key: signingKey });
    const result: ExportResult = {
      events: pack.events,
      milliseconds,
      phases: pack.phases,
      writeMilliseconds: Math.round(written - writing),
      cpuMilliseconds: Math.round((used.user + used.system) / 1000),
      bytes: pack.bytes,
      peakRssMiB,
      intact: pack.intact,
      verified: verification.ok,
      verifyMilliseconds: performance.now() - checking,
      problems: verification.problems.map((problem) => `${problem.file}: ${problem.message}`),
    };
    process.stdout.write(JSON.stringify(result));
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await pool.end();
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : 0;
const round = (value: number) => Math.round(value * 100) / 100;
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

function databaseUrl(name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
