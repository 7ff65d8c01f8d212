export { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './eventstoredb-event-store.js';
export { StreamNaming, type EsdbEventMetadata } from './mapping.js';
export { computeLogChain, type LogChainHead, type LogChainOptions } from './log-chain.js';
