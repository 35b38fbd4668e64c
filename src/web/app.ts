/**
 * Server-rendered reader pages, mounted once per script variant: at `/` in
 * Simplified and at `/zh-hant` in Traditional (the same pages, converted
 * phrase-level by OpenCC as they are sent; stored text never changes).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listChannels, type Channel } from '../channels/index.js';
import { onContentChange } from '../shared/changes.js';
import type { AppContext } from '../context.js';
import { listHotArticles } from '../ranking/index.js';
import { AppError, toAppError } from '../shared/errors.js';
import { DEFAULT_SITE_SETTINGS, getSiteSettings, type SiteSettings } from '../settings/index.js';
import { VARIANT_PREFIX, type PageContext, type Variant } from './page-context.js';
import { ErrorPage, type ErrorKind } from './pages/simple.js';
import { pageRoutes } from './routes/pages.js';
import { shareRoutes } from './routes/share.js';
import { toTraditionalCached } from './script-cache.js';
import { isCrossSite } from './visitor.js';
import { accountRoutes } from './routes/account.js';
import { studioRoutes } from './routes/studio.js';
import { commentRoutes } from './routes/comments.js';
import { moderationRoutes } from './routes/moderation.js';
import { CARE_COOKIE, csrfMatches, csrfToken, SESSION_COOKIE } from './session.js';
import { findViewerBySession, type Viewer } from '../accounts/index.js';
import { enforceRate, type RateLimiter, type RateRule } from '../shared/rate-limit.js';

/** Half a year: the preference should outlive a session but not be permanent. */
const CARE_COOKIE_MAX_AGE_S = 180 * 86_400;
/** Articles offered on 404/410 pages. */
const ERROR_SUGGESTIONS = 8;

declare module 'fastify' {
  interface FastifyRequest {
    /** 关怀版 is on for this request. */
    care: boolean;
    /** The signed-in user (web: session cookie; API: bearer token), or null. */
    viewer: Viewer | null;
  }
}

/**
 * Every page's frame — site settings and channels — read once and kept:
 * they change rarely, and a change made here drops the copy at once; one
 * made by another process (the CLI) shows within SITE_FRAME_TTL_MS.
 */
const SITE_FRAME_TTL_MS = 10_000;

export class SiteFrameCache {
  #frame: Promise<{ settings: SiteSettings; channels: Channel[] }> | undefined;
  #at = 0;
  readonly #stop: () => void;

  constructor(private readonly ctx: AppContext) {
    this.#stop = onContentChange((change) => {
      if (change.kind === 'site') this.#frame = undefined;
    });
  }

  get(): Promise<{ settings: SiteSettings; channels: Channel[] }> {
    if (!this.#frame || Date.now() - this.#at > SITE_FRAME_TTL_MS) {
      this.#at = Date.now();
      const loading = Promise.all([
        getSiteSettings(this.ctx.database.db),
        listChannels(this.ctx.database.db),
      ]).then(([settings, channels]) => ({ settings, channels: [...channels] }));
      // A failed read is not kept: the next request tries again.
      loading.catch(() => {
        if (this.#frame === loading) this.#frame = undefined;
      });
      this.#frame = loading;
    }
    return this.#frame;
  }

  close(): void {
    this.#stop();
  }
}

