export { IN_FLIGHT_LOCK_CLASS, NOTIFY_CHANNEL, SEAL_LOCK_KEY } from './constants.js';
export * from './migrations/index.js';
export { PostgresEventStore, type AppendNotification, type PostgresEventStoreOptions } from './postgres-event-store.js';
