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
import { adminRoutes } from './routes/admin.js';
import { adminImportRoutes } from './routes/admin-imports.js';
import { studioExportRoutes } from './routes/studio-export.js';
import { adminUserRoutes } from './routes/admin-users.js';
import { z } from 'zod';
import { findViewerBySession } from '../creators/index.js';
import type { AppContext } from '../context.js';
import { locationValue } from '../http/redirect.js';
import { AppError } from '../shared/errors.js';
import { enforceRate, type RateStore } from '../shared/rate-limit.js';
import type {} from './decorations.js';
import { installErrorPages } from './error-pages.js';
import { VARIANT_PREFIX, type PageContext, type Variant } from './page-context.js';
import { registrationRoutes, signInRoutes, signOutRoutes } from './routes/account.js';
import { applyRoutes } from './routes/apply.js';
import { articleRoutes } from './routes/article.js';
import { authorListRoutes, authorRoutes } from './routes/authors.js';
import { commentReviewRoutes, commentRoutes } from './routes/comments.js';
import { dictionaryRoutes } from './routes/dictionary.js';
import { hotRoutes } from './routes/hot.js';
import { infoRoutes } from './routes/info.js';
import { lexiconRoutes } from './routes/lexicon.js';
import { meRoutes } from './routes/me.js';
import { notificationRoutes } from './routes/notifications.js';
import { mailLinkRoutes, passwordResetRoutes } from './routes/recovery.js';
import { studioMailRoutes } from './routes/studio-mail.js';
import { mediaRoutes } from './routes/media.js';
import { imageLibraryRoutes } from './routes/studio-images.js';
import { moderationRoutes } from './routes/moderation.js';
import { portalRoutes } from './routes/portal.js';
import { receiptRoutes } from './routes/receipt.js';
import { reportRoutes } from './routes/reports.js';
import { reviewRoutes } from './routes/review.js';
import { searchRoutes } from './routes/search.js';
import { shareRoutes } from './routes/share.js';
import { reactionRoutes } from './routes/reactions.js';
import { tagRoutes } from './routes/tags.js';
import { studioRoutes } from './routes/studio.js';
import { editorAssistRoutes, editorRoutes, newArticleRoutes } from './routes/studio-editor.js';
import { articleToolRoutes } from './routes/studio-tools.js';
import type { QrCodes } from './qr.js';
import type { ScriptCache } from './script-cache.js';
import {
  CARE_COOKIE,
  csrfMatches,
  csrfToken,
  SESSION_COOKIE,
  setSignedInHint,
  SIGNED_IN_HINT_COOKIE,
} from './session.js';
import type { SiteFrameCache } from './site-frame.js';
import type { VisitorSalt } from '../engagement/index.js';
import { isCrossSite, viewVisitorKey, visitorKeys } from './visitor.js';

/** What every page reads of the query before its route does: care mode, the search box. */
const ModeQuery = z.object({ mode: z.enum(['care', 'standard']).optional().catch(undefined) });
const SearchBoxQuery = z.object({ q: z.string().max(20_000).optional().catch(undefined) });

/** Half a year: the preference should outlive a session but not be permanent. */
const CARE_COOKIE_MAX_AGE_S = 180 * 86_400;

export interface WebShared {
  readonly limits: RateStore;
  readonly secret: string;
  readonly frame: SiteFrameCache;
  readonly salt: VisitorSalt;
  readonly scripts: ScriptCache;
  readonly qr: QrCodes;
}

export async function webApp(
  app: FastifyInstance,
  ctx: AppContext,
  variant: Variant,
  shared: WebShared,
): Promise<void> {
  decorateRequests(app, ctx, variant, shared);
  decorateReplies(app, ctx, variant, shared);
  installHooks(app, ctx);
  installErrorPages(app, ctx, variant);
  await registerRoutePlugins(app, ctx);
}

/** The request decorations of web/decorations.ts: viewer, care mode, variant, CSRF, page context. */
function decorateRequests(
  app: FastifyInstance,
  ctx: AppContext,
  variant: Variant,
  shared: WebShared,
): void {
  const { secret } = shared;
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
    const { settings, channels, navChannels } = await shared.frame.get();
    const url = this.url;
    const path = url.startsWith(prefix) ? url.slice(prefix.length) || '/' : url;
    const q = SearchBoxQuery.safeParse(this.query ?? {}).data?.q;
    return {
      variant,
      care: this.care,
      settings,
      channels,
      navChannels,
      path: stripModeParam(path),
      publicUrl,
      viewer: this.viewer,
      csrf: this.viewer ? csrfToken(secret, this.viewer.sessionIdHash) : '',
      ...(typeof q === 'string' ? { query: q } : {}),
    };
  });
  app.decorateRequest('viewVisitorKey', function (this: FastifyRequest) {
    return viewVisitorKey(this, ctx.clock.now(), shared.salt);
  });
}

