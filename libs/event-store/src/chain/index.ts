export * from './chain-hash.js';
export * from './chain-sealer.js';
export * from './checkpoint.js';
export * from './signing.js';
export * from './verify-chain.js';
