export * from './entities.js';
export * from './migration.js';
export * from './projection.js';
export * from './trail-time-index.migration.js';
