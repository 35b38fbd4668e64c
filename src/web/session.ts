import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_TTL_MS } from '../accounts/index.js';

export const SESSION_COOKIE = 'byline_session';
/** Care mode (关怀版) preference cookie; `?mode=care|standard` sets it, e.g. from a shared link. */
export const CARE_COOKIE = 'byline_mode';

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.https,
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The CSRF token of a session: an HMAC of its id hash, so nothing extra is stored. */
export function csrfToken(secret: string, sessionIdHash: string): string {
  return createHmac('sha256', secret).update(`csrf|${sessionIdHash}`).digest('base64url');
}

export function csrfMatches(secret: string, sessionIdHash: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(csrfToken(secret, sessionIdHash));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
