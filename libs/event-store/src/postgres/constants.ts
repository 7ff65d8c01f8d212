/**
 * Fixed identifiers shared by the schema and the code. The migration embeds them, so they must
 * never change once a database has been migrated.
 */

/**
 * First key of the shared transaction-level advisory locks (two-int4 form) by which appends that
 * are still in flight make themselves visible to readers; the second key is the low 32 bits of the
 * lowest position the append may take.
 */
export const IN_FLIGHT_LOCK_CLASS = 730_511_201;
/** Transaction advisory lock of the chain sealer: one sealing batch at a time, across processes. */
export const SEAL_LOCK_KEY = 7_305_112_002n;
/** LISTEN/NOTIFY channel woken after appends; the payload is the last appended position. */
export const NOTIFY_CHANNEL = 'event_store_appended';
