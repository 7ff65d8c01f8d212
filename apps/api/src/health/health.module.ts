import { Global, Module } from '@nestjs/common';
import { DatabaseHealth } from './database-health.js';
import { EventStoreHealth } from './event-store-health.js';
import { HealthController } from './health.controller.js';
import { HealthRegistry } from './health-registry.js';
import { KafkaHealth } from './kafka-health.js';

@Global()
@Module({
  controllers: [HealthController],
  providers: [HealthRegistry, EventStoreHealth, DatabaseHealth, KafkaHealth],
  exports: [HealthRegistry],
})
export class HealthModule {}
