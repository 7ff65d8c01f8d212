import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { parsePosition, type EventStore } from '@lib/event-store';
import { projectionLags, rebuildProjection, type Projection, type RebuildProgress } from '@lib/projections';
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

async function rebuildWithProgress(
  database: Database,
  store: EventStore,
  projection: Projection,
  upTo?: bigint,
): Promise<void> {
  const bar = new cliProgress.SingleBar(
    {
      format: `${projection.name} |{bar}| {percentage}% | position {position}/{target} | {applied} events | {rate} events/s | {phase}`,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const onProgress = (progress: RebuildProgress) => {
    const payload = {
      position: progress.position.toString(),
      target: progress.target.toString(),
      applied: progress.applied,
      rate: progress.eventsPerSecond,
      phase: progress.phase,
    };
    const total = Math.max(Number(progress.target), 1);
    if (!started) {
      bar.start(total, 0, payload);
      started = true;
    }
    bar.setTotal(total);
    bar.update(Math.min(Number(progress.position), total), payload);
  };
  try {
    const result = await rebuildProjection(projection, {
      pool: database.pool,
      store,
      lockConnection: { connectionString: database.url },
      onProgress,
      ...(upTo !== undefined ? { upTo } : {}),
    });
    bar.stop();
    write(
      `${result.name}: ${upTo !== undefined ? 'reset to' : 'rebuilt up to'} position ${result.position}, ` +
        `${result.applied} events in ${result.seconds.toFixed(1)} s (${result.eventsPerSecond} events/s); swapped in`,
    );
  } finally {
    bar.stop();
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
    .option('--all', 'every projection, one after the other')
    .action((name: string | undefined, { all }: { all?: boolean }) =>
      withDatabase(async (database, config) => {
        if (!all && !name) throw new Error('Name a projection, or pass --all');
        if (all && name) throw new Error('Pass either a name or --all, not both');
        const chosen = all ? projections : [projectionNamed(name!)];
        const store = await openEventStore(config, database);
        try {
          for (const projection of chosen) await rebuildWithProgress(database, store, projection);
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
          await rebuildWithProgress(database, store, projection, to);
        } finally {
          await store.close();
        }
      }),
    );

  return command;
}
