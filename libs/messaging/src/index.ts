export * from './audit-checkpoints.js';
export * from './envelope.js';
export * from './kafka/kafkajs-publisher.js';
export * from './publisher.js';
export * from './relay.js';
export * from './replay.js';
export * from './schemas.js';
export * from './topics.js';
