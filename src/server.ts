/**
 * Builds the HTTP server: one request lifecycle for every path — the page
 * cache's fast path and Fastify share the same cookie, address and header
 * handling (http/request-parts.ts) — timeouts that close slow or incomplete
 * requests in seconds, security headers, the health check, the reader pages
 * (Simplified at `/`, Traditional at `/zh-hant`), feeds, assets and the JSON
 * API, each as an encapsulated sub-app. Nothing here listens.
 */
import path from 'node:path';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import { randomBytes } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { apiApp } from './api/app.js';
import { countPublishedArticles } from './articles/index.js';
import type { AppContext, ContextInput } from './context.js';
import { Lexicon } from './moderation/index.js';
import { Segmenter } from './text/index.js';
import { DiskMediaStore, IMAGE_DECODE_CONCURRENCY, IMAGE_MAX_BYTES } from './media/index.js';
import { Semaphore } from './shared/semaphore.js';
import { relayFor, type EventRelay } from './events/index.js';
import { clientAddress, isHttps, isSafeHeaderValue } from './http/request-parts.js';
import { clientErrorResponse, logFailure, RETRY_AFTER_S } from './http/failures.js';
import { answerUnparsable, lingerOnEarlyAnswer } from './http/linger.js';
import { useZodSchemas } from './http/route-schema.js';
import { DbRateStore } from './limits/index.js';
import { toAppError } from './shared/errors.js';
import { webApp, type WebShared } from './web/app.js';
import { registerBodyParsers } from './web/body-parsers.js';
import type { PageCache } from './web/page-cache.js';
import { cachedPageHandler, installPageCache } from './web/page-cache-hooks.js';
import type { FragmentCache } from './web/fragment-cache.js';
import { assetRoutes } from './web/routes/assets.js';
import { QrCodes } from './web/qr.js';
import { ScriptCache } from './web/script-cache.js';
import { VisitorSalt } from './engagement/index.js';
import { feedRoutes } from './web/routes/feeds.js';
import { robotsRoutes, sitemapRoutes } from './web/routes/sitemaps.js';
import { SiteFrameCache } from './web/site-frame.js';

/** How old /healthz's view of the database may get before a request refreshes it. */
const HEALTH_CHECK_INTERVAL_MS = 2_000;
/** A check still unanswered after this long (the database hangs): /healthz says 503. */
const HEALTH_STALE_MS = 5_000;

/** Largest request body accepted (articles are ≤ 200k characters ≈ 600 KB of UTF-8, plus JSON). */
const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * Request timeouts. Headers must arrive within 10 s and the whole request
 * (a 10 MB upload included) within 60 s; a connection that sends nothing for
 * 10 s is closed, so a stalled body frees its socket in seconds, not minutes.
 * Node checks the first two every CONNECTION_CHECK_MS.
 */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 60_000;
export const SOCKET_IDLE_TIMEOUT_MS = 10_000;
const CONNECTION_CHECK_MS = 1_000;
/** Idle keep-alive connections: browsers reuse within a few seconds or not at all. */
const KEEP_ALIVE_TIMEOUT_MS = 5_000;

/**
 * CSP without inline scripts or styles; pages work without JavaScript and load
 * only same-origin assets. Permissions-Policy turns off device features no
 * page of ours uses.
 */
export const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
    "object-src 'none'; base-uri 'self'; form-action 'self' https://service.weibo.com; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy':
    'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()',
} as const;
/** Sent over https only (a browser ignores it over http, and it must not pin a dev setup to https). */
export const HSTS_HEADER = { 'strict-transport-security': 'max-age=31536000; includeSubDomains' };

export interface ServerOptions {
  readonly logLevel?: string;
  /** Called for every route as it is registered (the authorization matrix test lists them). */
  readonly onRoute?: (route: { method: string | string[]; url: string }) => void;
  /** Keep rendered public pages in memory (production); off by default so tests see every render. */
  readonly pageCache?: PageCache;
  /** Keep the parts pages are made of between renders (production); off by default, as above. */
  readonly fragments?: FragmentCache;
}

/** Answers a request from the page cache; false when it is not a hit. */
type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

declare module 'fastify' {
  interface FastifyRequest {
    /** The client's address (TRUST_PROXY hops of X-Forwarded-For honoured): rate limits, view dedup. */
    readonly clientIp: string;
    /** The client reached us over https (directly or through a trusted proxy). */
    readonly https: boolean;
  }
}

