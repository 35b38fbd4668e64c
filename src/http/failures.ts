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

/**
 * What Node's HTTP parser refuses before any route sees the request (a URL
 * with raw non-ASCII bytes, a malformed header, headers too large, a request
 * that took too long) is answered in the same error envelope as every other
 * failure, then the connection is closed — the parser's state is unknown.
 */
export function clientErrorResponse(err: { code?: string }): string {
  const [status, reason, code, message] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'Request Timeout', 'BAD_REQUEST', '请求发送超时，请重试']
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [
            431,
            'Request Header Fields Too Large',
            'BAD_REQUEST',
            '请求头过大（Cookie 过多时请清除本站 Cookie 后重试）',
          ]
        : [
            400,
            'Bad Request',
            'BAD_REQUEST',
            '请求格式有误：网址或请求头含有不允许的字符（网址中的中文等字符须先进行百分号编码）',
          ];
  const body = JSON.stringify({ error: { code, message } });
  return (
    `HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`
  );
}
