/**
 * Projection benchmark: `node dist/bench/projections.js` after `npm run build`.
 *
 * On a fresh database of the server in DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test)
 * it writes a synthetic log of BENCH_PROJECTION_EVENTS events (default 1,000,000) through the event
 * store, then measures:
 * - catch-up: every projection's live projector starting from zero, until all reach the head;
 * - rebuild: a full rebuild of every projection (fresh tables, swapped in);
 * - lag: appends at a steady BENCH_LAG_RATE events/s (default 1,000) for BENCH_LAG_SECONDS (default 30)
 *   with the projectors running on connections of their own; an event's lag is the time from its append's acknowledgement until
 *   every projection's checkpoint has passed it. The load runs BENCH_LAG_WARMUP_SECONDS (default 5) before
 *   that, uncounted: the target is the steady state, and the projectors start right before the load.
 * Prints a table and writes bench/results/projections.json.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { migrations } from '../apps/api/src/database/migrations.js';
import { projections } from '../apps/api/src/projections/projections.js';
import { PostgresEventStore, type NewEvent } from '../libs/event-store/src/index.js';
import { ProjectorRunner, projectionCheckpoint, rebuildProjections } from '../libs/projections/src/index.js';
import { DatabaseCpu } from './support/postgres-cpu.js';
import { figure, writeSuiteResults } from './support/results.js';
import { syntheticAccounts, writeSyntheticLog } from './support/synthetic-log.js';
import { throwAwayDatabase } from './support/database.js';

const events = Number(process.env.BENCH_PROJECTION_EVENTS ?? 1_000_000);
const lagRate = Number(process.env.BENCH_LAG_RATE ?? 1_000);
const lagSeconds = Number(process.env.BENCH_LAG_SECONDS ?? 30);
const lagWarmUpSeconds = Number(process.env.BENCH_LAG_WARMUP_SECONDS ?? 5);
const log = (line: string) => process.stdout.write(`${line}\n`);
const checkpointNames = projections.map((projection) => projectionCheckpoint(projection.name));

async function main(): Promise<void> {
  const database = await throwAwayDatabase('projections', migrations);
  // Idle connections stay open so that the CPU of their server processes can be counted per phase.
  const pool = new pg.Pool({ connectionString: database.url, max: 20, idleTimeoutMillis: 0 });
  const store = new PostgresEventStore(pool);
  try {
    await run(pool, store, database.url);
  } finally {
    await store.close();
    await pool.end();
    await database.drop();
  }
}

async function run(pool: pg.Pool, store: PostgresEventStore, url: string): Promise<void> {
  log(`projection benchmark: ${events.toLocaleString('en-US')} events, ${projections.length} projections`);
  const writeStart = performance.now();
  let shown = 0;
  const written = await writeSyntheticLog(store, {
    events,
    onProgress: (n) => {
      if (n - shown >= 100_000) log(`  log: ${(shown = n).toLocaleString('en-US')} events`);
    },
  });
  const writeSeconds = (performance.now() - writeStart) / 1000;
  log(
    `log written: ${written.events} events in ${writeSeconds.toFixed(1)} s (${fmt(written.events / writeSeconds)} events/s)`,
  );
  await pool.query('VACUUM ANALYZE events');
  const head = await store.headPosition();

  const lockConnection = { connectionString: url };
  const catchUpStart = performance.now();
  const runner = new ProjectorRunner(projections, { pool, store, lockConnection });
  await runner.start();
  await waitFor(pool, head, 5_000);
  const catchUpSeconds = (performance.now() - catchUpStart) / 1000;
  await runner.stop();
  log(`catch-up: ${fmt(written.events / catchUpSeconds)} events/s (${catchUpSeconds.toFixed(1)} s)`);

  const rebuildCpu = await cpuMeter(pool);
  const rebuildStart = performance.now();
  const rebuilt = await rebuildProjections(projections, { pool, store, lockConnection });
  const rebuildSeconds = (performance.now() - rebuildStart) / 1000;
  const rebuildCost = await rebuildCpu(written.events);
  log(`rebuild of all: ${fmt(written.events / rebuildSeconds)} events/s (${rebuildSeconds.toFixed(1)} s)`);
  log(`  cpu per event: node ${rebuildCost.node.toFixed(1)} µs, postgres ${rebuildCost.postgres.toFixed(1)} µs`);
  for (const result of rebuilt) log(`  ${result.name}: ${result.applied} events in ${result.seconds.toFixed(1)} s`);

  // The projectors run as a process of their own would: with their own connections, so that the
  // appends, which stand for the API's commands, do not queue them behind a pool they saturate.
  const projectorPool = new pg.Pool({ connectionString: url, max: 12, idleTimeoutMillis: 0 });
  const projectorStore = new PostgresEventStore(projectorPool);
  const live = new ProjectorRunner(projections, { pool: projectorPool, store: projectorStore, lockConnection });
  await live.start();
  const lag = await steadyLag(pool, store);
  await live.stop();
  await projectorStore.close();
  await projectorPool.end();
  log(
    `lag at ${lag.rate.toFixed(0)} events/s (after ${lagWarmUpSeconds} s of warm-up): p50 ${lag.p50.toFixed(0)} ms, p99 ${lag.p99.toFixed(0)} ms, max ${lag.max.toFixed(0)} ms`,
  );
  log(
    `  cpu per event (appends included): node ${lag.cpuMicrosecondsPerEvent.node.toFixed(1)} µs, postgres ${lag.cpuMicrosecondsPerEvent.postgres.toFixed(1)} µs`,
  );

  const summary = [
    figure('full rebuild of all projections', written.events / rebuildSeconds, 'events/s', '>= 20000'),
    figure('catch-up of all projections from zero', written.events / catchUpSeconds, 'events/s'),
    figure(`projection lag p50 at ${lagRate} events/s`, lag.p50, 'ms'),
    figure(`projection lag p99 at ${lagRate} events/s`, lag.p99, 'ms', '< 500'),
  ];
  const table = [
    '| measure | value | target |',
    '| --- | ---: | --- |',
    `| log written | ${fmt(written.events / writeSeconds)} events/s | |`,
    ...summary.map(
      (f) =>
        `| ${f.measure} | ${fmt(f.value)} ${f.unit} | ${f.target ?? ''}${f.target ? (f.met ? ' met' : ' missed') : ''} |`,
    ),
  ];
  log(`\n${table.join('\n')}\n`);
  const file = writeSuiteResults('projections', summary, {
    events: written.events,
    projections: projections.map((projection) => projection.name),
    postgres: (await pool.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v,
    log: { seconds: writeSeconds, eventsPerSecond: written.events / writeSeconds },
    catchUp: { seconds: catchUpSeconds, eventsPerSecond: written.events / catchUpSeconds },
    rebuild: {
      seconds: rebuildSeconds,
      eventsPerSecond: written.events / rebuildSeconds,
      cpuMicrosecondsPerEvent: rebuildCost,
      projections: rebuilt.map(({ name, applied, seconds }) => ({ name, applied, seconds })),
    },
    lag: {
      ...lag,
      targetRate: lagRate,
      seconds: lagSeconds,
      warmUpSeconds: lagWarmUpSeconds,
    },
  });
  log(`results written to ${file}`);
}

/** Resolves once every projection's checkpoint is at `position` or past it; polls every `everyMs`. */
async function waitFor(pool: pg.Pool, position: bigint, everyMs: number): Promise<void> {
  while ((await slowestCheckpoint(pool)) < position) await sleep(everyMs);
}

