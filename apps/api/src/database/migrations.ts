/**
 * Every schema migration of the service, in the order they run: the event
 * store's first, then the read models'. Each library owns its own migrations.
 */
export const migrations: Function[] = [];
