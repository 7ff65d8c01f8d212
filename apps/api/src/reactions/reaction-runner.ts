import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@lib/event-store';
import { CheckpointStore, LeaderLock, LogProcessor } from '@lib/projections';
import { AggregateStore } from '../commands/aggregate-store.js';
import { runsProcessor, type Configuration } from '../config/configuration.js';
import type { Database } from '../database/database.js';
import { HealthRegistry } from '../health/health-registry.js';
import { CONFIGURATION, DATABASE, LOG_FOLLOWER } from '../tokens.js';
import { ReactionRegistry } from './reaction-registry.js';

/**
 * Runs every registered reaction as a processor of the log, from its own
 * checkpoint (`reaction:<name>`), on the one instance that holds its lock.
 */
@Injectable()
export class ReactionRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('reactions');
  private processors: LogProcessor[] = [];

  constructor(
    private readonly registry: ReactionRegistry,
    private readonly aggregates: AggregateStore,
    private readonly health: HealthRegistry,
    @Inject(CONFIGURATION) private readonly config: Configuration,
    @Inject(LOG_FOLLOWER) private readonly store: EventStore,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  onApplicationBootstrap(): void {
    if (!runsProcessor(this.config, 'reactions')) {
      this.health.register({ name: 'reactions', critical: false, check: async () => ({ status: 'disabled' }) });
      return;
    }
    const checkpoints = new CheckpointStore(this.database.pool);
    this.processors = this.registry.reactions.map((reaction) => {
      const name = `reaction:${reaction.name}`;
      return new LogProcessor(this.store, checkpoints, new LeaderLock({ connectionString: this.database.url }, name), {
        name,
        filter: { types: reaction.eventTypes },
        handle: (event) => reaction.react(event, this.aggregates),
        log: (message, detail) => this.logger.warn({ ...detail, msg: message }),
      });
    });
    for (const processor of this.processors) processor.start();
    this.health.register({
      name: 'reactions',
      critical: false,
      check: async () => {
        const statuses = this.processors.map((processor) => processor.status());
        return {
          status: statuses.some((status) => status.state === 'failed') ? 'down' : 'up',
          processors: statuses.map((status) => ({
            ...status,
            position: status.position.toString(),
            ...(status.failure ? { failure: { ...status.failure, position: status.failure.position.toString() } } : {}),
          })),
        };
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.processors.map((processor) => processor.stop()));
  }
}
