/**
 * Builds the HTTP server: security headers, health check, the reader pages
 * (Simplified at `/`, Traditional at `/zh-hant`), feeds and sitemaps, assets,
 * and the JSON API, each as an encapsulated sub-app. Nothing here listens.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import { randomBytes } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { apiApp } from './api/app.js';
import { countPublishedArticles } from './articles/index.js';
import type { AppContext } from './context.js';
import { IMAGE_MAX_BYTES } from './articles/index.js';
import { RateLimiter } from './shared/rate-limit.js';
import { SiteFrameCache, webApp } from './web/app.js';
import { registerBodyParsers } from './web/body-parsers.js';
import type { PageCache } from './web/page-cache.js';
import { cachedPageHandler, installPageCache } from './web/page-cache-hooks.js';
import { assetRoutes } from './web/routes/assets.js';
import { feedRoutes } from './web/routes/feeds.js';

/** How old /healthz's view of the database may get before a request refreshes it. */
const HEALTH_CHECK_INTERVAL_MS = 2_000;
/** A check still unanswered after this long (the database hangs): /healthz says 503. */
const HEALTH_STALE_MS = 30_000;

/** Largest request body accepted (articles are ≤ 200k characters ≈ 600 KB of UTF-8, plus JSON). */
const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * CSP without inline scripts or styles; pages work without JavaScript and load
 * only same-origin assets.
 */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
    "object-src 'none'; base-uri 'self'; form-action 'self' https://service.weibo.com; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
} as const;

export interface ServerOptions {
  readonly logLevel?: string;
  /** Called for every route as it is registered (the authorization matrix test lists them). */
  readonly onRoute?: (route: { method: string | string[]; url: string }) => void;
  /** Keep rendered public pages in memory (production); off by default so tests see every render. */
  readonly pageCache?: PageCache;
}

export async function buildServer(
  ctx: AppContext,
  options: ServerOptions = {},
): Promise<FastifyInstance> {
  // Page-cache hits are answered by Node's http server itself, before Fastify (page-cache-hooks.ts).
  const fast = options.pageCache
    ? cachedPageHandler(ctx, options.pageCache, SECURITY_HEADERS)
    : undefined;
  const app = Fastify({
    ...(fast
      ? {
          serverFactory: (handler: (req: IncomingMessage, res: ServerResponse) => void) =>
            createServer((req, res) => {
              if (!fast(req, res)) handler(req, res);
            }),
        }
      : {}),
    logger: { level: options.logLevel ?? 'silent' },
    // Per-request log lines cost throughput; errors are still logged by the handlers.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { ignoreTrailingSlash: true },
    trustProxy: ctx.trustProxy ?? false,
  });
  if (options.onRoute) {
    const onRoute = options.onRoute;
    app.addHook('onRoute', (route) => onRoute({ method: route.method, url: route.url }));
  }
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: IMAGE_MAX_BYTES, files: 1, fields: 20 } });
  registerBodyParsers(app);
  if (options.pageCache) installPageCache(app, ctx, options.pageCache);
  const shared = {
    limiter: new RateLimiter(() => ctx.clock.now().getTime()),
    secret: ctx.secret ?? randomBytes(32).toString('base64url'),
    frame: new SiteFrameCache(ctx),
  };
  app.addHook('onClose', async () => shared.frame.close());

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    return payload;
  });

  // /healthz answers from the last database check, never waiting behind a slow query:
  // a load balancer must hear at once whether this process serves.
  let health: { ok: boolean; articles: number; at: number } = { ok: false, articles: 0, at: 0 };
  const checkHealth = async () => {
    try {
      const articles = await countPublishedArticles(ctx.database.db);
      health = { ok: true, articles, at: Date.now() };
    } catch (err) {
      app.log.error({ err }, 'health check failed');
      health = { ...health, ok: false };
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
    if (!health.ok || hung)
      return reply.code(503).send({ status: 'unavailable', db: ctx.database.kind });
    return { status: 'ok', db: ctx.database.kind, articles: health.articles };
  });

  await app.register(async (scope) => {
    await webApp(scope, ctx, 'hans', shared);
    await feedRoutes(scope, ctx);
    await assetRoutes(scope, ctx);
  });
  await app.register(async (scope) => webApp(scope, ctx, 'hant', shared), { prefix: '/zh-hant' });
  await app.register(async (scope) => apiApp(scope, ctx, shared), { prefix: '/api/v1' });
  return app;
}
