import autocannon from 'autocannon';
import { loadavg } from 'node:os';
import type { DatabaseCpu } from './postgres-cpu.js';
import { machineCpu, type ServerProcess } from './server-process.js';

/** One request of a load: what to send next. */
export interface Shot {
  readonly path: string;
  readonly body: string;
  readonly headers: Record<string, string>;
}

export interface LoadOptions {
  readonly name: string;
  readonly server: ServerProcess;
  readonly connections: number;
  readonly seconds: number;
  /** Stop after this many requests (before `seconds` when faster). */
  readonly amount?: number;
  /** Requests per second offered by all connections together; default: as fast as answered. */
  readonly rate?: number;
  /** The server's database, whose CPU time is counted too. */
  readonly database?: DatabaseCpu;
  readonly next: () => Shot;
}

export interface LoadResult {
  readonly name: string;
  readonly connections: number;
  readonly offeredRate: number | null;
  readonly seconds: number;
  readonly requests: number;
  /** Answers with a 2xx status per second. */
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly statusCodes: Record<string, number>;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  /** The first few answers that were not 2xx, for the report. */
  readonly refusals: string[];
  /** Share of both cores busy during the run (server, database, load generator and everyone else). */
  readonly machineCpuBusy: number;
  /** CPU seconds of the server per second of the run (2 = both cores). */
  readonly serverCpu: number;
  /** CPU milliseconds per 2xx answer: of the server, and of its database backends (a lower bound). */
  readonly serverCpuMsPerAnswer: number;
  readonly databaseCpuMsPerAnswer: number | null;
  readonly serverRssMiB: number;
  readonly loadAverage: number;
}

/** Runs one load with autocannon against a running server, and what the machine did meanwhile. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const refusals: string[] = [];
  const cpuBefore = machineCpu();
  const serverCpuBefore = options.server.cpuSeconds();
  await options.database?.reset();
  let rss = options.server.memory().rssMiB;
  const sampler = setInterval(() => (rss = Math.max(rss, options.server.memory().rssMiB)), 250);
  // autocannon reports a run that stops at `amount` only at its next whole second, so its duration
  // would count the idle rest of that second: the run lasts until its last answer.
  const started = performance.now();
  let lastAnswer = started;
  const result = await autocannon({
    url: options.server.url,
    connections: options.connections,
    duration: options.seconds,
    ...(options.amount ? { amount: options.amount } : {}),
    ...(options.rate ? { overallRate: options.rate } : {}),
    timeout: 30,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({ ...request, ...options.next() }),
        onResponse: (status, body) => {
          lastAnswer = performance.now();
          if ((status < 200 || status > 299) && refusals.length < 5) refusals.push(`${status} ${body.slice(0, 300)}`);
        },
      },
    ],
  });
  clearInterval(sampler);
  const cpuAfter = machineCpu();
  const serverCpuSeconds = options.server.cpuSeconds() - serverCpuBefore;
  const databaseCpuSeconds = options.database ? await options.database.used() : null;
  const answers = Math.max(1, result['2xx']);
  const seconds = Math.max(1, lastAnswer - started) / 1000;
  return {
    name: options.name,
    connections: options.connections,
    offeredRate: options.rate ?? null,
    seconds,
    requests: result.requests.total,
    perSecond: result['2xx'] / seconds,
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, Number(count)]),
    ),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    refusals,
    machineCpuBusy: (cpuAfter.busy - cpuBefore.busy) / (cpuAfter.total - cpuBefore.total),
    serverCpu: serverCpuSeconds / seconds,
    serverCpuMsPerAnswer: (1000 * serverCpuSeconds) / answers,
    databaseCpuMsPerAnswer: databaseCpuSeconds === null ? null : (1000 * databaseCpuSeconds) / answers,
    serverRssMiB: rss,
    loadAverage: loadavg()[0]!,
  };
}
