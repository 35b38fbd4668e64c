import { createHash, randomBytes } from 'node:crypto';
import type { VisitorSalt } from '../engagement/index.js';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** First-party visitor cookie: random, means nothing outside this site. */
export const VISITOR_COOKIE = 'byline_vid';
/** A year: long enough to dedupe a reader's repeat shares, short of forever. */
const VISITOR_COOKIE_MAX_AGE_S = 365 * 86_400;

/**
 * Who is acting, as hashes, never raw identifiers: the visitor cookie when
 * present; on a first visit (no cookie yet) both the new cookie, which is set
 * here, and a salted hash of IP + user agent, so a client that drops cookies
 * cannot count again and again.
 */
export function visitorKeys(
  request: FastifyRequest,
  reply: FastifyReply,
  now: Date,
  salt: VisitorSalt,
): string[] {
  const id = request.cookies[VISITOR_COOKIE];
  if (id && /^[A-Za-z0-9_-]{16,64}$/.test(id)) return [cookieKey(id)];
  const fresh = randomBytes(16).toString('base64url');
  reply.setCookie(VISITOR_COOKIE, fresh, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.https,
    maxAge: VISITOR_COOKIE_MAX_AGE_S,
  });
  const ipKey = createHash('sha256')
    .update(`${salt.of(now)}|${request.clientIp}|${request.headers['user-agent'] ?? ''}`)
    .digest('base64url');
  return [ipKey, cookieKey(fresh)];
}

/**
 * The visitor behind a page view: the cookie when the reader has one, else a
 * salted IP + user-agent hash. Never sets a cookie (pages stay cacheable).
 */
export function viewVisitorKey(request: FastifyRequest, now: Date, salt: VisitorSalt): string {
  return visitorKeyOf(
    request.cookies[VISITOR_COOKIE],
    request.clientIp,
    request.headers['user-agent'],
    now,
    salt,
  );
}

/** The same from raw parts (the page cache's fast path has no Fastify request). */
export function visitorKeyOf(
  cookie: string | undefined,
  ip: string,
  userAgent: string | undefined,
  now: Date,
  salt: VisitorSalt,
): string {
  if (cookie && /^[A-Za-z0-9_-]{16,64}$/.test(cookie)) return cookieKey(cookie);
  return createHash('sha256')
    .update(`${salt.of(now)}|${ip}|${userAgent ?? ''}`)
    .digest('base64url');
}

function cookieKey(id: string): string {
  return createHash('sha256').update(`vid|${id}`).digest('base64url');
}

/**
 * CSRF defence for forms (OWASP "verifying origin with standard headers"):
 * a browser always says where a POST comes from; refuse other sites.
 */
export function isCrossSite(request: FastifyRequest): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string') return fetchSite !== 'same-origin' && fetchSite !== 'none';
  const origin = request.headers.origin;
  if (typeof origin === 'string') {
    try {
      return new URL(origin).host !== request.host;
    } catch {
      return true;
    }
  }
  return false;
}
