/**
 * Server-rendered reader pages, mounted once per script variant: at `/` in
 * Simplified and at `/zh-hant` in Traditional (the same pages, converted
 * phrase-level by OpenCC as they are sent; stored text never changes).
 *
 * This scope decorates requests and replies (web/decorations.ts), runs the
 * session, care-mode and CSRF hooks, renders errors as pages, and registers
 * the route plugins — which never import this file.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findViewerBySession } from '../accounts/index.js';
import { listChannels, type Channel } from '../channels/index.js';
import type { AppContext } from '../context.js';
import { locationValue } from '../http/redirect.js';
import { logFailure, RETRY_AFTER_S } from '../http/failures.js';
import { routeError } from '../http/route-schema.js';
import { listHotArticles } from '../ranking/index.js';
import { AppError, toAppError } from '../shared/errors.js';
import { enforceRate, type RateStore } from '../shared/rate-limit.js';
import { DEFAULT_SITE_SETTINGS, getSiteSettings, type SiteSettings } from '../settings/index.js';
import type {} from './decorations.js';
import { VARIANT_PREFIX, type PageContext, type Variant } from './page-context.js';
import { ErrorPage, type ErrorKind } from './pages/simple.js';
import { accountRoutes } from './routes/account.js';
import { commentRoutes } from './routes/comments.js';
import { moderationRoutes } from './routes/moderation.js';
import { pageRoutes } from './routes/pages.js';
import { shareRoutes } from './routes/share.js';
import { studioRoutes } from './routes/studio.js';
import { toTraditionalCached } from './script-cache.js';
import { CARE_COOKIE, csrfMatches, csrfToken, SESSION_COOKIE } from './session.js';
import { isCrossSite } from './visitor.js';

/** What every page reads of the query before its route does: care mode, the search box. */
const ModeQuery = z.object({ mode: z.enum(['care', 'standard']).optional().catch(undefined) });
const SearchBoxQuery = z.object({ q: z.string().max(20_000).optional().catch(undefined) });

/** Half a year: the preference should outlive a session but not be permanent. */
const CARE_COOKIE_MAX_AGE_S = 180 * 86_400;
/** Articles offered on 404/410 pages. */
const ERROR_SUGGESTIONS = 8;

/**
 * Every page's frame — site settings and channels — read once and kept:
 * they change rarely, and a change (from any process: the events reach all
 * of them) drops the copy; SITE_FRAME_TTL_MS bounds it should an event be missed.
 */
const SITE_FRAME_TTL_MS = 10_000;

export class SiteFrameCache {
  #frame: Promise<{ settings: SiteSettings; channels: Channel[] }> | undefined;
  #at = 0;
  readonly #stop: () => void;

