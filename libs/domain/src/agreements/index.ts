/**
 * Agreements (SLA, OLA, underpinning contract, MOU, SLR): negotiation, amendment,
 * review and the underpinning of customer targets by supplier targets.
 * Clauses depend on the agreement kind: use `agreementClausesOf(event, kind)`.
 */
export * from './alignment.js';
export * from './clauses.js';
export * from './commands.js';
export * from './decide.js';
export * from './decider.js';
export * from './events.js';
export * from './evolve.js';
export * from './state.js';
export * from './stream.js';
export * from './target-level.js';
export * from './terms.js';
export * from './terms-in-force.js';
export * from './terms-rules.js';
