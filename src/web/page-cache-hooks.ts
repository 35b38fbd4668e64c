/**
 * The page cache (page-cache.ts) wired into the server: a hit is answered in
 * the first hook, before sessions, routing or the database; a miss renders as
 * usual and is kept on the way out. Article views are counted on hits too.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import {
  articleIdOfUrl,
  cacheKeyOf,
  CDN_CACHE_CONTROL,
  followChanges,
  tagsOfUrl,
  type CachedPage,
  type PageCache,
  type RenderTicket,
} from './page-cache.js';
import { ALL_PAGES_TAG } from './cdn-purge.js';
import {
  CARE_COOKIE,
  getsSharedPage,
  JS_COOKIE,
  SESSION_COOKIE,
  SIGNED_IN_HINT_COOKIE,
} from './session.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { VisitorSalt } from '../engagement/index.js';
import { VISITOR_COOKIE, visitorKeyOf } from './visitor.js';
import { clientAddress, isHttps, parseCookies } from '../http/request-parts.js';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Set on a cache miss that may be kept: where, from which version, with which tags, and
     * the expired copy to fall back on if rendering fails (stale-if-error).
     */
    pageCache: {
      key: string;
      version: number;
      tags: string[];
      stale?: CachedPage;
      /** A signed-in reader getting the shared page: rendered as signed out, its view counted by its beacon. */
      signedIn: boolean;
      /** This request renders the page for the others waiting on it (single flight). */
      ticket?: RenderTicket;
    } | null;
  }
}

/**
 * Set by a CDN in front on the requests it sends to Byline (deploy/varnish/byline.vcl): a CDN
 * fetches a page after a purge, and the change behind the purge may not have reached this
 * instance's cache yet. Honoured from anyone: it costs one read of the outbox, which
 * concurrent requests share.
 */
export const CDN_FETCH_HEADER = 'byline-cdn-fetch';
/** Marks the server's own background render of an expired copy (with a per-process secret). */
const REFRESH_HEADER = 'byline-refresh';

/** Lets a route say which creator or channel a page shows, so their changes drop it. */
export function addCacheTags(request: FastifyRequest, ...tags: string[]): void {
  request.pageCache?.tags.push(...tags);
}

/** What a request gets of a cached page: 304 on a matching ETag, else the copy its Accept-Encoding takes. */
function variantFor(page: CachedPage, headers: IncomingHttpHeaders) {
  if (headers['if-none-match'] === page.etag)
    return { status: 304, encoding: undefined, body: null };
  const accept = String(headers['accept-encoding'] ?? '');
  const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : undefined;
  const body = encoding === 'br' ? page.br : encoding === 'gzip' ? page.gzip : page.identity;
  return { status: page.status, encoding, body } as const;
}

/** A hit on an article page still counts a view (the visitor is hashed only if it counts). */
function countView(
  ctx: AppContext,
  salt: VisitorSalt,
  page: CachedPage,
  method: string | undefined,
  visitor: { cookie: string | undefined; ip: string; headers: IncomingHttpHeaders },
): void {
  if (!page.articleId || method !== 'GET') return;
  const userAgent = visitor.headers['user-agent'];
  const purpose = visitor.headers['sec-purpose'] ?? visitor.headers.purpose;
  ctx.views?.record({
    articleId: page.articleId,
    visitorKey: () => visitorKeyOf(visitor.cookie, visitor.ip, userAgent, ctx.clock.now(), salt),
    ip: visitor.ip,
    userAgent,
    purpose: purpose ? String(purpose) : undefined,
    isAuthor: false,
  });
}

/**
 * A page's tags for a CDN in front (`Surrogate-Key` for Fastly-style caches,
 * `xkey` for Varnish): what purges it when something it shows changes, and
 * `all`, which purges every page.
 */
function surrogateKeys(page: CachedPage): string {
  return [...page.tags, ALL_PAGES_TAG].join(' ');
}

/** The hook path's reply (inject(), misses being kept, stale copies after a failed render). */
function send(
  request: FastifyRequest,
  reply: FastifyReply,
  page: CachedPage,
  hit: 'HIT' | 'MISS' | 'STALE',
) {
  const { status, encoding, body } = variantFor(page, request.headers);
  reply
    .code(status)
    .header('content-type', page.type)
    .header('etag', page.etag)
    .header('cache-control', CDN_CACHE_CONTROL)
    .header('vary', 'Accept-Encoding, Cookie')
    .header('surrogate-key', surrogateKeys(page))
    .header('xkey', surrogateKeys(page))
    .header('x-cache', hit);
  if (encoding) reply.header('content-encoding', encoding);
  return body;
}

