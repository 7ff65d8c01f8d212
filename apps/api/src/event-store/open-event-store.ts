import { PersonKeys, PersonalDataEventStore, PostgresEventStore, type EventStore } from '@lib/event-store';
import type { Configuration } from '../config/configuration.js';
import type { Database } from '../database/database.js';

/** The adapter the configuration names, as stored: what the audit chain seals and verifies. */
export const EVENT_LOG = Symbol('EventLog');

/**
 * The event store the configuration names, wrapped so that personal data is
 * stored encrypted per person (crypto-shredding) whichever adapter keeps it.
 * The service and the CLI both open it here, so they read the same events.
 */
export async function openEventStore(config: Configuration, database: Database): Promise<EventStore> {
  return protectPersonalData(await openEventLog(config, database), database);
}

export async function openEventLog(config: Configuration, database: Database): Promise<EventStore> {
  if (config.EVENT_STORE === 'eventstoredb') {
    // Loaded only when configured: its gRPC client is heavy.
    const { EventStoreDbEventStore } = await import('@lib/event-store/eventstoredb/index.js');
    return new EventStoreDbEventStore({ connectionString: config.EVENTSTORE_CONNECTION_STRING! });
  }
  return new PostgresEventStore(database.pool);
}

export function protectPersonalData(log: EventStore, database: Database): EventStore {
  return new PersonalDataEventStore(log, new PersonKeys(database.pool));
}