async function slowestCheckpoint(db: Pick<pg.Pool, 'query'>): Promise<bigint> {
  const { rows } = await db.query<{ position: string | null; n: number }>(
    'SELECT min(position) AS position, count(*)::int AS n FROM processor_checkpoints WHERE name = ANY($1)',
    [checkpointNames],
  );
  return rows[0]!.n === checkpointNames.length ? BigInt(rows[0]!.position ?? 0) : 0n;
}

/**
 * Appends single-event commands (new accounts of the synthetic log, one stream never written by two
 * appends at once) at `lagRate` events/s; a watcher reads the slowest checkpoint every 5 ms. Counts
 * the events acknowledged after the warm-up, and the CPU used from then on.
 */
async function steadyLag(pool: pg.Pool, store: PostgresEventStore) {
  // One queue per stream, taken round-robin: a stream never has two appends in flight.
  const streams = new Map<string, NewEvent[]>();
  for (const account of syntheticAccounts(Math.ceil(lagRate * (lagWarmUpSeconds + lagSeconds) * 1.1), 7)) {
    for (const wave of account) {
      for (const { streamId, events } of wave) streams.set(streamId, [...(streams.get(streamId) ?? []), ...events]);
    }
  }
  const queues = [...streams].map(([streamId, events]) => ({ streamId, events }));
  const versions = new Map<string, number>();
  const busy = new Set<string>();
  const pending: { position: bigint; acknowledged: number }[] = [];
  const lags: number[] = [];
  let running = true;
  let measuredFrom = Infinity;
  let meter: Awaited<ReturnType<typeof cpuMeter>> | undefined;
  const watcher = (async () => {
    const client = await pool.connect();
    try {
      while (running || pending.length > 0) {
        const passed = await slowestCheckpoint(client);
        const now = performance.now();
        for (let i = pending.length - 1; i >= 0; i--) {
          if (pending[i]!.position > passed) continue;
          const { acknowledged } = pending.splice(i, 1)[0]!;
          if (acknowledged >= measuredFrom) lags.push(now - acknowledged);
        }
        await sleep(5);
      }
    } finally {
      client.release();
    }
  })();
  const start = performance.now();
  const warmedUp = start + lagWarmUpSeconds * 1000;
  const deadline = warmedUp + lagSeconds * 1000;
  let issued = 0;
  let issuedWarmingUp = 0;
  let turn = 0;
  const inFlight = new Set<Promise<void>>();
  while (performance.now() < deadline && queues.length > 0) {
    if (measuredFrom === Infinity && performance.now() >= warmedUp) {
      meter = await cpuMeter(pool);
      issuedWarmingUp = issued;
      measuredFrom = performance.now();
    }
    const due = Math.floor(((performance.now() - start) / 1000) * lagRate);
    for (let tried = 0; issued < due && tried < queues.length; tried++) {
      turn = (turn + 1) % queues.length;
      const queue = queues[turn]!;
      if (busy.has(queue.streamId)) continue;
      const { streamId } = queue;
      const event = queue.events.shift()!;
      if (queue.events.length === 0) queues.splice(turn, 1);
      const version = versions.get(streamId) ?? -1;
      versions.set(streamId, version + 1);
      busy.add(streamId);
      issued++;
      tried = -1;
      const append = store
        .appendToStream(streamId, [event], { expectedVersion: version === -1 ? 'no-stream' : version })
        .then((result) => {
          pending.push({ position: result.positions[0]!, acknowledged: performance.now() });
        })
        .finally(() => {
          busy.delete(streamId);
          inFlight.delete(append);
        });
      inFlight.add(append);
    }
    await sleep(1);
  }
  if (!meter) throw new Error('the synthetic load ran out before the warm-up ended');
  const seconds = (performance.now() - measuredFrom) / 1000;
  await Promise.all(inFlight);
  running = false;
  await watcher;
  lags.sort((a, b) => a - b);
  return {
    events: lags.length,
    rate: (issued - issuedWarmingUp) / seconds,
    p50: percentile(lags, 0.5),
    p99: percentile(lags, 0.99),
    max: lags.at(-1) ?? 0,
    cpuMicrosecondsPerEvent: await meter(lags.length),
  };
}

/**
 * Starts counting CPU time: this process's and that of the server processes of the benchmark's database.
 * Wall time on a shared machine says little; CPU time per event says what the work costs. The returned
 * function answers microseconds per event.
 */
async function cpuMeter(pool: pg.Pool): Promise<(events: number) => Promise<{ node: number; postgres: number }>> {
  const database = new DatabaseCpu(pool);
  await database.reset();
  const node = process.cpuUsage();
  return async (events) => {
    const used = process.cpuUsage(node);
    const postgres = (await database.used()) * 1e6;
    const per = (micros: number) => (events > 0 ? micros / events : 0);
    return { node: per(used.user + used.system), postgres: per(postgres) };
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : 0;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
