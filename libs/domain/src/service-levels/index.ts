/**
 * Service levels: one stream per agreement and period, judged at close against the
 * agreement version in force when the period opened. Clauses: `serviceLevelClausesOf(event, kind)`.
 */
export * from './clauses.js';
export * from './commands.js';
export * from './decide.js';
export * from './decider.js';
export * from './events.js';
export * from './evolve.js';
export * from './judgement.js';
export * from './period-terms.js';
export * from './state.js';
export * from './stream.js';