export function installPageCache(
  app: FastifyInstance,
  ctx: AppContext,
  cache: PageCache,
  salt: VisitorSalt,
): void {
  app.decorateRequest('pageCache', null);
  // Expired copies are rendered again by the server itself, in the background: an internal
  // request carrying this process's secret takes over the render's ticket.
  const refreshSecret = randomBytes(16).toString('base64url');
  const handoff = new Map<string, RenderTicket>();
  cache.refresher = (key, ticket) => {
    const url = key.slice(key.indexOf(' ') + 1);
    const care = key.startsWith('care ');
    handoff.set(key, ticket);
    app
      .inject({
        method: 'GET',
        url,
        headers: {
          [REFRESH_HEADER]: refreshSecret,
          ...(care ? { cookie: `${CARE_COOKIE}=care` } : {}),
        },
      })
      .catch(() => undefined)
      .finally(() => {
        if (handoff.get(key) === ticket) handoff.delete(key);
        ticket.done(undefined);
      });
  };
  const countHit = (request: FastifyRequest, page: CachedPage) =>
    countView(ctx, salt, page, request.method, {
      cookie: request.cookies[VISITOR_COOKIE],
      ip: request.clientIp,
      headers: request.headers,
    });

  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    // A signed-in browser without scripts gets its own page (its name, token and states in it).
    if (!getsSharedPage(request.cookies)) return;
    const signedIn = request.cookies[SESSION_COOKIE] !== undefined;
    const key = cacheKeyOf(request.url, request.cookies[CARE_COOKIE] === 'care');
    if (!key) return;
    // CASE: a CDN fetching a page it just dropped: what made it drop it may not have reached this
    // instance yet — read the outbox first, or the CDN would keep the old copy again.
    if (request.headers[CDN_FETCH_HEADER]) await ctx.events?.catchUp().catch(() => {});
    // The server's own background render of an expired copy (its ticket handed over).
    const handed = request.headers[REFRESH_HEADER] === refreshSecret ? handoff.get(key) : undefined;
    if (handed) {
      handoff.delete(key);
      request.pageCache = {
        key,
        version: cache.version,
        tags: tagsOfUrl(request.url),
        signedIn: false,
        ticket: handed,
      };
      return;
    }
    const page = cache.get(key);
    if (page) {
      // A signed-in reader's view is counted by its page's beacon, as that reader.
      if (!signedIn) countHit(request, page);
      return reply.send(send(request, reply, page, 'HIT'));
    }
    // Single flight: one render at a time; meanwhile the copy as it was (expired, or dropped by
    // a change while another request renders), or, when none is kept, a wait for the render.
    const stale = cache.serveStale(key);
    if (stale) {
      if (!signedIn) countHit(request, stale);
      return reply.send(send(request, reply, stale, 'STALE'));
    }
    const { ticket, pending } = cache.begin(key);
    const rendered = pending ? await pending : undefined;
    if (rendered) {
      if (!signedIn) countHit(request, rendered);
      return reply.send(send(request, reply, rendered, 'HIT'));
    }
    // The copy as it was (expired, or dropped by a change) stands in if this render fails.
    const fallback = cache.stale(key);
    request.pageCache = {
      key,
      version: cache.version,
      tags: tagsOfUrl(request.url),
      ...(fallback ? { stale: fallback } : {}),
      signedIn,
      ...(ticket ? { ticket } : {}),
    };
  });

  // Whatever became of the render (an error, an abort, a page not kept), the waiting end.
  const endRender = async (request: FastifyRequest) => request.pageCache?.ticket?.done(undefined);
  app.addHook('onResponse', endRender);
  app.addHook('onRequestAbort', endRender);

  app.addHook('onSend', async (request, reply, payload) => {
    const pending = request.pageCache;
    // A signed-in page must not be kept by a CDN or a shared proxy either.
    if (request.cookies[SESSION_COOKIE] && !pending && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'private, no-store');
    if (!pending) return payload;
    request.pageCache = null;
    let page: CachedPage | undefined;
    try {
      page = await keep(request, reply, payload, pending);
    } finally {
      pending.ticket?.done(page);
    }
    if (page) return send(request, reply, page, 'MISS');
    // CASE: rendering failed (the database is down): the copy as it was beats an error page.
    if (reply.statusCode >= 500 && pending.stale) {
      reply.removeHeader('retry-after');
      return send(request, reply, pending.stale, 'STALE');
    }
    return payload;
  });

  /** The rendered page kept for everyone, or undefined when this response is not to be shared. */
  async function keep(
    request: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
    pending: NonNullable<FastifyRequest['pageCache']>,
  ): Promise<CachedPage | undefined> {
    if (reply.statusCode !== 200) return undefined;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return undefined;
    // A response that sets a cookie is about this visitor; it is not shared.
    if (reply.getHeader('set-cookie') !== undefined) return undefined;
    const articleId = articleIdOfUrl(request.url);
    return cache.set(pending.key, pending.version, {
      status: 200,
      type: String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8'),
      body: payload,
      tags: pending.tags,
      ...(articleId ? { articleId } : {}),
    });
  }

  // Events may have been missed (the notification connection broke): nothing kept is trusted.
  const stop = ctx.events ? followChanges(ctx.events, cache) : undefined;
  app.addHook('onClose', async () => {
    cache.refresher = undefined;
    stop?.();
  });
}

