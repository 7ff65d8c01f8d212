import { PersonKeys, PersonalDataEventStore, PostgresEventStore, type EventStore } from '@lib/event-store';
import type { Configuration } from '../config/configuration.js';
import type { Database } from '../database/database.js';

/**
 * The event store the configuration names, wrapped so that personal data is
 * stored encrypted per person (crypto-shredding) whichever adapter keeps it.
 * The service and the CLI both open it here, so they read the same events.
 */
export async function openEventStore(config: Configuration, database: Database): Promise<EventStore> {
  const adapter =
    config.EVENT_STORE === 'eventstoredb'
      ? // Loaded only when configured: its gRPC client is heavy.
        new (await import('@lib/event-store/eventstoredb/index.js')).EventStoreDbEventStore({
          connectionString: config.EVENTSTORE_CONNECTION_STRING!,
        })
      : new PostgresEventStore(database.pool);
  return new PersonalDataEventStore(adapter, new PersonKeys(database.pool));
}
