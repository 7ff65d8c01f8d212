import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { PersonKeys } from '@lib/event-store';
import type { EventStore } from '@lib/event-store';
import type { Database } from '../database/database.js';
import { CONFIGURATION, DATABASE, EVENT_STORE, LOG_FOLLOWER } from '../tokens.js';
import { AUDIT_CHAIN, openAuditChain } from './audit-chain.js';
import { ChainSealing } from './chain-sealing.js';
import { EVENT_LOG, openEventLog, openLogFollower, protectPersonalData } from './open-event-store.js';

@Global()
@Module({
  providers: [
    { provide: EVENT_LOG, inject: [CONFIGURATION, DATABASE], useFactory: openEventLog },
    { provide: EVENT_STORE, inject: [EVENT_LOG, DATABASE], useFactory: protectPersonalData },
    { provide: LOG_FOLLOWER, inject: [CONFIGURATION, DATABASE, EVENT_STORE], useFactory: openLogFollower },
    { provide: AUDIT_CHAIN, inject: [CONFIGURATION, DATABASE, EVENT_LOG], useFactory: openAuditChain },
    { provide: PersonKeys, inject: [DATABASE], useFactory: (database: Database) => new PersonKeys(database.pool) },
    ChainSealing,
  ],
  exports: [EVENT_STORE, LOG_FOLLOWER, PersonKeys, AUDIT_CHAIN],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LOG_FOLLOWER) private readonly follower: EventStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.follower !== this.store) await this.follower.close();
    await this.store.close();
  }
}
