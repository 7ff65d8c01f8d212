/**
 * Event store benchmark: `npm run bench:event-store` (builds, then runs dist/bench/event-store.js).
 *
 * On a fresh database of the server in DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test)
 * it measures appends (1, 8 and 32 concurrent writers on distinct streams, 1-event and 100-event
 * appends) next to plain INSERTs of the same payloads with the same concurrency, then readAll,
 * sealing and verification over everything written. Prints a table and writes
 * bench/results/event-store.json (see bench/support/results.ts). BENCH_SECONDS sets the measured
 * duration of each append case (default 3), after BENCH_WARMUP_SECONDS uncounted (default 1).
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import {
  ChainSealer,
  eventStoreMigrations,
  PostgresEventStore,
  verifyChainInParallel,
  type AppendNotification,
  type NewEvent,
} from '../libs/event-store/src/index.js';
import { figure, writeSuiteResults } from './support/results.js';
import { redact, serverUrl, throwAwayDatabase } from './support/database.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
/** Each append case first runs this long uncounted, so that both sides are measured warm. */
const warmUpSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 1);

interface AppendCase {
  readonly name: string;
  readonly writers: number;
  readonly batch: number;
  readonly appendsPerSecond: number;
  readonly eventsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly events: number;
  /** CPU per event of this process, and of the server's backends of the bench database (when it runs on this host). */
  readonly clientUsPerEvent: number;
  readonly serverUsPerEvent: number | undefined;
}

interface Row {
  readonly case: string;
  readonly eventStore: AppendCase;
  readonly plainInsert: AppendCase;
  readonly ratio: number;
}

const payload = (writer: number, i: number): NewEvent => ({
  eventId: randomUUID(),
  type: i % 3 === 0 ? 'ServiceLevelTargetMeasured' : 'SupplierContractAmended',
  schemaVersion: 1,
  data: {
    agreementId: `agreement-${writer}`,
    sequence: i,
    target: { metric: 'availability', objective: 99.9, unit: 'percent' },
    measured: 99.93,
    period: { from: '2026-01-01T00:00:00.000Z', to: '2026-01-31T23:59:59.999Z' },
    note: 'monthly measurement against the agreed service level target',
  },
  metadata: {
    actor: 'user:service-manager',
    correlationId: randomUUID(),
    causationId: randomUUID(),
    clauses: ['8.3.3', '8.3.4.1'],
  },
});

async function main(): Promise<void> {
  const database = await throwAwayDatabase('event_store', eventStoreMigrations);
  const pool = new pg.Pool({ connectionString: database.url, max: 40 });
  try {
    await pool.query(`CREATE TABLE plain_events (
      id bigserial PRIMARY KEY, stream_id text NOT NULL, event_id uuid NOT NULL, event_type text NOT NULL,
      schema_version integer NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now())`);
    await run(pool);
  } finally {
    await pool.end();
    await database.drop();
  }
}