export async function buildServer(
  given: ContextInput,
  options: ServerOptions = {},
): Promise<FastifyInstance> {
  // Tests and tools build a server without a composition root: it then owns its relay.
  const ownRelay = given.events === undefined;
  const ctx = completeContext(given);
  const events = ctx.events;
  await events.start();
  // Today's shared visitor salt (a job keeps it current); until then the instance's own stands in.
  await ctx.visitorSalt.sync(ctx.database.db, ctx.clock.now()).catch(() => {});
  const hops = ctx.trustProxy ?? 0;
  // Page-cache hits are answered by Node's http server itself, before Fastify (page-cache-hooks.ts).
  // Per-server web state: converted pages and QR codes (never module-level); the salt is the site's.
  const web = { salt: ctx.visitorSalt, scripts: new ScriptCache(), qr: new QrCodes() };
  const fast = options.pageCache
    ? cachedPageHandler(ctx, options.pageCache, SECURITY_HEADERS, HSTS_HEADER, web.salt)
    : undefined;
  const app = createFastify(options, fast);
  if (options.onRoute) {
    const onRoute = options.onRoute;
    app.addHook('onRoute', (route) => onRoute({ method: route.method, url: route.url }));
  }
  decorateClientParts(app, hops);
  useZodSchemas(app);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: IMAGE_MAX_BYTES, files: 1, fields: 20 } });
  registerBodyParsers(app);
  if (options.pageCache) installPageCache(app, ctx, options.pageCache, web.salt);
  const shared = {
    // Shared by every instance and kept across restarts (the database, or Redis when configured).
    limits: ctx.rateLimits ?? new DbRateStore(ctx.database.db, () => ctx.clock.now().getTime()),
    secret: ctx.secret ?? randomBytes(32).toString('base64url'),
    frame: new SiteFrameCache(ctx),
    ...web,
  };
  const fragments = options.fragments;
  app.decorateRequest('fragment', function <
    T,
  >(key: string, tags: readonly string[], load: () => Promise<T>) {
    return fragments ? fragments.get(key, tags, load) : load();
  });
  const unfollow = fragments?.follow(events);
  app.addHook('onClose', async () => {
    shared.frame.close();
    unfollow?.();
    if (ownRelay) events.stop();
  });
  installEventCatchUp(app, events);
  installResponseHeaders(app);
  installFallbackErrorHandler(app);
  await installHealthCheck(app, ctx);
  await registerScopes(app, ctx, shared);
  return app;
}

/** The context with what a caller may leave out filled in: event relay, image slots, word lists. */
function completeContext(given: ContextInput): AppContext & { readonly events: EventRelay } {
  return {
    ...given,
    events: given.events ?? relayFor(given.database),
    imageSlots: given.imageSlots ?? new Semaphore(IMAGE_DECODE_CONCURRENCY),
    segmenter: given.segmenter ?? new Segmenter(),
    lexicon: given.lexicon ?? new Lexicon(),
    visitorSalt: given.visitorSalt ?? new VisitorSalt(),
    media: given.media ?? new DiskMediaStore(given.uploadsDir ?? path.resolve('data/uploads')),
  };
}

/** Fastify on our own Node http server, with the body, path, proxy and shutdown settings. */
function createFastify(options: ServerOptions, fast: FastPath | undefined): FastifyInstance {
  const app: FastifyInstance = Fastify({
    serverFactory: (handler: (req: IncomingMessage, res: ServerResponse) => void) =>
      createHttpServer(handler, fast, () => app.log),
    connectionTimeout: SOCKET_IDLE_TIMEOUT_MS,
    logger: { level: options.logLevel ?? 'silent' },
    // Per-request log lines cost throughput; errors are still logged by the handlers.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
    // Long path parameters reach their route, whose schema answers not-found (not a bare 414).
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1_000 },
    // Client addresses and https come from http/request-parts.ts (one function for every path).
    trustProxy: false,
    // Shutdown closes idle keep-alive connections at once; main.ts ends the rest after a grace period.
    forceCloseConnections: 'idle',
    clientErrorHandler: (err, socket) => {
      // CASE: a reset connection has nobody left to answer.
      if ((err as { code?: string }).code === 'ECONNRESET' || socket.destroyed) return;
      if (!socket.writable) return void socket.destroy(err);
      answerUnparsable(socket, clientErrorResponse(err as { code?: string }));
    },
  });
  return app;
}

