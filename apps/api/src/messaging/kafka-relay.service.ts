import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@lib/event-store';
import { KafkaRelay, PostgresAuditCheckpointSource, RELAY_CHECKPOINT, type MessagePublisher } from '@lib/messaging';
import { CheckpointStore, LeaderLock } from '@lib/projections';
import { runsProcessor, type Configuration } from '../config/configuration.js';
import type { Database } from '../database/database.js';
import { HealthRegistry, type ComponentHealth } from '../health/health-registry.js';
import { CONFIGURATION, DATABASE, EVENT_STORE } from '../tokens.js';
import { kafkaBrokers, kafkaPublisher, topicMap } from './kafka-settings.js';

/**
 * Runs the Kafka relay in the service (on the one instance that holds its lock) and reports it on
 * /health as `kafkaRelay`: `disabled` without KAFKA_BROKERS or when PROCESSORS leaves it out, `down` while it cannot publish, else
 * `up`, with its lag. It is never critical: commands keep succeeding while Kafka is away.
 */
@Injectable()
export class KafkaRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('kafka-relay');
  private relay: KafkaRelay | undefined;
  private publisher: MessagePublisher | undefined;

  constructor(
    private readonly health: HealthRegistry,
    @Inject(CONFIGURATION) private readonly config: Configuration,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  onApplicationBootstrap(): void {
    const topics = topicMap(this.config);
    if (kafkaBrokers(this.config)?.length && runsProcessor(this.config, 'relay')) {
      this.publisher = kafkaPublisher(this.config, '-relay');
      this.relay = new KafkaRelay(
        this.store,
        new CheckpointStore(this.database.pool),
        new LeaderLock({ connectionString: this.database.url }, RELAY_CHECKPOINT),
        this.publisher,
        topics,
        {
          batchSize: this.config.KAFKA_RELAY_BATCH_SIZE,
          ...(this.config.EVENT_STORE === 'postgres'
            ? { auditCheckpoints: new PostgresAuditCheckpointSource(this.database.pool) }
            : {}),
          log: (level, message, detail) => this.logger[level === 'warn' ? 'warn' : 'log']({ ...detail, msg: message }),
        },
      );
      this.relay.start();
    }
    this.health.register({ name: 'kafkaRelay', critical: false, check: () => this.report(topics.prefix) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.publisher?.close();
  }

  private async report(prefix: string): Promise<ComponentHealth> {
    if (!this.relay) return { status: 'disabled' };
    const status = this.relay.status();
    const health: ComponentHealth = {
      status: status.state === 'publishing' || status.state === 'standby' ? 'up' : 'down',
      state: status.state,
      topicPrefix: prefix,
      publishedSinceStart: status.publishedSinceStart,
      ...(status.lastPublishedAt ? { lastPublishedAt: status.lastPublishedAt.toISOString() } : {}),
      ...(status.error ? { error: status.error } : {}),
      ...(status.failingSince ? { failingSince: status.failingSince.toISOString() } : {}),
      ...(status.nextRetryAt ? { nextRetryAt: status.nextRetryAt.toISOString() } : {}),
    };
    try {
      const lag = await this.relay.lag();
      Object.assign(health, {
        position: lag.position.toString(),
        head: lag.head.toString(),
        positionsBehind: Number(lag.positionsBehind),
        secondsBehind: Math.round(lag.secondsBehind * 10) / 10,
      });
    } catch (error) {
      health.lagError = error instanceof Error ? error.message : String(error);
    }
    return health;
  }
}
