import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { parsePosition } from '@lib/event-store';
import { PostgresAuditCheckpointSource, RELAY_CHECKPOINT, replay, type ReplayProgress } from '@lib/messaging';
import { CheckpointStore } from '@lib/projections';
import { openEventStore } from '../../api/src/event-store/open-event-store.js';
import { kafkaPublisher, topicMap } from '../../api/src/messaging/kafka-settings.js';
import { withDatabase } from './database.js';

const position = (name: string) => (text: string) => {
  try {
    return parsePosition(text);
  } catch {
    throw new Error(`${name} must be a global position (a whole number), got ${JSON.stringify(text)}`);
  }
};

export function kafkaCommands(): Command {
  const kafka = new Command('kafka').description('The Kafka topics the relay publishes to');

  kafka
    .command('replay')
    .description(
      'Re-publish a range of the global log (both ends included), marked with the header x-replay: true; the relay and its checkpoint are not touched',
    )
    .requiredOption('--from <position>', 'first global position to re-publish', position('--from'))
    .option('--to <position>', 'last global position to re-publish (default: the head of the log)', position('--to'))
    .option('--topic <name>', 'only this topic, e.g. iso20000.complaints.v1 or complaints')
    .action(({ from, to, topic }: { from: bigint; to?: bigint; topic?: string }) =>
      withDatabase(async (database, config) => {
        if (to !== undefined && to < from) throw new Error('--to must not be before --from');
        const store = await openEventStore(config, database);
        const publisher = kafkaPublisher(config, '-replay');
        const bar = new cliProgress.SingleBar(
          {
            format: 'replay |{bar}| {percentage}% | position {position}/{to} | {published} messages | {rate} msg/s',
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        const started = performance.now();
        let barStarted = false;
        const onProgress = (progress: ReplayProgress) => {
          const total = Number(progress.to - progress.from + 1n);
          const done = Math.max(0, Number(progress.position - progress.from + 1n));
          const seconds = (performance.now() - started) / 1000;
          const payload = {
            position: progress.position.toString(),
            to: progress.to.toString(),
            published: progress.published,
            rate: seconds > 0 ? Math.round(progress.published / seconds) : 0,
          };
          if (!barStarted) {
            bar.start(Math.max(total, 1), 0, payload);
            barStarted = true;
          }
          bar.update(Math.min(done, total), payload);
        };
        try {
          const result = await replay(store, publisher, topicMap(config), {
            from,
            to,
            topic,
            onProgress,
            ...(config.EVENT_STORE === 'postgres'
              ? { auditCheckpoints: new PostgresAuditCheckpointSource(database.pool) }
              : {}),
          });
          bar.stop();
          const rate = result.seconds > 0 ? Math.round(result.published / result.seconds) : result.published;
          process.stdout.write(
            `replayed positions ${result.from}..${result.to}: ${result.published} messages in ${result.seconds.toFixed(1)} s (${rate} msg/s)\n`,
          );
        } finally {
          bar.stop();
          await publisher.close();
          await store.close();
        }
      }),
    );

  kafka
    .command('status')
    .description("The relay's checkpoint and how far it is behind the head of the log")
    .action(() =>
      withDatabase(async (database, config) => {
        const store = await openEventStore(config, database);
        try {
          const checkpoints = new CheckpointStore(database.pool);
          const [relayed, head] = await Promise.all([checkpoints.position(RELAY_CHECKPOINT), store.headPosition()]);
          const behind = head > relayed ? head - relayed : 0n;
          process.stdout.write(
            `topics ${topicMap(config).topicOf('complaints').replace('.complaints.', '.<context>.')}\n` +
              `relay checkpoint ${relayed}, head ${head}: ${behind} events behind\n`,
          );
        } finally {
          await store.close();
        }
      }),
    );

  return kafka;
}
