import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { Configuration } from '../config/configuration.js';
import { CONFIGURATION } from '../tokens.js';
import { HealthRegistry } from './health-registry.js';

/**
 * Reports the Kafka side of the relay: disabled without KAFKA_BROKERS, else
 * whether the brokers answer. Kafka being down never makes the service
 * unhealthy: commands keep succeeding and the relay catches up later.
 */
@Injectable()
export class KafkaHealth implements OnModuleInit, OnModuleDestroy {
  private admin?: Admin;

  constructor(
    private readonly registry: HealthRegistry,
    @Inject(CONFIGURATION) private readonly config: Configuration,
  ) {}

  onModuleInit(): void {
    const brokers = this.config.KAFKA_BROKERS?.split(',').map((broker) => broker.trim());
    if (brokers) {
      this.admin = new Kafka({
        clientId: 'health',
        brokers,
        logLevel: logLevel.NOTHING,
        connectionTimeout: 1_000,
        retry: { retries: 0 },
      }).admin();
    }
    this.registry.register({
      name: 'kafkaRelay',
      critical: false,
      check: async () => {
        if (!this.admin) return { status: 'disabled' };
        try {
          await this.admin.connect();
          const cluster = await this.admin.describeCluster();
          return { status: 'up', brokers: cluster.brokers.length };
        } catch (error) {
          await this.admin.disconnect().catch(() => undefined);
          return { status: 'down', error: (error as Error).message };
        }
      },
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.admin?.disconnect();
  }
}
