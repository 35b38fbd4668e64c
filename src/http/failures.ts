/** How failed requests are logged and what a client is told to do next. */
import type { FastifyRequest } from 'fastify';
import type { AppError } from '../shared/errors.js';

/** A database outage usually lasts seconds (a restart, a failover): retry after this long. */
export const RETRY_AFTER_S = 2;

/**
 * Server-side failures are logged with the request id (client errors are not
 * ours to log); an outage is a warning — one line per request during an
 * outage would drown everything else at error level.
 */
export function logFailure(request: FastifyRequest, appError: AppError, err: unknown): void {
  if (appError.status < 500) return;
  const entry = { reqId: request.id, url: request.url, code: appError.code };
  if (appError.code === 'DB_UNAVAILABLE') request.log.warn(entry, 'database unavailable');
  else request.log.error({ ...entry, err }, 'request failed');
}
