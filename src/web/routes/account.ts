/** Accounts: sign-in (with the unlock mail of a lockout), registration and sign-out. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  deleteSession,
  deleteUserSessions,
  mailUnlockLink,
  registerAccount,
  signIn,
} from '../../accounts/index.js';
import { mailSite } from '../../mail-context.js';
import type { AppContext } from '../../context.js';
import { safeNext } from '../../http/redirect.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { formBody, formText } from '../../http/schemas.js';
import { AppError, isAppError } from '../../shared/errors.js';
import { RATE_RULES } from '../../shared/rate-limit.js';
import { RegisterPage, SignInPage } from '../pages/account.js';
import { CheckMailPage } from '../pages/recovery.js';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../session.js';
import { fieldErrors } from '../views/form.js';

/** Where to go after signing in: any string, made safe by safeNext (never an error page). */
const NextQuery = z.object({ next: z.unknown().optional() });
const SignInForm = formBody({
  email: formText(1000),
  password: formText(1000),
  next: formText(1000),
});
const RegisterForm = formBody({
  displayName: formText(1000),
  email: formText(1000),
  password: formText(1000),
  next: formText(1000),
});

/** The sign-in form, and signing in (rate-limited per address and per account). */
export const signInRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get('/signin', { schema: { querystring: NextQuery } }, async (request, reply) => {
    const next = safeNext(request.query.next);
    if (request.viewer) return reply.seeOther(next);
    return reply.render(SignInPage({ ctx: await request.pageContext(), next, errors: {} }));
  });

  app.post('/signin', { schema: { body: SignInForm } }, async (request, reply) => {
    const form = request.body;
    const next = safeNext(form.next);
    const email = form.email.trim().toLowerCase();
    try {
      await reply.limit(`signin:ip:${request.clientIp}`, RATE_RULES.signInPerIp);
      await limitSignIn(ctx, reply, email);
      const { settings } = await request.pageContext();
      const result = await signIn(
        db,
        ctx.clock,
        { email, password: form.password },
        request.headers['user-agent'],
        settings.emailVerification ? { verification: { site: await mailSite(ctx) } } : {},
      );
      await reply.forgetLimit(`signin:account:${email}`);
      // A new session id on every sign-in; any earlier session cookie is replaced.
      const old = request.cookies[SESSION_COOKIE];
      if (old) await deleteSession(db, old);
      setSessionCookie(request, reply, result.token);
      return reply.seeOther(next);
    } catch (err) {
      if (!isAppError(err) || err.status >= 500 || err.code === 'RATE_LIMITED') throw err;
      const page = SignInPage({
        ctx: await request.pageContext(),
        email,
        next,
        errors: fieldErrors(err.details),
        message: err.message,
      });
      return reply.render(page, err.status);
    }
  });
};

/**
 * Counts a sign-in attempt for the account; the attempt that starts a lockout
 * mails the owner (if the address has an account) an unlock link.
 */
async function limitSignIn(ctx: AppContext, reply: FastifyReply, email: string): Promise<void> {
  try {
    await reply.limit(`signin:account:${email}`, RATE_RULES.signInPerAccount);
  } catch (err) {
    if (isAppError(err) && err.code === 'RATE_LIMITED')
      await mailUnlockLink(
        ctx.database.db,
        ctx.clock,
        await mailSite(ctx),
        email,
        RATE_RULES.signInPerAccount.windowMs / 60_000,
      );
    throw err;
  }
}

/** The registration form, and registering (a mail follows; nothing says whether the address was new). */
export const registrationRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (
  scope,
  { ctx },
) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get('/register', { schema: { querystring: NextQuery } }, async (request, reply) => {
    const next = safeNext(request.query.next);
    return reply.render(
      RegisterPage({ ctx: await request.pageContext(), values: {}, next, errors: {} }),
    );
  });

  app.post('/register', { schema: { body: RegisterForm } }, async (request, reply) => {
    const form = request.body;
    const next = safeNext(form.next);
    const values = { displayName: form.displayName, email: form.email };
    try {
      await reply.limit(`register:ip:${request.clientIp}`, RATE_RULES.registerPerIp);
      await registerAccount(db, ctx.clock, await mailSite(ctx), {
        ...values,
        password: form.password,
      });
      // The same page whether the address was new or already registered (its owner gets a mail).
      return reply.render(
        CheckMailPage({ ctx: await request.pageContext(), email: values.email.trim(), next }),
      );
    } catch (err) {
      if (!isAppError(err) || err.status >= 500 || err.code === 'RATE_LIMITED') throw err;
      const errors = fieldErrors(err.details);
      const page = RegisterPage({
        ctx: await request.pageContext(),
        values,
        next,
        errors,
        message: err.message,
      });
      return reply.render(page, err.status);
    }
  });
};

/** Signing out of this browser, or of every session of the account. */
export const signOutRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.post('/signout', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await deleteSession(db, token);
    clearSessionCookie(reply);
    return reply.seeOther('/');
  });

  app.post('/signout/all', async (request, reply) => {
    if (!request.viewer) throw new AppError('UNAUTHENTICATED');
    await deleteUserSessions(db, request.viewer.id);
    clearSessionCookie(reply);
    return reply.seeOther('/signin');
  });
};
