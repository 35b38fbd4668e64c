import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_TTL_MS } from '../accounts/index.js';

export const SESSION_COOKIE = 'byline_session';
/** Care mode (关怀版) preference cookie; `?mode=care|standard` sets it, e.g. from a shared link. */
export const CARE_COOKIE = 'byline_mode';

/** Set by prefs.js: this browser runs the page's scripts (page-state.tsx fills a shared page in). */
export const JS_COOKIE = 'byline_js';
/**
 * Readable by the page's script (not HttpOnly, and no secret: the session is
 * the HttpOnly cookie): "this browser is signed in — fetch your own parts".
 */
export const SIGNED_IN_HINT_COOKIE = 'byline_signed';

/**
 * May this request be answered with the page every reader shares? Signed out,
 * yes; signed in, when the browser runs scripts and knows to fetch its own parts.
 */
export function getsSharedPage(cookies: Readonly<Record<string, string | undefined>>): boolean {
  if (!cookies[SESSION_COOKIE]) return true;
  return cookies[JS_COOKIE] === '1' && cookies[SIGNED_IN_HINT_COOKIE] === '1';
}

export function setSignedInHint(request: FastifyRequest, reply: FastifyReply): void {
  reply.setCookie(SIGNED_IN_HINT_COOKIE, '1', {
    path: '/',
    sameSite: 'lax',
    secure: request.https,
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

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
  setSignedInHint(request, reply);
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(SIGNED_IN_HINT_COOKIE, { path: '/' });
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
