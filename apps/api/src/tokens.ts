/** Injection tokens for what the service builds before Nest starts. */
export const CONFIGURATION = Symbol('Configuration');
export const DATABASE = Symbol('Database');
export const EVENT_STORE = Symbol('EventStore');