/** Node's http server with the request timeouts; a page-cache hit is answered here, the rest by Fastify. */
function createHttpServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  fast: FastPath | undefined,
  log: () => FastifyBaseLogger,
): Server {
  const server = createServer(
    {
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      connectionsCheckingInterval: CONNECTION_CHECK_MS,
    },
    (req, res) => {
      lingerOnEarlyAnswer(req);
      try {
        if (!fast?.(req, res)) handler(req, res);
      } catch (err) {
        // CASE: the fast path failed before answering; Fastify answers instead (and logs).
        log().error({ err, url: req.url }, 'page cache fast path failed');
        if (!res.headersSent) handler(req, res);
        else res.destroy();
      }
    },
  );
  // A connection that sends nothing for this long is closed (a stalled body among them).
  server.timeout = SOCKET_IDLE_TIMEOUT_MS;
  return server;
}

/** request.clientIp and request.https, read through TRUST_PROXY hops (http/request-parts.ts). */
function decorateClientParts(app: FastifyInstance, hops: number): void {
  app.decorateRequest('clientIp', {
    getter(this: { raw: IncomingMessage }) {
      return clientAddress(this.raw, hops);
    },
  });
  app.decorateRequest('https', {
    getter(this: { raw: IncomingMessage }) {
      return isHttps(this.raw, hops);
    },
  });
}

/** After a write, this process's caches hear its events before the reply is sent. */
function installEventCatchUp(app: FastifyInstance, events: EventRelay): void {
  // A change made by this request reaches this process's caches before the reply does, so the
  // client's next page already shows it (other processes hear it within the relay's poll).
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      await events.catchUp().catch(() => {});
    return payload;
  });
}

/** Security headers on every response, and no header value Node would refuse. */
function installResponseHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    if (request.https) reply.headers(HSTS_HEADER);
    // Every header value we write is one Node accepts: a value built from input that is not
    // (a newline, a character above U+00FF) is dropped and logged instead of failing the response.
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (isSafeHeaderValue(value)) continue;
      request.log.error({ header: name }, 'refused an unsafe response header value');
      reply.removeHeader(name);
      if (name === 'location') reply.header('location', '/');
    }
    return payload;
  });
}

/** The error handler outside the web and API scopes: a JSON error, logged. */
function installFallbackErrorHandler(app: FastifyInstance): void {
  // The last resort for anything outside the web and API scopes (their handlers render errors):
  // logged with the request id, answered, never the end of the process.
  app.setErrorHandler(async (err, request, reply) => {
    const appError = toAppError(err);
    logFailure(request, appError, err);
    if (appError.code === 'DB_UNAVAILABLE') reply.header('retry-after', String(RETRY_AFTER_S));
    return reply
      .code(appError.status)
      .send({ error: { code: appError.code, message: appError.message } });
  });
}

/** GET /healthz, after a first database check. */
async function installHealthCheck(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // /healthz answers from the last database check, never waiting behind a slow query:
  // a load balancer must hear at once whether this process serves.
  let health: { ok: boolean; articles: number; at: number } = { ok: false, articles: 0, at: 0 };
  const checkHealth = async () => {
    try {
      const articles = await countPublishedArticles(ctx.database.db);
      health = { ok: true, articles, at: Date.now() };
    } catch (err) {
      app.log.error({ err }, 'health check failed');
      health = { ...health, ok: false, at: Date.now() };
    }
  };
  await checkHealth();
  /** When the check in flight began (0: none in flight). */
  let checkingSince = 0;
  app.get('/healthz', async (_request, reply) => {
    // Refresh in the background when the last check is old; answer from it now.
    if (!checkingSince && Date.now() - health.at > HEALTH_CHECK_INTERVAL_MS) {
      checkingSince = Date.now();
      void checkHealth().finally(() => (checkingSince = 0));
    }
    const hung = checkingSince !== 0 && Date.now() - checkingSince > HEALTH_STALE_MS;
    reply.header('cache-control', 'no-store');
    if (!health.ok || hung)
      return reply.code(503).send({ status: 'unavailable', db: ctx.database.kind });
    return { status: 'ok', db: ctx.database.kind, articles: health.articles };
  });
}

/** The sub-apps: reader pages in both scripts (feeds, sitemaps, assets at the root only), the JSON API. */
async function registerScopes(app: FastifyInstance, ctx: AppContext, shared: WebShared) {
  await app.register(async (scope) => {
    await webApp(scope, ctx, 'hans', shared);
    await scope.register(feedRoutes, { ctx });
    await scope.register(sitemapRoutes, { ctx });
    await scope.register(robotsRoutes, { ctx });
    await scope.register(assetRoutes, { ctx });
  });
  await app.register(async (scope) => webApp(scope, ctx, 'hant', shared), { prefix: '/zh-hant' });
  await app.register(async (scope) => apiApp(scope, ctx, shared), { prefix: '/api/v1' });
}