export function sendHtml(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

export interface WebApp {
  readonly limiter: RateLimiter;
  readonly secret: string;
  /** Throws CSRF_REJECTED unless `given` is the signed-in viewer's token (for multipart forms). */
  checkCsrf(request: FastifyRequest, given: unknown): void;
  /** Counts a hit against a rate rule; throws RATE_LIMITED (429, Retry-After) when over. */
  limit(reply: FastifyReply, key: string, rule: RateRule): void;
  /** Builds what the layout needs: site settings and channels (two queries). */
  pageContext(request: FastifyRequest): Promise<PageContext>;
  /** Sends a rendered page in the request's script variant. */
  render(reply: FastifyReply, page: JSX.Element, status?: number): Promise<FastifyReply>;
}

export async function webApp(
  app: FastifyInstance,
  ctx: AppContext,
  variant: Variant,
  shared: { limiter: RateLimiter; secret: string; frame: SiteFrameCache },
): Promise<void> {
  const { limiter, secret } = shared;
  const prefix = VARIANT_PREFIX[variant];
  const publicUrl = ctx.publicUrl ?? 'http://127.0.0.1:3000';

  app.decorateRequest('care', false);
  app.decorateRequest('viewer', null);
  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    request.viewer = token
      ? ((await findViewerBySession(ctx.database.db, ctx.clock, token)) ?? null)
      : null;
    const mode = (request.query as Record<string, unknown> | undefined)?.mode;
    if (mode === 'care' || mode === 'standard') {
      request.care = mode === 'care';
      reply.setCookie(CARE_COOKIE, mode, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        maxAge: CARE_COOKIE_MAX_AGE_S,
      });
    } else {
      request.care = request.cookies[CARE_COOKIE] === 'care';
    }
    if (request.method === 'POST' && isCrossSite(request)) throw new AppError('CSRF_REJECTED');
  });
  // Signed-in form posts must also carry the session's CSRF token (checked once the body is parsed).
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'POST' || !request.viewer) return;
    // CASE: multipart bodies are streamed; their routes check the token from the form fields.
    if (request.isMultipart()) return;
    const body = request.body as Record<string, unknown> | undefined;
    const given = body?._csrf ?? request.headers['x-csrf-token'];
    if (!csrfMatches(secret, request.viewer.sessionIdHash, given))
      throw new AppError('CSRF_REJECTED');
  });

  const web: WebApp = {
    limiter,
    secret,
    checkCsrf(request, given) {
      if (
        !request.viewer ||
        !csrfMatches(secret, request.viewer.sessionIdHash, given ?? request.headers['x-csrf-token'])
      ) {
        throw new AppError('CSRF_REJECTED');
      }
    },
    limit(reply, key, rule) {
      enforceRate(limiter, key, rule, (k, v) => reply.header(k, v));
    },
    async pageContext(request) {
      const { settings, channels } = await shared.frame.get();
      const url = request.url;
      const path = url.startsWith(prefix) ? url.slice(prefix.length) || '/' : url;
      const q = (request.query as Record<string, unknown> | undefined)?.q;
      return {
        variant,
        care: request.care,
        settings,
        channels,
        path: stripModeParam(path),
        publicUrl,
        viewer: request.viewer,
        csrf: request.viewer ? csrfToken(secret, request.viewer.sessionIdHash) : '',
        ...(typeof q === 'string' ? { query: q } : {}),
      };
    },
    async render(reply, page, status = 200) {
      const html = await page;
      return sendHtml(reply, variant === 'hant' ? toTraditionalCached(html) : html, status);
    },
  };

  const renderError = async (request: FastifyRequest, reply: FastifyReply, appError: AppError) => {
    const kind: ErrorKind =
      appError.status === 404
        ? 'not-found'
        : appError.status === 410
          ? 'gone'
          : appError.status < 500
            ? 'bad-request'
            : 'error';
    let pageCtx: PageContext;
    let suggestions: Awaited<ReturnType<typeof listHotArticles>> = [];
    try {
      pageCtx = await web.pageContext(request);
      if (kind === 'not-found' || kind === 'gone') {
        suggestions = await listHotArticles(ctx.database.db, ctx.clock, {
          limit: ERROR_SUGGESTIONS,
        });
      }
    } catch {
      // CASE: the database itself is failing; the error page must still render.
      pageCtx = {
        variant,
        care: request.care,
        settings: DEFAULT_SITE_SETTINGS,
        channels: [],
        path: '/',
        publicUrl,
        viewer: null,
        csrf: '',
      };
    }
    return web.render(
      reply,
      ErrorPage({ ctx: pageCtx, kind, code: appError.code, suggestions }),
      appError.status,
    );
  };

  app.setErrorHandler(async (err, request, reply) => {
    const appError = toAppError(err);
    if (appError.status >= 500) request.log.error({ err }, 'page failed');
    return renderError(request, reply, appError);
  });
  app.setNotFoundHandler(async (request, reply) =>
    renderError(request, reply, new AppError('NOT_FOUND')),
  );

  await pageRoutes(app, ctx, web);
  await shareRoutes(app, ctx, web);
  await accountRoutes(app, ctx, web);
  await studioRoutes(app, ctx, web);
  await commentRoutes(app, ctx, web);
  await moderationRoutes(app, ctx, web);
}

function stripModeParam(path: string): string {
  const [p = '/', query] = path.split('?');
  if (!query) return p;
  const params = new URLSearchParams(query);
  params.delete('mode');
  const rest = params.toString();
  return rest ? `${p}?${rest}` : p;
}
