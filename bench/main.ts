/**
 * Every benchmark in one run: `npm run bench` (builds first), or `npm run bench -- --suites http,audit`.
 *
 * Runs each suite as a process of its own (so one suite's heap and connections do not weigh on the
 * next), in the order below, then gathers their headline figures into bench/results/report.md and
 * bench/results/report.json (BENCH_RESULTS_DIR moves the folder). Without KAFKA_BROKERS it starts the
 * local broker of infra/kafka for the Kafka suite and stops it afterwards. Exits non-zero when a suite
 * failed to run; a missed target is reported, not an error.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import type { Figure } from './support/results.js';
import { resultsDirectory } from './support/results.js';
import { scriptNodeFlags } from './support/server-process.js';

const SUITES = ['event-store', 'http', 'projections', 'audit', 'kafka'] as const;
type Suite = (typeof SUITES)[number];

interface SuiteOutcome {
  readonly suite: Suite;
  readonly status: 'ran' | 'failed' | 'skipped';
  readonly seconds: number;
  readonly note?: string;
  readonly summary: readonly Figure[];
}

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

async function main(): Promise<void> {
  const options = new Command('bench')
    .option('--suites <names>', `comma-separated, from ${SUITES.join(', ')}`, SUITES.join(','))
    .parse()
    .opts<{ suites: string }>();
  const selected = options.suites.split(',').map((name) => name.trim());
  const unknown = selected.filter((name) => !(SUITES as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`Unknown suite(s): ${unknown.join(', ')}; known: ${SUITES.join(', ')}`);

  const outcomes: SuiteOutcome[] = [];
  let brokerStartedHere = false;
  try {
    for (const suite of SUITES.filter((name) => selected.includes(name))) {
      if (suite === 'kafka' && !process.env.KAFKA_BROKERS) {
        const broker = startLocalBroker();
        if (broker === 'unavailable') {
          outcomes.push({
            suite,
            status: 'skipped',
            seconds: 0,
            note: 'no KAFKA_BROKERS, and the local broker could not be started (it needs Java and Maven, and its ports free)',
            summary: [],
          });
          continue;
        }
        brokerStartedHere = broker === 'started';
      }
      outcomes.push(await runSuite(suite));
    }
  } finally {
    if (brokerStartedHere) spawnSync('bash', [join(root, 'infra/kafka/kafka.sh'), 'stop'], { stdio: 'inherit' });
  }
  const { markdown, json } = writeReport(outcomes);
  process.stdout.write(`\n${readFileSync(markdown, 'utf8')}\nreport written to ${markdown} and ${json}\n`);
  if (outcomes.some((outcome) => outcome.status === 'failed')) process.exitCode = 1;
}

async function runSuite(suite: Suite): Promise<SuiteOutcome> {
  process.stdout.write(`\n== ${suite}\n`);
  const file = join(resultsDirectory(), `${suite}.json`);
  const startedAt = Date.now();
  const code = await new Promise<number>((done) => {
    // The suites run the libraries as the operator tool does (rebuild, verify, export): with its flags.
    const child = spawn(process.execPath, [...scriptNodeFlags('cli'), join(here, `${suite}.js`)], {
      stdio: 'inherit',
      cwd: process.cwd(),
    });
    child.on('exit', (exitCode, signal) => done(exitCode ?? (signal ? 1 : 0)));
  });
  const seconds = Math.round((Date.now() - startedAt) / 1000);
  const fresh = existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { ranAt: string; summary: Figure[] });
  if (code !== 0 || !fresh || Date.parse(fresh.ranAt) < startedAt) {
    return { suite, status: 'failed', seconds, note: `exited with ${code}`, summary: [] };
  }
  return { suite, status: 'ran', seconds, summary: fresh.summary };
}

/** Starts infra/kafka's broker unless one runs already: `started`, `running` or `unavailable`. */
function startLocalBroker(): 'started' | 'running' | 'unavailable' {
  const script = join(root, 'infra/kafka/kafka.sh');
  const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
  if (spawnSync('bash', [script, 'status']).status === 0) return 'running';
  if (!has('java') || !has('mvn')) return 'unavailable';
  const started = spawnSync('bash', [script, 'start'], { stdio: 'inherit' });
  return started.status === 0 ? 'started' : 'unavailable';
}

function writeReport(outcomes: readonly SuiteOutcome[]): { markdown: string; json: string } {
  const directory = resultsDirectory();
  mkdirSync(directory, { recursive: true });
  const ranAt = new Date().toISOString();
  const machine = `${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const mark = (figure: Figure) => (figure.met === undefined ? '' : figure.met ? 'met' : '**missed**');
  const lines = [
    '# Benchmark report',
    '',
    `${ranAt} on ${machine}.`,
    '',
    '| suite | measure | value | unit | target | |',
    '| --- | --- | ---: | --- | --- | --- |',
    ...outcomes.flatMap((outcome) =>
      outcome.status === 'ran'
        ? outcome.summary.map(
            (figure) =>
              `| ${outcome.suite} | ${figure.measure} | ${format(figure.value)} | ${figure.unit} | ${figure.target ?? ''} | ${mark(figure)} |`,
          )
        : [`| ${outcome.suite} | ${outcome.status}: ${outcome.note ?? ''} | | | | |`],
    ),
    '',
    `Details: the \`<suite>.json\` files next to this report. Suite times: ${outcomes.map((outcome) => `${outcome.suite} ${outcome.seconds} s`).join(', ')}.`,
    '',
  ];
  const markdown = join(directory, 'report.md');
  const json = join(directory, 'report.json');
  writeFileSync(markdown, lines.join('\n'));
  writeFileSync(json, `${JSON.stringify({ ranAt, machine, suites: outcomes }, null, 2)}\n`);
  return { markdown, json };
}

const format = (value: number) =>
  Number.isInteger(value) || Math.abs(value) >= 100
    ? Math.round(value).toLocaleString('en-US')
    : value.toLocaleString('en-US', { maximumFractionDigits: 2 });

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
