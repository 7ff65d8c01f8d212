// The EventStoreDB adapter is imported from `@lib/event-store/eventstoredb/index.js` only when it is configured, so that its gRPC client is not loaded otherwise.
export * from './canonical-json.js';
export * from './chain/index.js';
export * from './errors.js';
export * from './event-store.js';
export * from './following-wait.js';
export * from './postgres/index.js';
export * from './serialization.js';
export * from './upcasting/index.js';
export * from './personal-data/index.js';
