import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DATABASE } from '../tokens.js';
import type { Database } from '../database/database.js';
import { HealthRegistry } from './health-registry.js';

/** Checks the PostgreSQL event store's connection pool. */
@Injectable()
export class EventStoreHealth implements OnModuleInit {
  constructor(
    private readonly registry: HealthRegistry,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'eventStore',
      critical: true,
      check: async () => {
        await this.database.pool.query('SELECT 1');
        return { status: 'up', adapter: 'postgres' };
      },
    });
  }
}
