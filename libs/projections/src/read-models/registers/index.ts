export * from './entities.js';
export * from './migration.js';
export * from './projections.js';
