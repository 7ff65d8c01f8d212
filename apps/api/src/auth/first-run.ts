import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Configuration } from '../config/configuration.js';
import { CONFIGURATION } from '../tokens.js';
import { ApiKeys } from './api-keys.js';

/**
 * On the first development start there is no credential at all: create one
 * admin API key and print it once. Production never gets a default
 * credential; operators create keys with the CLI.
 */
@Injectable()
export class FirstRunAdminKey implements OnApplicationBootstrap {
  private readonly logger = new Logger('auth');

  constructor(
    private readonly apiKeys: ApiKeys,
    @Inject(CONFIGURATION) private readonly config: Configuration,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.NODE_ENV !== 'development' || (await this.apiKeys.count()) > 0) return;
    const { key } = await this.apiKeys.create('admin', 'first-run admin');
    // Printed to the console, not the JSON log, so that log shipping never carries it.
    process.stdout.write(
      `\nFirst run: created an admin API key. It is shown only this once:\n\n  X-API-Key: ${key}\n\n` +
        `Use it as a header, e.g. curl -H 'X-API-Key: ${key}' http://localhost:${this.config.PORT}/...\n` +
        `Create keys and tokens for other roles with: npm run cli -- auth --help\n\n`,
    );
    this.logger.log('first-run admin API key created');
  }
}
