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

/** How often the processors that follow the log through `openLogFollower` look for new events. */
const FOLLOW_POLL_MS = 250;

/**
 * The log as background processors that may lag a moment behind follow it (reactions): read every
 * FOLLOW_POLL_MS, as a processor on another instance reads it, instead of woken by every append of
 * this process. Woken per append, each processor cost two queries per command, though few events
 * concern it; polled, one read per interval serves every append in it. Another event store than
 * PostgreSQL pushes new events to its subscribers, so it serves as it is.
 */
export function openLogFollower(config: Configuration, database: Database, store: EventStore): EventStore {
  if (config.EVENT_STORE !== 'postgres') return store;
  return protectPersonalData(
    new PostgresEventStore(database.pool, { notification: 'none', pollIntervalMs: FOLLOW_POLL_MS }),
    database,
  );
}

export function protectPersonalData(log: EventStore, database: Database): EventStore {
  return new PersonalDataEventStore(log, new PersonKeys(database.pool));
}