async function run(pool: pg.Pool): Promise<void> {
  const rows: Row[] = [];
  const extra: AppendCase[] = [];
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`event store benchmark: ${cpus().length} CPUs, ${seconds}s per append case, server ${redact(serverUrl)}`);
  for (const batch of [1, 100]) {
    for (const writers of [1, 8, 32]) {
      const label = `${writers} writer${writers > 1 ? 's' : ''} x ${batch}-event appends`;
      const store = new PostgresEventStore(pool);
      const eventStore = await measure(pool, `event store: ${label}`, writers, batch, (writer, version, events) =>
        store
          .appendToStream(`bench-${batch}-${writers}-${writer}`, events, { expectedVersion: version })
          .then(() => undefined),
      );
      await store.close();
      const plainInsert = await measure(pool, `plain INSERT: ${label}`, writers, batch, (writer, _version, events) =>
        plainInsertOf(pool, `plain-${batch}-${writers}-${writer}`, events),
      );
      rows.push({
        case: label,
        eventStore,
        plainInsert,
        ratio: eventStore.eventsPerSecond / plainInsert.eventsPerSecond,
      });
      log(
        `${label.padEnd(30)} store ${fmt(eventStore.eventsPerSecond)} ev/s (p50 ${eventStore.p50Ms.toFixed(2)} ms, p99 ${eventStore.p99Ms.toFixed(2)} ms)` +
          ` | plain ${fmt(plainInsert.eventsPerSecond)} ev/s | ${(100 * (eventStore.eventsPerSecond / plainInsert.eventsPerSecond)).toFixed(0)}%` +
          ` | CPU us/event client ${cpuOf(eventStore.clientUsPerEvent)} vs ${cpuOf(plainInsert.clientUsPerEvent)},` +
          ` server ${cpuOf(eventStore.serverUsPerEvent)} vs ${cpuOf(plainInsert.serverUsPerEvent)}`,
      );
    }
  }
  for (const notification of ['in-transaction', 'none'] as AppendNotification[]) {
    const store = new PostgresEventStore(pool, { notification });
    const result = await measure(
      pool,
      `event store (NOTIFY ${notification}): 8 writers x 1-event appends`,
      8,
      1,
      (writer, version, events) =>
        store
          .appendToStream(`bench-notify-${notification}-${writer}`, events, { expectedVersion: version })
          .then(() => undefined),
    );
    await store.close();
    extra.push(result);
    log(
      `${result.name}: ${fmt(result.eventsPerSecond)} ev/s (p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms)`,
    );
  }

  const total = BigInt((await pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]!.n);
  const store = new PostgresEventStore(pool);
  let read = 0;
  const readServerBefore = await backendCpuMs(pool);
  const readClientBefore = process.cpuUsage();
  const readStart = performance.now();
  for (let from = 0n; ;) {
    const events = await store.readAll({ fromPosition: from, limit: 5000 });
    if (events.length === 0) break;
    read += events.length;
    from = events[events.length - 1]!.globalPosition;
  }
  const readSeconds = (performance.now() - readStart) / 1000;
  const readCpu = cpuPerEvent(readClientBefore, readServerBefore, await backendCpuMs(pool), read);
  await store.close();
  log(
    `readAll: ${fmt(read / readSeconds)} events/s (${read} events, batches of 5000)` +
      ` | CPU us/event client ${cpuOf(readCpu.clientUsPerEvent)}, server ${cpuOf(readCpu.serverUsPerEvent)}`,
  );

  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const sealer = new ChainSealer(pool, { signingKey: privateKey, checkpointEvery: 1000, batchSize: 5000 });
  const sealStart = performance.now();
  const sealed = await sealer.sealPending();
  await sealer.checkpoint();
  const sealSeconds = (performance.now() - sealStart) / 1000;
  log(
    `sealing: ${fmt(sealed.sealed / sealSeconds)} events/s (${sealed.sealed} events, a signed checkpoint every 1000)`,
  );

  const verifyStart = performance.now();
  const verification = await verifyChainInParallel(pool, { verificationKeys: [publicKey] });
  const verifySeconds = (performance.now() - verifyStart) / 1000;
  if (!verification.intact) throw new Error(`verification failed: ${verification.detail}`);
  log(
    `verify: ${fmt(Number(total) / verifySeconds)} events/s (${total} events, ${verification.checkpoints.length} checkpoints)`,
  );

  const table = [
    '| case | event store events/s | p50 ms | p99 ms | plain INSERT events/s | p50 ms | p99 ms | store / plain | CPU us/event client (store / plain) | CPU us/event server (store / plain) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (row) =>
        `| ${row.case} | ${fmt(row.eventStore.eventsPerSecond)} | ${row.eventStore.p50Ms.toFixed(2)} | ${row.eventStore.p99Ms.toFixed(2)} | ` +
        `${fmt(row.plainInsert.eventsPerSecond)} | ${row.plainInsert.p50Ms.toFixed(2)} | ${row.plainInsert.p99Ms.toFixed(2)} | ${(100 * row.ratio).toFixed(0)}% | ` +
        `${cpuOf(row.eventStore.clientUsPerEvent)} / ${cpuOf(row.plainInsert.clientUsPerEvent)} | ${cpuOf(row.eventStore.serverUsPerEvent)} / ${cpuOf(row.plainInsert.serverUsPerEvent)} |`,
    ),
    ...extra.map(
      (result) =>
        `| ${result.name.replace('event store ', '')} | ${fmt(result.eventsPerSecond)} | ${result.p50Ms.toFixed(2)} | ${result.p99Ms.toFixed(2)} | | | | | ` +
        `${cpuOf(result.clientUsPerEvent)} | ${cpuOf(result.serverUsPerEvent)} |`,
    ),
    `| readAll (batches of 5000) | ${fmt(read / readSeconds)} | | | | | | | ${cpuOf(readCpu.clientUsPerEvent)} | ${cpuOf(readCpu.serverUsPerEvent)} |`,
    `| sealing (+ checkpoint every 1000) | ${fmt(sealed.sealed / sealSeconds)} | | | | | | | | |`,
    `| verify | ${fmt(Number(total) / verifySeconds)} | | | | | | | | |`,
  ];
  log(`\n${table.join('\n')}\n`);

  const byCase = (label: string) => rows.find((row) => row.case === label)!;
  const eightSingle = byCase('8 writers x 1-event appends');
  const eightHundred = byCase('8 writers x 100-event appends');
  const summary = [
    figure('8 writers x 1-event appends', eightSingle.eventStore.eventsPerSecond, 'events/s', '>= 3000'),
    figure('8 writers x 1-event appends, share of plain INSERT', 100 * eightSingle.ratio, '%', '>= 70'),
    figure('8 writers x 1-event appends p99', eightSingle.eventStore.p99Ms, 'ms'),
    figure(
      '32 writers x 1-event appends',
      byCase('32 writers x 1-event appends').eventStore.eventsPerSecond,
      'events/s',
      '>= 3000',
    ),
    figure('8 writers x 100-event appends', eightHundred.eventStore.eventsPerSecond, 'events/s', '>= 30000'),
    figure('8 writers x 100-event appends, share of plain INSERT', 100 * eightHundred.ratio, '%'),
    figure('readAll', read / readSeconds, 'events/s', '>= 100000'),
    figure('sealing', sealed.sealed / sealSeconds, 'events/s'),
    figure('verify', Number(total) / verifySeconds, 'events/s', '>= 100000'),
  ];
  const file = writeSuiteResults('event-store', summary, {
    secondsPerCase: seconds,
    postgres: (await pool.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v,
    appends: rows,
    notificationModes: extra,
    readAll: { events: read, eventsPerSecond: read / readSeconds, ...readCpu },
    sealing: { events: sealed.sealed, eventsPerSecond: sealed.sealed / sealSeconds },
    verify: {
      events: total.toString(),
      eventsPerSecond: Number(total) / verifySeconds,
      verifiedUpTo: verification.verifiedUpTo.toString(),
    },
  });
  log(`results written to ${file}`);
}

