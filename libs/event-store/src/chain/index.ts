export * from './chain-hash.js';
export * from './chain-sealer.js';
export * from './checkpoint.js';
export * from './signing.js';
export * from './verify-chain.js';
export * from './chain-tail.js';
export * from './checkpoint-json.js';
export * from './verify-log-chain.js';
