import { Global, Module } from '@nestjs/common';
import { DatabaseHealth } from './database-health.js';
import { EventStoreHealth } from './event-store-health.js';
import { HealthController } from './health.controller.js';
import { HealthRegistry } from './health-registry.js';

@Global()
@Module({
  controllers: [HealthController],
  providers: [HealthRegistry, EventStoreHealth, DatabaseHealth],
  exports: [HealthRegistry],
})
export class HealthModule {}
