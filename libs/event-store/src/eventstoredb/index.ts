export { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './eventstoredb-event-store.js';
export { StreamNaming, type EsdbEventMetadata } from './mapping.js';
export { computeLogChain, type LogChainHead, type LogChainOptions } from './log-chain.js';
export {
  EventStoreDbChainSealer,
  type ChainProgress,
  type CheckpointedLog,
  type EventStoreDbChainSealerOptions,
} from './chain-sealer.js';
export { verifyEventStoreDbChain, type VerifiableLog } from './verify-chain.js';
export { CheckpointStream, type CheckpointRevision } from './checkpoint-stream.js';
export {
  CHECKPOINT_EVENT_TYPE,
  checkpointStreamName,
  readCheckpointRecord,
  type CheckpointEvent,
  type CheckpointRecord,
} from './checkpoint-record.js';