/** The reply decorations of web/decorations.ts: render, rate limits, redirects, visitor keys, QR codes. */
function decorateReplies(
  app: FastifyInstance,
  ctx: AppContext,
  variant: Variant,
  shared: WebShared,
): void {
  const { limits } = shared;
  const prefix = VARIANT_PREFIX[variant];

  app.decorateReply('render', async function (this: FastifyReply, page: JSX.Element, status = 200) {
    const html = await page;
    return this.code(status)
      .type('text/html; charset=utf-8')
      .send(variant === 'hant' ? shared.scripts.toTraditional(html) : html);
  });
  app.decorateReply('visitorKeys', function (this: FastifyReply) {
    return visitorKeys(this.request, this, ctx.clock.now(), shared.salt);
  });
  app.decorateReply('qrSvg', function (text: string, label: string) {
    return shared.qr.svg(text, label);
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
}

/** The viewer (session cookie), care mode (query, then cookie) and the CSRF checks of form posts. */
function installHooks(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    // CASE: the page every reader shares is rendered as signed out; page-state.tsx fills it in.
    const shared = Boolean(request.pageCache);
    request.viewer =
      token && !shared
        ? ((await findViewerBySession(ctx.database.db, ctx.clock, token)) ?? null)
        : null;
    // A session from before the hint existed: its next page tells the script it is signed in.
    if (request.viewer && request.cookies[SIGNED_IN_HINT_COOKIE] !== '1')
      setSignedInHint(request, reply);
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
    if (
      request.method === 'POST' &&
      !request.routeOptions.config.fromAnywhere &&
      isCrossSite(request)
    )
      throw new AppError('CSRF_REJECTED');
  });
  // Signed-in form posts must also carry the session's CSRF token (checked once the body is
  // parsed, before the route schema validates it: a forged post gets 403, not a field error).
  app.addHook('preValidation', async (request) => {
    if (request.method !== 'POST' || !request.viewer) return;
    if (request.routeOptions.config.noCsrfToken || request.routeOptions.config.fromAnywhere) return;
    // CASE: multipart bodies are streamed; their routes check the token from the form fields.
    if (request.isMultipart()) return;
    const body = request.body;
    const given =
      typeof body === 'object' && body !== null && '_csrf' in body ? body._csrf : undefined;
    request.checkCsrf(given);
  });
}

/** The route plugins, one per resource, in a fixed order. */
async function registerRoutePlugins(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const options = { ctx };
  await app.register(portalRoutes, options);
  await app.register(authorRoutes, options);
  await app.register(hotRoutes, options);
  await app.register(authorListRoutes, options);
  await app.register(tagRoutes, options);
  await app.register(searchRoutes, options);
  await app.register(infoRoutes, options);
  await app.register(articleRoutes, options);
  await app.register(receiptRoutes, options);
  await app.register(shareRoutes, options);
  await app.register(reactionRoutes, options);
  await app.register(signInRoutes, options);
  await app.register(registrationRoutes, options);
  await app.register(signOutRoutes, options);
  await app.register(applyRoutes, options);
  await app.register(studioRoutes, options);
  await app.register(newArticleRoutes, options);
  await app.register(editorRoutes, options);
  await app.register(editorAssistRoutes, options);
  await app.register(articleToolRoutes, options);
  await app.register(mediaRoutes, options);
  await app.register(imageLibraryRoutes, options);
  await app.register(reviewRoutes, options);
  await app.register(dictionaryRoutes, options);
  await app.register(commentRoutes, options);
  await app.register(commentReviewRoutes, options);
  await app.register(moderationRoutes, options);
  await app.register(reportRoutes, options);
  await app.register(lexiconRoutes, options);
  await app.register(passwordResetRoutes, options);
  await app.register(mailLinkRoutes, options);
  await app.register(meRoutes, options);
  await app.register(notificationRoutes, options);
  await app.register(studioMailRoutes, options);
  await app.register(adminRoutes, options);
  await app.register(adminImportRoutes, options);
  await app.register(studioExportRoutes, options);
  await app.register(adminUserRoutes, options);
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
