/** Injection tokens for what the service builds before Nest starts. */
export const CONFIGURATION = Symbol('Configuration');
export const DATABASE = Symbol('Database');
export const EVENT_STORE = Symbol('EventStore');
/** The event store background processors that may lag a moment behind follow the log through. */
export const LOG_FOLLOWER = Symbol('LogFollower');