  constructor(private readonly ctx: AppContext) {
    this.#stop =
      ctx.events?.subscribe((event) => {
        if (event.type === 'site.settings_changed' || event.type === 'site.channels_changed')
          this.#frame = undefined;
      }) ?? (() => {});
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

export interface WebShared {
  readonly limits: RateStore;
  readonly secret: string;
  readonly frame: SiteFrameCache;
}

export async function webApp(
  app: FastifyInstance,
  ctx: AppContext,
  variant: Variant,
  shared: WebShared,
): Promise<void> {
  const { limits, secret } = shared;
  const prefix = VARIANT_PREFIX[variant];
  const publicUrl = ctx.publicUrl ?? 'http://127.0.0.1:3000';

  app.decorateRequest('care', false);
  app.decorateRequest('viewer', null);
  app.decorateRequest('variant', variant);
  app.decorateRequest('href', function (path: string) {
    return `${prefix}${path}`;
  });
  app.decorateRequest('checkCsrf', function (this: FastifyRequest, given: unknown) {
    const token = given ?? this.headers['x-csrf-token'];
    if (!this.viewer || !csrfMatches(secret, this.viewer.sessionIdHash, token))
      throw new AppError('CSRF_REJECTED');
  });
  app.decorateRequest('pageContext', async function (this: FastifyRequest): Promise<PageContext> {
    const { settings, channels } = await shared.frame.get();
    const url = this.url;
    const path = url.startsWith(prefix) ? url.slice(prefix.length) || '/' : url;
    const q = SearchBoxQuery.safeParse(this.query ?? {}).data?.q;
    return {
      variant,
      care: this.care,
      settings,
      channels,
      path: stripModeParam(path),
      publicUrl,
      viewer: this.viewer,
      csrf: this.viewer ? csrfToken(secret, this.viewer.sessionIdHash) : '',
      ...(typeof q === 'string' ? { query: q } : {}),
    };
  });
  app.decorateReply('render', async function (this: FastifyReply, page: JSX.Element, status = 200) {
    const html = await page;
    return this.code(status)
      .type('text/html; charset=utf-8')
      .send(variant === 'hant' ? toTraditionalCached(html) : html);
  });
  app.decorateReply('limit', async function (this: FastifyReply, key: string, rule) {
    await enforceRate(limits, key, rule, (k, v) => this.header(k, v));
  });
  app.decorateReply('forgetLimit', async function (key: string) {
    await limits.reset(key);
  });
  app.decorateReply('seeOther', function (this: FastifyReply, path: string) {
    return this.redirect(locationValue(`${prefix}${path}`), 303);
  });
  app.decorateReply('signInFirst', function (this: FastifyReply, next?: string) {
    const back = next ?? stripPrefix(this.request.url, prefix);
    return this.redirect(locationValue(`${prefix}/signin?next=${encodeURIComponent(back)}`), 303);
  });

  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    request.viewer = token
      ? ((await findViewerBySession(ctx.database.db, ctx.clock, token)) ?? null)
      : null;
    const mode = ModeQuery.safeParse(request.query ?? {}).data?.mode;
    if (mode === 'care' || mode === 'standard') {
      request.care = mode === 'care';
      reply.setCookie(CARE_COOKIE, mode, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.https,
        maxAge: CARE_COOKIE_MAX_AGE_S,
      });
    } else {
      request.care = request.cookies[CARE_COOKIE] === 'care';
    }
    if (request.method === 'POST' && isCrossSite(request)) throw new AppError('CSRF_REJECTED');
  });
  // Signed-in form posts must also carry the session's CSRF token (checked once the body is
  // parsed, before the route schema validates it: a forged post gets 403, not a field error).
  app.addHook('preValidation', async (request) => {
    if (request.method !== 'POST' || !request.viewer) return;
    // CASE: multipart bodies are streamed; their routes check the token from the form fields.
    if (request.isMultipart()) return;
    const body = request.body;
    const given =
      typeof body === 'object' && body !== null && '_csrf' in body ? body._csrf : undefined;
    request.checkCsrf(given);
  });

  const renderError = async (request: FastifyRequest, reply: FastifyReply, appError: AppError) => {
    const kind: ErrorKind =
      appError.status === 404
        ? 'not-found'
        : appError.status === 410
          ? 'gone'
          : appError.status === 503
            ? 'unavailable'
            : appError.status < 500
              ? 'bad-request'
              : 'error';
    let pageCtx: PageContext;
    let suggestions: Awaited<ReturnType<typeof listHotArticles>> = [];
    try {
      pageCtx = await request.pageContext();
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
    return reply.render(
      ErrorPage({
        ctx: pageCtx,
        kind,
        code: appError.code,
        suggestions,
        message: appError.message,
        details: appError.details ?? [],
      }),
      appError.status,
    );
  };

  app.setErrorHandler(async (err, request, reply) => {
    const appError = toAppError(routeError(err, request.routeOptions.config.notFound));
    logFailure(request, appError, err);
    if (appError.code === 'DB_UNAVAILABLE') reply.header('retry-after', String(RETRY_AFTER_S));
    return renderError(request, reply, appError);
  });
  app.setNotFoundHandler(async (request, reply) =>
    renderError(request, reply, new AppError('NOT_FOUND')),
  );

  const options = { ctx };
  await app.register(pageRoutes, options);
  await app.register(shareRoutes, options);
  await app.register(accountRoutes, options);
  await app.register(studioRoutes, options);
  await app.register(commentRoutes, options);
  await app.register(moderationRoutes, options);
}

function stripPrefix(url: string, prefix: string): string {
  return prefix && url.startsWith(prefix) ? url.slice(prefix.length) || '/' : url;
}

function stripModeParam(path: string): string {
  const [p = '/', query] = path.split('?');
  if (!query) return p;
  const params = new URLSearchParams(query);
  params.delete('mode');
  const rest = params.toString();
  return rest ? `${p}?${rest}` : p;
}
