/** Registration, sign-in/out and the 申请入驻 form. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { deleteSession, deleteUserSessions, registerUser, signIn } from '../../accounts/index.js';
import type { AppContext } from '../../context.js';
import { listApplicationsOfUser, submitApplication } from '../../creators/index.js';
import { AppError, isAppError } from '../../shared/errors.js';
import { RATE_RULES } from '../../shared/rate-limit.js';
import { screenContent } from '../../moderation/index.js';
import type { WebApp } from '../app.js';
import { href, VARIANT_PREFIX } from '../page-context.js';
import { ApplyPage, RegisterPage, SignInPage } from '../pages/account.js';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../session.js';
import { fieldErrors } from '../views/form.js';

type Form = Record<string, string | string[] | undefined>;

/** Only same-site paths: an open redirect would let phishing links borrow our domain. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) && next.length < 500 ? next : '/';
}

const str = (v: unknown) =>
  typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '';
const list = (v: unknown) =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : [];

export async function accountRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  web: WebApp,
): Promise<void> {
  const db = ctx.database.db;
  const variantOf = (request: FastifyRequest) =>
    request.url.startsWith(VARIANT_PREFIX.hant) ? 'hant' : 'hans';

  app.get('/signin', async (request, reply) => {
    const next = safeNext((request.query as Form).next);
    if (request.viewer) return reply.redirect(href({ variant: variantOf(request) }, next), 303);
    return web.render(reply, SignInPage({ ctx: await web.pageContext(request), next, errors: {} }));
  });

  app.post('/signin', async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    const next = safeNext(form.next);
    const email = str(form.email).trim().toLowerCase();
    try {
      web.limit(reply, `signin:ip:${request.ip}`, RATE_RULES.signInPerIp);
      web.limit(reply, `signin:account:${email}`, RATE_RULES.signInPerAccount);
      const result = await signIn(
        db,
        ctx.clock,
        { email, password: str(form.password) },
        request.headers['user-agent'],
      );
      web.limiter.reset(`signin:account:${email}`);
      // A new session id on every sign-in; any earlier session cookie is replaced.
      const old = request.cookies[SESSION_COOKIE];
      if (old) await deleteSession(db, old);
      setSessionCookie(request, reply, result.token);
      return reply.redirect(href({ variant: variantOf(request) }, next), 303);
    } catch (err) {
      if (!isAppError(err) || err.status >= 500 || err.code === 'RATE_LIMITED') throw err;
      const page = SignInPage({
        ctx: await web.pageContext(request),
        email,
        next,
        errors: fieldErrors(err.details),
        message: err.message,
      });
      return web.render(reply, page, err.status);
    }
  });

  app.get('/register', async (request, reply) => {
    const next = safeNext((request.query as Form).next);
    return web.render(
      reply,
      RegisterPage({ ctx: await web.pageContext(request), values: {}, next, errors: {} }),
    );
  });

  app.post('/register', async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    const next = safeNext(form.next);
    const values = { displayName: str(form.displayName), email: str(form.email) };
    try {
      web.limit(reply, `register:ip:${request.ip}`, RATE_RULES.registerPerIp);
      await registerUser(db, { ...values, password: str(form.password) });
      const result = await signIn(
        db,
        ctx.clock,
        { email: values.email, password: str(form.password) },
        request.headers['user-agent'],
      );
      setSessionCookie(request, reply, result.token);
      return reply.redirect(href({ variant: variantOf(request) }, next), 303);
    } catch (err) {
      if (!isAppError(err) || err.status >= 500 || err.code === 'RATE_LIMITED') throw err;
      const errors = err.code === 'EMAIL_TAKEN' ? { email: err.message } : fieldErrors(err.details);
      const page = RegisterPage({
        ctx: await web.pageContext(request),
        values,
        next,
        errors,
        message: err.message,
      });
      return web.render(reply, page, err.status);
    }
  });

  app.post('/signout', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await deleteSession(db, token);
    clearSessionCookie(reply);
    return reply.redirect(href({ variant: variantOf(request) }, '/'), 303);
  });

  app.post('/signout/all', async (request, reply) => {
    if (!request.viewer) throw new AppError('UNAUTHENTICATED');
    await deleteUserSessions(db, request.viewer.id);
    clearSessionCookie(reply);
    return reply.redirect(href({ variant: variantOf(request) }, '/signin'), 303);
  });

  app.get('/apply', async (request, reply) => {
    const pageCtx = await web.pageContext(request);
    const applications = request.viewer ? await listApplicationsOfUser(db, request.viewer.id) : [];
    return web.render(
      reply,
      ApplyPage({
        ctx: pageCtx,
        applications,
        values: {},
        errors: {},
        isCreator: !!request.viewer?.creator,
      }),
    );
  });

  app.post('/apply', async (request, reply) => {
    if (!request.viewer) throw new AppError('UNAUTHENTICATED');
    const viewer = request.viewer;
    const form = (request.body ?? {}) as Form;
    const values = {
      displayName: str(form.displayName),
      handle: str(form.handle),
      accountType: str(form.accountType),
      tagline: str(form.tagline),
      bio: str(form.bio),
      focusChannels: list(form.focusChannels),
      sampleLinks: str(form.sampleLinks)
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean),
      contact: str(form.contact),
    };
    try {
      web.limit(reply, `apply:user:${viewer.id}`, RATE_RULES.applyPerUser);
      // A profile full of gambling or porn keywords is refused outright; the rest is reviewed anyway.
      screenContent([values.displayName, values.tagline, values.bio].map(str).join('\n'));
      await submitApplication(db, ctx.clock, viewer.id, values as never);
      return reply.redirect(href({ variant: variantOf(request) }, '/apply'), 303);
    } catch (err) {
      if (!isAppError(err) || err.status >= 500 || err.code === 'RATE_LIMITED') throw err;
      const pageCtx = await web.pageContext(request);
      const applications = await listApplicationsOfUser(db, viewer.id);
      const shown = { ...values, sampleLinks: values.sampleLinks.join('\n') };
      const errors =
        err.code === 'HANDLE_TAKEN' ? { handle: err.message } : fieldErrors(err.details);
      return web.render(
        reply,
        ApplyPage({
          ctx: pageCtx,
          applications,
          values: shown,
          errors,
          message: err.message,
          isCreator: !!viewer.creator,
        }),
        err.status,
      );
    }
  });
}
