import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DATABASE } from '../tokens.js';
import type { Database } from '../database/database.js';
import { HealthRegistry } from './health-registry.js';

/** Checks the read-model database through the TypeORM connection. */
@Injectable()
export class DatabaseHealth implements OnModuleInit {
  constructor(
    private readonly registry: HealthRegistry,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'readModels',
      critical: true,
      check: async () => {
        await this.database.dataSource.query('SELECT 1');
        return { status: 'up' };
      },
    });
  }
}
