/** Registration, sign-in/out and the 申请入驻 form. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { deleteSession, deleteUserSessions, registerUser, signIn } from '../../accounts/index.js';
import type { AppContext } from '../../context.js';
import { listApplicationsOfUser, submitApplication } from '../../creators/index.js';
import { safeNext } from '../../http/redirect.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { formBody, formList, formText } from '../../http/schemas.js';
import { AppError, isAppError } from '../../shared/errors.js';
import { RATE_RULES } from '../../shared/rate-limit.js';
import { screenContent } from '../../moderation/index.js';
import { ApplyPage, RegisterPage, SignInPage } from '../pages/account.js';
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
const ApplyForm = formBody({
  displayName: formText(1000),
  handle: formText(1000),
  accountType: formText(100),
  tagline: formText(1000),
  bio: formText(10_000),
  focusChannels: formList(50, 64),
  sampleLinks: formText(10_000),
  contact: formText(1000),
});

export const accountRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
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
      await reply.limit(`signin:account:${email}`, RATE_RULES.signInPerAccount);
      const result = await signIn(
        db,
        ctx.clock,
        { email, password: form.password },
        request.headers['user-agent'],
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
      await registerUser(db, { ...values, password: form.password });
      const result = await signIn(
        db,
        ctx.clock,
        { email: values.email, password: form.password },
        request.headers['user-agent'],
      );
      setSessionCookie(request, reply, result.token);
      return reply.seeOther(next);
    } catch (err) {
      if (!isAppError(err) || err.status >= 500 || err.code === 'RATE_LIMITED') throw err;
      const errors = err.code === 'EMAIL_TAKEN' ? { email: err.message } : fieldErrors(err.details);
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

  app.get('/apply', async (request, reply) => {
    const pageCtx = await request.pageContext();
    const applications = request.viewer ? await listApplicationsOfUser(db, request.viewer.id) : [];
    return reply.render(
      ApplyPage({
        ctx: pageCtx,
        applications,
        values: {},
        errors: {},
        isCreator: !!request.viewer?.creator,
      }),
    );
  });

  app.post('/apply', { schema: { body: ApplyForm } }, async (request, reply) => {
    if (!request.viewer) throw new AppError('UNAUTHENTICATED');
    const viewer = request.viewer;
    const form = request.body;
    const values = {
      ...form,
      sampleLinks: form.sampleLinks
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean),
    };
    try {
      await reply.limit(`apply:user:${viewer.id}`, RATE_RULES.applyPerUser);
      // A profile full of gambling or porn keywords is refused outright; the rest is reviewed anyway.
      screenContent([values.displayName, values.tagline, values.bio].join('\n'));
      await submitApplication(db, ctx.clock, viewer.id, values);
      return reply.seeOther('/apply');
    } catch (err) {
      if (!isAppError(err) || err.status >= 500 || err.code === 'RATE_LIMITED') throw err;
      const pageCtx = await request.pageContext();
      const applications = await listApplicationsOfUser(db, viewer.id);
      const shown = { ...values, sampleLinks: values.sampleLinks.join('\n') };
      const errors =
        err.code === 'HANDLE_TAKEN' ? { handle: err.message } : fieldErrors(err.details);
      return reply.render(
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
};
