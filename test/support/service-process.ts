import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

const root = process.cwd();
const run = promisify(execFile);

export const until = async (condition: () => boolean | Promise<boolean>, ms = 60_000, what = 'condition') => {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/**
 * Compiles the sources `include` names (files or globs, as in a tsconfig; with what they import)
 * into `node_modules/.cache/compiled/<name>`, as the build does, for child processes that run
 * the real JavaScript. Test files compiling the same name take turns, and the
 * build is incremental: only the first one after a change pays for the whole compilation.
 * Returns the output folder, which mirrors the repository's layout.
 */
export async function compile(name: string, include: readonly string[]): Promise<string> {
  const outDir = path.join(root, 'node_modules', '.cache', 'compiled', name);
  await mkdir(outDir, { recursive: true });
  const release = await lock(path.join(outDir, '.lock'));
  try {
    const tsconfig = path.join(outDir, 'tsconfig.json');
    await writeFile(
      tsconfig,
      JSON.stringify({
        extends: path.join(root, 'tsconfig.build.json'),
        compilerOptions: {
          outDir,
          rootDir: root,
          incremental: true,
          tsBuildInfoFile: path.join(outDir, '.tsbuildinfo'),
          sourceMap: false,
        },
        include: include.map((pattern) => path.join(root, pattern)),
      }),
    );
    await writeFile(path.join(outDir, 'package.json'), '{"type":"module"}');
    await run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], {
      cwd: root,
    }).catch((error: { stdout?: string; message: string }) => {
      throw new Error(`compiling ${name} failed:\n${error.stdout || error.message}`);
    });
    await resolveLibImports(outDir);
  } finally {
    await release();
  }
  return outDir;
}

/** A lock folder: mkdir is atomic. A lock left by a process that died is taken over. */
async function lock(folder: string): Promise<() => Promise<void>> {
  const owner = path.join(folder, 'pid');
  for (;;) {
    try {
      await mkdir(folder);
      await writeFile(owner, String(process.pid));
      return () => rm(folder, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(await readFile(owner, 'utf8').catch(() => ''));
      if (pid && !alive(pid)) await rm(folder, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Rewrites `@lib/<name>[/<path>]` imports of the compiled files into relative ones (what tsc-alias does for the build). */
async function resolveLibImports(outDir: string): Promise<void> {
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = await readFile(file, 'utf8');
    const rewritten = text.replace(
      /(from |import\()'@lib\/([a-z-]+)(\/[^']*)?'/g,
      (_, lead: string, lib: string, rest?: string) => {
        const target = path.join(outDir, 'libs', lib, 'src', rest ? rest.slice(1) : 'index.js');
        let relative = path.relative(path.dirname(file), target);
        if (!relative.startsWith('.')) relative = `./${relative}`;
        return `${lead}'${relative}'`;
      },
    );
    if (rewritten !== text) await writeFile(file, rewritten);
  }
}

/** A child process running compiled JavaScript, with what it has written so far, line by line. */
export interface ChildRun {
  readonly child: ChildProcess;
  readonly lines: string[];
  readonly errors: string[];
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  readonly exited: Promise<number | string>;
}

export function startProcess(file: string, env: Record<string, string>): ChildRun {
  const child = spawn(process.execPath, [file], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const errors: string[] = [];
  collectLines(child.stdout!, lines);
  collectLines(child.stderr!, errors);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return { child, lines, errors, exited };
}

function collectLines(stream: NodeJS.ReadableStream, lines: string[]): void {
  let rest = '';
  stream.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop()!;
    lines.push(...parts);
  });
}

/** Sends `signal` and waits until the process has ended. */
export async function stopProcess({ child, exited }: ChildRun, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  await exited;
}

/** `count` distinct TCP ports nobody listens on right now. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))));
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

export const freePort = async (): Promise<number> => (await freePorts(1))[0]!;

/** What the service's build compiles: its code reads files (the console's script) beside its modules. */
export const SERVICE_SOURCES = ['apps/*/src', 'libs/*/src'];

/** The real service (compiled `main.ts`) in a process of its own, on its own port. */
export interface ServiceProcess extends ChildRun {
  readonly url: string;
  /** Throws, with what the service wrote on stderr, if it has ended. */
  expectRunning(): void;
}

/** Runs the service of `outDir` on `port`, with the settings of a test (and `env`) rather than the developer's. */
export const runService = (outDir: string, port: number, env: Record<string, string>): ChildRun =>
  startProcess(path.join(outDir, 'apps/api/src/main.js'), {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    AUDIT_SIGNING_KEY: 'fault-test-audit-checkpoint-secret-32-characters',
    ...env,
  });

/** Starts the service of `outDir` and resolves once it listens; rejects with its stderr if it exits first. */
export async function startService(outDir: string, port: number, env: Record<string, string>): Promise<ServiceProcess> {
  const started = runService(outDir, port, env);
  let ended: number | string | undefined;
  void started.exited.then((code) => (ended = code));
  const service: ServiceProcess = {
    ...started,
    url: `http://127.0.0.1:${port}`,
    expectRunning() {
      if (ended !== undefined) throw new Error(`the service exited (${ended}):\n${started.errors.join('\n')}`);
    },
  };
  await until(
    () => {
      service.expectRunning();
      return started.lines.some((line) => line.includes('"listening on'));
    },
    120_000,
    'the service listens',
  );
  return service;
}
