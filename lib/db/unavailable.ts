// The database not answering (server down, network cut, pool exhausted): recognised from the
// errors Prisma and the drivers raise, and answered with one clear message — 503 for route
// handlers — instead of a 500 carrying the query and connection details.
import { logger } from '../log/logger';

export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is unavailable right now, so nothing was read or changed. Try again in a moment.';

/** Prisma codes for an unreachable or unresponsive database server (P1xxx) and a connection pool timeout (P2024). */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** Driver adapter error kinds that mean the same. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
/** Node and driver codes of a connection that failed or was cut. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P03', 'SQLITE_CANTOPEN', 'SQLITE_BUSY']);

interface ErrorShape {
  code?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown } } };
  cause?: unknown;
  message?: unknown;
}

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 3) return false;
  if (err instanceof DatabaseUnavailableError) return true;
  const e = err as ErrorShape;
  if (typeof e.code === 'string' && (PRISMA_CODES.has(e.code) || NETWORK_CODES.has(e.code))) return true;
  const kind = e.meta?.driverAdapterError?.cause?.kind;
  if (typeof kind === 'string' && ADAPTER_KINDS.has(kind)) return true;
  if (typeof e.message === 'string' && /^Cannot open database because/.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

export class DatabaseUnavailableError extends Error {
  constructor() {
    super(DATABASE_UNAVAILABLE_MESSAGE);
    this.name = 'DatabaseUnavailableError';
  }
}

/** Rethrows a database-unavailable failure as DatabaseUnavailableError (clean message; the original is logged). */
export function rethrowUnavailable(err: unknown): never {
  if (!isDatabaseUnavailable(err) || err instanceof DatabaseUnavailableError) throw err;
  logger.error({ err }, 'database unavailable');
  throw new DatabaseUnavailableError();
}

export const UNSTORABLE_TEXT_MESSAGE = 'The text contains a NUL character (\\u0000), which cannot be stored: remove it and send again.';

/** PostgreSQL refuses NUL in text (22021); SQLite stores it. Bad input, not a server fault. */
export function isUnstorableText(err: unknown): boolean {
  const e = err as ErrorShape & { meta?: { driverAdapterError?: { cause?: { code?: unknown } } } };
  return Boolean(err && typeof err === 'object' && (e.code === '22021' || e.meta?.driverAdapterError?.cause?.code === '22021'));
}

/**
 * A route handler that answers 503 with the clear message when the database is unavailable, and
 * 400 when PostgreSQL refuses text with a NUL character.
 */
export function answerDatabaseRefusals<A extends unknown[]>(handler: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (err) {
      if (isUnstorableText(err)) return Response.json({ error: UNSTORABLE_TEXT_MESSAGE }, { status: 400 });
      if (!isDatabaseUnavailable(err)) throw err;
      logger.error({ err }, 'database unavailable');
      return Response.json({ error: DATABASE_UNAVAILABLE_MESSAGE }, { status: 503, headers: { 'Retry-After': '5' } });
    }
  };
}
