import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ChainSealer, type EventStore } from '@lib/event-store';
import type { Configuration } from '../config/configuration.js';
import type { Database } from '../database/database.js';
import { HealthRegistry } from '../health/health-registry.js';
import { CONFIGURATION, DATABASE, EVENT_STORE } from '../tokens.js';
import { auditSigningKey } from './signing-key.js';

/**
 * Seals the PostgreSQL log into its hash chain right after commits, and
 * signs a checkpoint every thousand events; reports how far it has got.
 */
@Injectable()
export class ChainSealing implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('audit-chain');
  private sealer?: ChainSealer;

  constructor(
    private readonly health: HealthRegistry,
    @Inject(CONFIGURATION) private readonly config: Configuration,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.EVENT_STORE !== 'postgres') return;
    this.sealer = new ChainSealer(this.database.pool, {
      signingKey: auditSigningKey(this.config),
      onError: (error) => this.logger.error(`sealing failed: ${(error as Error).message}`),
    });
    this.sealer.start();
    this.health.register({
      name: 'auditChain',
      critical: false,
      check: async () => {
        const [{ sealed }] = (
          await this.database.pool.query('SELECT coalesce(max(global_position), 0) AS sealed FROM event_hashes')
        ).rows as { sealed: string }[];
        const head = await this.store.headPosition();
        return {
          status: 'up',
          sealedUpTo: sealed,
          head: head.toString(),
          unsealed: (head - BigInt(sealed)).toString(),
        };
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sealer?.stop();
  }
}
