import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { runsProcessor, type Configuration } from '../config/configuration.js';
import { HealthRegistry } from '../health/health-registry.js';
import { CONFIGURATION } from '../tokens.js';
import { AUDIT_CHAIN, type AuditChain } from './audit-chain.js';

/**
 * Seals the log into its hash chain right after events are stored, and
 * signs a checkpoint every thousand events (unless PROCESSORS leaves the
 * sealer out); reports how far the chain has got.
 */
@Injectable()
export class ChainSealing implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('audit-chain');

  constructor(
    private readonly health: HealthRegistry,
    @Inject(CONFIGURATION) private readonly config: Configuration,
    @Inject(AUDIT_CHAIN) private readonly chain: AuditChain,
  ) {}

  onApplicationBootstrap(): void {
    const sealing = runsProcessor(this.config, 'sealer');
    if (sealing) this.chain.start((error) => this.logger.error(`sealing failed: ${(error as Error).message}`));
    this.health.register({
      name: 'auditChain',
      critical: false,
      check: async () => ({ status: sealing ? 'up' : 'disabled', ...(await this.chain.progress()) }),
    });
  }

  // Before the event store closes (on application shutdown), so a sealer never works on a closed store.
  async beforeApplicationShutdown(): Promise<void> {
    await this.chain.stop();
  }
}
