export * from './errors.js';
export * from './event-store.js';