/**
 * Runs `writers` concurrent loops of appends: for `warmUpSeconds` uncounted (new connections,
 * compiled code and the server's caches settle), then for the configured duration.
 */
async function measure(
  pool: pg.Pool,
  name: string,
  writers: number,
  batch: number,
  append: (writer: number, expectedVersion: number | 'no-stream', events: NewEvent[]) => Promise<void>,
): Promise<AppendCase> {
  const latencies: number[] = [];
  let events = 0;
  const start = performance.now() + warmUpSeconds * 1000;
  const deadline = start + seconds * 1000;
  const before = sleep(warmUpSeconds * 1000).then(async () => ({
    server: await backendCpuMs(pool),
    client: process.cpuUsage(),
  }));
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      let version: number | 'no-stream' = 'no-stream';
      for (let i = 0; performance.now() < deadline; i++) {
        const batchEvents = Array.from({ length: batch }, (_, k) => payload(writer, i * batch + k));
        const sent = performance.now();
        await append(writer, version, batchEvents);
        if (sent >= start) {
          latencies.push(performance.now() - sent);
          events += batch;
        }
        version = (version === 'no-stream' ? -1 : version) + batch;
      }
    }),
  );
  const { client: clientBefore, server: serverBefore } = await before;
  const elapsed = (performance.now() - start) / 1000;
  const cpu = cpuPerEvent(clientBefore, serverBefore, await backendCpuMs(pool), events);
  latencies.sort((a, b) => a - b);
  return {
    name,
    writers,
    batch,
    appendsPerSecond: latencies.length / elapsed,
    eventsPerSecond: events / elapsed,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    events,
    ...cpu,
  };
}

/** CPU per event since `clientBefore` / `serverBefore` (see `backendCpuMs`). */
function cpuPerEvent(
  clientBefore: NodeJS.CpuUsage,
  serverBefore: Map<number, number> | undefined,
  serverAfter: Map<number, number> | undefined,
  events: number,
): { clientUsPerEvent: number; serverUsPerEvent: number | undefined } {
  const client = process.cpuUsage(clientBefore);
  const serverMs =
    serverBefore && serverAfter
      ? [...serverAfter].reduce((sum, [pid, ms]) => sum + ms - (serverBefore.get(pid) ?? 0), 0)
      : undefined;
  return {
    clientUsPerEvent: (client.user + client.system) / events,
    serverUsPerEvent: serverMs === undefined ? undefined : (serverMs * 1000) / events,
  };
}

/**
 * CPU time (ms) used so far by each server process connected to the bench database, read from
 * /proc: undefined when the server runs on another host. Less sensitive to other load on the
 * machine than throughput. Assumes the usual 100 clock ticks per second.
 */
async function backendCpuMs(pool: pg.Pool): Promise<Map<number, number> | undefined> {
  const { rows } = await pool.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
  );
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      return undefined;
    }
  }
  return cpu;
}

/** The baseline: the same rows in a plain table, one autocommit INSERT per append. */
async function plainInsertOf(pool: pg.Pool, streamId: string, events: NewEvent[]): Promise<void> {
  if (events.length === 1) {
    const [event] = events;
    await pool.query(
      'INSERT INTO plain_events (stream_id, event_id, event_type, schema_version, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)',
      [
        streamId,
        event!.eventId,
        event!.type,
        event!.schemaVersion,
        JSON.stringify(event!.data),
        JSON.stringify(event!.metadata),
      ],
    );
    return;
  }
  await pool.query(
    `INSERT INTO plain_events (stream_id, event_id, event_type, schema_version, data, metadata)
     SELECT $1, (e->>'eventId')::uuid, e->>'type', (e->>'schemaVersion')::integer, e->'data', e->'metadata'
     FROM jsonb_array_elements($2::jsonb) AS e`,
    [streamId, JSON.stringify(events)],
  );
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : 0;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const cpuOf = (us: number | undefined) => (us === undefined ? '-' : us.toFixed(0));

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
