/**
 * Improvement opportunities: raised by hand or from a cause (a breach, an exceeded
 * workload limit, a complaint...), worked through actions and closed with evidence.
 * Clauses follow the cause: `improvementClausesOf(event, causeKind)`.
 */
export * from './clauses.js';
export * from './commands.js';
export * from './decide.js';
export * from './decider.js';
export * from './events.js';
export * from './evolve.js';
export * from './process-manager.js';
export * from './state.js';
export * from './stream.js';
