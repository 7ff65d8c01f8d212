import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { openEventStore } from '../../../api/src/event-store/open-event-store.js';
import { withDatabase } from '../database.js';
import { seedDemo, STREAM_KINDS, type SeedResult } from './seed-demo.js';

const write = (line: string) => process.stdout.write(`${line}\n`);

function summary(result: SeedResult): void {
  write(
    `demo data written: ${result.events} events from ${result.commands} commands in ${result.seconds.toFixed(1)} s ` +
      `(${Math.round(result.events / Math.max(result.seconds, 0.001))} events/s)`,
  );
  const width = Math.max(...STREAM_KINDS.map(([, kind]) => kind.length));
  for (const [, kind] of STREAM_KINDS) {
    const tally = result.streams[kind];
    if (tally)
      write(
        `  ${kind.padEnd(width)}  ${String(tally.streams).padStart(4)} streams  ${String(tally.events).padStart(5)} events`,
      );
  }
  write(
    'Improvement opportunities from the breaches, the complaint and the survey, and the next scheduled reviews, ' +
      'are recorded by the service itself when it runs (its reactions read the log from their checkpoints).',
  );
}

export function seedCommand(): Command {
  return new Command('seed')
    .description(
      'Write a demo data set through the domain deciders: customers, suppliers, SLAs, OLAs and contracts, ' +
        'a year (2025) of monthly service level periods, complaints, surveys, reviews and disputes',
    )
    .option('--demo', 'the demo data set (the only one there is)')
    .action(({ demo }: { demo?: boolean }) => {
      if (!demo) throw new Error('Say which data set: seed --demo');
      return withDatabase(async (database, config) => {
        const store = await openEventStore(config, database);
        const bar = new cliProgress.SingleBar(
          {
            format: 'seeding |{bar}| {percentage}% | {value}/{total} commands | {events} events | {rate} events/s',
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        const started = Date.now();
        try {
          let running = false;
          const result = await seedDemo(store, ({ done, total, events }) => {
            if (!running) {
              bar.start(total, 0, { events: 0, rate: 0 });
              running = true;
            }
            const seconds = Math.max((Date.now() - started) / 1000, 0.001);
            bar.update(done, { events, rate: Math.round(events / seconds) });
          });
          bar.stop();
          if (result.outcome === 'already-present') {
            write(
              result.complete
                ? 'demo data already present: nothing written'
                : 'demo data already present, but an earlier run stopped part-way: nothing written; seed a fresh database',
            );
            return;
          }
          summary(result);
        } finally {
          bar.stop();
          await store.close();
        }
      });
    });
}
