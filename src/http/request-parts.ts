/**
 * What every request path reads from a raw request — cookies, the client's
 * address, whether it came over https — in one place, so the page cache's
 * fast path (before Fastify) and the Fastify hooks agree, and nothing a
 * client sends can throw: malformed cookies keep their raw text, addresses
 * that are not addresses are ignored.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { parseCookie } from 'cookie';

/** The longest Cookie header we read; browsers send at most ~8 KB. */
const MAX_COOKIE_HEADER = 16 * 1024;

/** Cookies of a request (the `cookie` library, as @fastify/cookie uses): never throws. */
export function parseCookies(header: string | string[] | undefined): Record<string, string> {
  const text = Array.isArray(header) ? header.join('; ') : header;
  if (!text || text.length > MAX_COOKIE_HEADER) return {};
  try {
    const parsed = parseCookie(text);
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') out[k] = v;
    return out;
  } catch {
    return {};
  }
}

/** One value of a header that may come repeated. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The client's address. Behind `trustProxyHops` proxies (TRUST_PROXY), the
 * address the nearest trusted proxy saw: X-Forwarded-For read from the right,
 * so a client cannot choose its own address by sending the header itself.
 */
export function clientAddress(raw: IncomingMessage, trustProxyHops: number): string {
  const socket = raw.socket?.remoteAddress ?? '';
  if (trustProxyHops <= 0) return socket;
  const forwarded = raw.headers['x-forwarded-for'];
  const text = Array.isArray(forwarded) ? forwarded.join(',') : forwarded;
  if (!text) return socket;
  const hops = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const candidate = hops[Math.max(0, hops.length - trustProxyHops)];
  return candidate && isIP(candidate) ? candidate : socket;
}

/** Whether the client reached us over https (directly, or through a trusted proxy that says so). */
export function isHttps(raw: IncomingMessage, trustProxyHops: number): boolean {
  if ((raw.socket as { encrypted?: boolean } | undefined)?.encrypted) return true;
  if (trustProxyHops <= 0) return false;
  const proto = headerValue(raw.headers, 'x-forwarded-proto');
  return proto?.split(',').at(-1)?.trim().toLowerCase() === 'https';
}

/** A header value Node will write: visible ASCII, space, tab, and Latin-1 bytes; no CR/LF. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

export function isSafeHeaderValue(value: unknown): boolean {
  if (typeof value === 'number') return true;
  if (typeof value === 'string') return HEADER_VALUE.test(value);
  if (Array.isArray(value)) return value.every((v) => isSafeHeaderValue(v));
  return value === undefined;
}

/** The token of an `Authorization: Bearer <token>` header (API sessions), or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header ?? '');
  return m?.[1];
}