/** Response headers of a cached page, per encoding and scheme, built once (flat [name, value, …]; content-length last). */
function rawHeaders(
  page: CachedPage,
  encoding: 'br' | 'gzip' | undefined,
  securityHeaders: Readonly<Record<string, string>>,
  https: boolean,
  hit: 'HIT' | 'STALE',
): string[] {
  const byEncoding = page.rawHeaders;
  const name = `${encoding ?? 'identity'}|${https ? 'https' : 'http'}|${hit}`;
  let headers = byEncoding.get(name);
  if (!headers) {
    const body = encoding === 'br' ? page.br : encoding === 'gzip' ? page.gzip : page.identity;
    headers = [
      ...Object.entries(securityHeaders).flat(),
      'content-type',
      page.type,
      'etag',
      page.etag,
      'cache-control',
      CDN_CACHE_CONTROL,
      'vary',
      'Accept-Encoding, Cookie',
      'surrogate-key',
      surrogateKeys(page),
      'xkey',
      surrogateKeys(page),
      'x-cache',
      hit,
      ...(encoding ? ['content-encoding', encoding] : []),
      'content-length',
      String(body.length),
    ];
    byEncoding.set(name, headers);
  }
  return headers;
}

/**
 * The page cache served straight from Node's http server, before Fastify:
 * the same keys, headers and view counting as the onRequest hook above (which
 * serves `inject()` and anything this passes on), at a fraction of the cost
 * per request. Returns false when the request is not a hit.
 */
export function cachedPageHandler(
  ctx: AppContext,
  cache: PageCache,
  securityHeaders: Readonly<Record<string, string>>,
  httpsHeaders: Readonly<Record<string, string>>,
  salt: VisitorSalt,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const hops = ctx.trustProxy ?? 0;
  const overHttps = { ...securityHeaders, ...httpsHeaders };
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const header = req.headers.cookie;
    // CASE: a signed-in browser without scripts gets its own page (checked before parsing anything).
    const signedIn = header?.includes(`${SESSION_COOKIE}=`) ?? false;
    if (
      signedIn &&
      !(header!.includes(`${JS_COOKIE}=1`) && header!.includes(`${SIGNED_IN_HINT_COOKIE}=1`))
    )
      return false;
    // CASE: a CDN's fetch first reads the outbox (the hook path above).
    if (req.headers[CDN_FETCH_HEADER]) return false;
    const cookies = header ? parseCookies(header) : {};
    if (!getsSharedPage(cookies)) return false;
    const key = cacheKeyOf(req.url ?? '/', cookies[CARE_COOKIE] === 'care');
    if (!key) return false;
    // While one request renders the page again, the others get the copy as it was.
    const fresh = cache.get(key);
    const page = fresh ?? cache.serveStale(key);
    if (!page) return false;
    // A signed-in reader's view is counted by its page's beacon, as that reader.
    if (!signedIn)
      countView(ctx, salt, page, req.method, {
        cookie: cookies[VISITOR_COOKIE],
        ip: clientAddress(req, hops),
        headers: req.headers,
      });
    const { status, encoding, body } = variantFor(page, req.headers);
    const https = isHttps(req, hops);
    const headers = rawHeaders(
      page,
      encoding,
      https ? overHttps : securityHeaders,
      https,
      fresh ? 'HIT' : 'STALE',
    );
    // A 304 has no body, so no content-length (the last pair).
    res.writeHead(status, status === 304 ? headers.slice(0, -2) : headers);
    res.end(req.method === 'HEAD' ? undefined : (body ?? undefined));
    return true;
  };
}
