/** Seconds a client is asked to wait before it retries while the database is away; PostgreSQL restarts in about that. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Node's codes for a connection that could not be made or broke. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

/** What node-postgres says when the connection it used ended (these errors carry no code). */
const CONNECTION_MESSAGES = [
  /^Connection terminated/,
  /not queryable/,
  /^timeout exceeded when trying to connect/,
  /^Client was closed and is not queryable/,
];

/**
 * Whether an error means PostgreSQL cannot be reached right now, rather than that a query was
 * wrong: SQLSTATE class 08 (connection exception), 57P01-57P03 (the server shuts down, crashed
 * or is starting up), or a broken socket. TypeORM keeps the driver's error in `driverError`.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('08') || /^57P0[123]$/.test(code) || CONNECTION_CODES.has(code))) {
      return true;
    }
    if (CONNECTION_MESSAGES.some((message) => message.test(cause instanceof Error ? cause.message : ''))) return true;
    cause = (cause as { driverError?: unknown }).driverError ?? cause.cause;
  }
  return false;
}
