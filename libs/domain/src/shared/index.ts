export * from './calendar.js';
export * from './decider.js';
export * from './domain-error.js';
export * from './iso-clause.js';
