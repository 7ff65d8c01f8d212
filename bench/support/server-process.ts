import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** A server under test, run as its own `node` process, as users run it. */
export interface ServerProcess {
  readonly pid: number;
  readonly url: string;
  /** The lines the server wrote while starting that match `pattern`. */
  linesMatching(pattern: RegExp): string[];
  /** Resident memory now and its high-water mark since start (VmRSS, VmHWM), in MiB. */
  memory(): { rssMiB: number; peakRssMiB: number };
  /** CPU seconds (user + system) the process has used so far. */
  cpuSeconds(): number;
  /** SIGTERM, then waits for a clean exit (SIGKILL after 15 s). */
  stop(): Promise<number | null>;
}

export interface ServerOptions {
  readonly script: string;
  readonly port: number;
  readonly env: NodeJS.ProcessEnv;
  /** A stdout line that says the server is listening. */
  readonly ready: RegExp;
  readonly nodeOptions?: readonly string[];
}

const CLOCK_TICKS_PER_SECOND = 100;

/**
 * The Node flags package.json's `start` (the service) or `cli` (the operator tool) script runs
 * its program with, to run it the same way.
 */
export function scriptNodeFlags(script: 'start' | 'cli'): string[] {
  const { scripts } = JSON.parse(readFileSync(resolve(process.cwd(), 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const flags = /\bnode((?:\s+--\S+)*)\s+dist\/apps\/\w+\/src\/main\.js/.exec(scripts[script] ?? '')?.[1] ?? '';
  return flags.split(/\s+/).filter(Boolean);
}

/**
 * Starts the server with its output going to `logFile`, as to any log file, so that reading it
 * costs the load generator nothing and never holds the server back.
 */
export async function startServer(options: ServerOptions & { logFile: string }): Promise<ServerProcess> {
  const output = openSync(options.logFile, 'w');
  const child = spawn(process.execPath, [...(options.nodeOptions ?? []), options.script], {
    env: { ...options.env, PORT: String(options.port) },
    stdio: ['ignore', output, output],
  });
  closeSync(output);
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code) => {
      exitCode = code;
      done(code);
    }),
  );
  const startUp = await waitUntilReady(options.logFile, options.ready, () => exitCode, child);
  const pid = child.pid!;
  return {
    pid,
    url: `http://127.0.0.1:${options.port}`,
    linesMatching: (pattern) => startUp.filter((line) => pattern.test(line)),
    memory: () => memoryOf(pid),
    cpuSeconds: () => cpuSecondsOf(pid),
    async stop() {
      if (exitCode !== undefined) return exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** The lines of the log up to the ready line. */
async function waitUntilReady(
  logFile: string,
  ready: RegExp,
  exitCode: () => number | null | undefined,
  child: ChildProcess,
): Promise<string[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const lines = readFileSync(logFile, 'utf8').split('\n');
    const at = lines.findIndex((line) => ready.test(line));
    if (at >= 0) return lines.slice(0, at + 1);
    if (exitCode() !== undefined || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start (exit ${String(exitCode())}):\n${lines.slice(-20).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function memoryOf(pid: number): { rssMiB: number; peakRssMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakRssMiB: kib('VmHWM') / 1024 };
}

/** CPU seconds (user + system) a process of this machine has used. */
export function cpuSecondsOf(pid: number): number {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** Busy and total CPU time of the whole machine (all cores), in clock ticks, from /proc/stat. */
export function machineCpu(): { busy: number; total: number } {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const values = ticks.map(Number);
  const idle = values[3]! + values[4]!;
  const total = values.reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total };
}
