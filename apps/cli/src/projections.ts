import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { parsePosition, type EventStore } from '@lib/event-store';
import { projectionLags, rebuildProjections, type Projection, type RebuildProgress } from '@lib/projections';
import type { Database } from '../../api/src/database/database.js';
import { openEventStore } from '../../api/src/event-store/open-event-store.js';
import { projectionNamed, projections } from '../../api/src/projections/projections.js';
import { withDatabase } from './database.js';

const position = (text: string) => {
  try {
    return parsePosition(text);
  } catch {
    throw new Error(`--to must be a global position (a whole number), got ${JSON.stringify(text)}`);
  }
};

const write = (line: string) => process.stdout.write(`${line}\n`);

/** Rebuilds `chosen` in one pass over the log (each batch read once), a progress bar per projection. */
async function rebuildWithProgress(
  database: Database,
  store: EventStore,
  chosen: readonly Projection[],
  upTo?: bigint,
): Promise<void> {
  const bars = new cliProgress.MultiBar(
    {
      format: `{name} |{bar}| {percentage}% | position {position}/{target} | {applied} events | {rate} events/s | {phase}`,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const byName = new Map<string, cliProgress.SingleBar>();
  const onProgress = (progress: RebuildProgress) => {
    const payload = {
      name: progress.name.padEnd(width),
      position: progress.position.toString(),
      target: progress.target.toString(),
      applied: progress.applied,
      rate: progress.eventsPerSecond,
      phase: progress.phase,
    };
    const total = Math.max(Number(progress.target), 1);
    let bar = byName.get(progress.name);
    if (!bar) {
      bar = bars.create(total, 0, payload);
      byName.set(progress.name, bar);
    }
    bar.setTotal(total);
    bar.update(Math.min(Number(progress.position), total), payload);
  };
  const width = Math.max(...chosen.map((projection) => projection.name.length));
  try {
    const results = await rebuildProjections(chosen, {
      pool: database.pool,
      store,
      lockConnection: { connectionString: database.url },
      onProgress,
      ...(upTo !== undefined ? { upTo } : {}),
    });
    bars.stop();
    for (const result of results) {
      write(
        `${result.name}: ${upTo !== undefined ? 'reset to' : 'rebuilt up to'} position ${result.position}, ` +
          `${result.applied} events in ${result.seconds.toFixed(1)} s (${result.eventsPerSecond} events/s); swapped in`,
      );
    }
  } finally {
    bars.stop();
  }
}

export function projectionsCommands(): Command {
  const command = new Command('projections').description(
    'The read models built from the log: their lag, rebuilding them, resetting them to a position',
  );

  command
    .command('status')
    .description(
      'Each projection: its checkpoint, the head of the log, how far behind it is, and the event it is stuck at',
    )
    .action(() =>
      withDatabase(async (database, config) => {
        const store = await openEventStore(config, database);
        try {
          const lags = await projectionLags(store, database.pool, projections);
          for (const lag of lags) {
            const failure = lag.failure
              ? `; FAILED at ${lag.failure.position} since ${lag.failure.at.toISOString()}: ${lag.failure.message}`
              : '';
            write(
              `${lag.name}: position ${lag.position}, head ${lag.head}, ${lag.behind} behind (${lag.secondsBehind} s)${failure}`,
            );
          }
        } finally {
          await store.close();
        }
      }),
    );

  command
    .command('rebuild')
    .description(
      'Rebuild read models from the whole log into fresh tables, then swap them in with the checkpoint in one transaction. ' +
        'Reads keep answering from the old tables meanwhile, and a running service keeps its projector going.',
    )
    .argument('[name]', `the projection (${projections.map((projection) => projection.name).join(', ')})`)
    .option('--all', 'every projection, in one pass over the log')
    .action((name: string | undefined, { all }: { all?: boolean }) =>
      withDatabase(async (database, config) => {
        if (!all && !name) throw new Error('Name a projection, or pass --all');
        if (all && name) throw new Error('Pass either a name or --all, not both');
        const chosen = all ? projections : [projectionNamed(name!)];
        const store = await openEventStore(config, database);
        try {
          await rebuildWithProgress(database, store, chosen);
        } finally {
          await store.close();
        }
      }),
    );

  command
    .command('reset')
    .description(
      'Reset a read model to a position of the log: rebuild it from the log up to and including that position into ' +
        'fresh tables, and swap them in with the checkpoint set there. It never just moves the checkpoint, so no event ' +
        'is skipped or applied twice; a running projector then applies the events after the position again. ' +
        'It cannot step over an event the projection fails on: the rebuild stops at it too.',
    )
    .argument('<name>', 'the projection')
    .requiredOption('--to <position>', 'the global position to rebuild up to (0: empty read model)', position)
    .action((name: string, { to }: { to: bigint }) =>
      withDatabase(async (database, config) => {
        const projection = projectionNamed(name);
        const store = await openEventStore(config, database);
        try {
          await rebuildWithProgress(database, store, [projection], to);
        } finally {
          await store.close();
        }
      }),
    );

  return command;
}
