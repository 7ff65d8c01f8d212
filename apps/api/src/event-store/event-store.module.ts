import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { PersonKeys } from '@lib/event-store';
import type { EventStore } from '@lib/event-store';
import type { Database } from '../database/database.js';
import { CONFIGURATION, DATABASE, EVENT_STORE } from '../tokens.js';
import { ChainSealing } from './chain-sealing.js';
import { openEventStore } from './open-event-store.js';

@Global()
@Module({
  providers: [
    { provide: EVENT_STORE, inject: [CONFIGURATION, DATABASE], useFactory: openEventStore },
    { provide: PersonKeys, inject: [DATABASE], useFactory: (database: Database) => new PersonKeys(database.pool) },
    ChainSealing,
  ],
  exports: [EVENT_STORE, PersonKeys],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
