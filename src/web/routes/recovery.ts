/**
 * Pages reached from mail: 忘记密码 (request, new password), e-mail
 * verification, sign-in unlock, and one-click unsubscribe. Every mailed link
 * opens a page whose button does the work (mail scanners fetch links).
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import {
  createSession,
  deleteSession,
  peekToken,
  requestPasswordReset,
  resetPassword,
  useUnlockLink,
  verifyEmail,
} from '../../accounts/index.js';
import type { AppContext } from '../../context.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { formBody, formText } from '../../http/schemas.js';
import { mailSite } from '../../mail-context.js';
import { readUnsubscribeToken, stopMail, TYPE_INFO } from '../../notifications/index.js';
import { AppError, isAppError } from '../../shared/errors.js';
import { RATE_RULES } from '../../shared/rate-limit.js';
import {
  ConfirmLinkPage,
  DonePage,
  LinkInvalidPage,
  NewPasswordPage,
  PasswordResetRequestPage,
} from '../pages/recovery.js';
import { SESSION_COOKIE, setSessionCookie } from '../session.js';
import { fieldErrors } from '../views/form.js';

const TokenParams = z.object({ token: z.string().max(200) });
const ResetRequestForm = formBody({ email: formText(1000) });
const NewPasswordForm = formBody({ password: formText(1000) });

export const passwordResetRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (
  scope,
  { ctx },
) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get('/password-reset', async (request, reply) =>
    reply.render(
      PasswordResetRequestPage({ ctx: await request.pageContext(), sent: false, errors: {} }),
    ),
  );

  app.post('/password-reset', { schema: { body: ResetRequestForm } }, async (request, reply) => {
    const email = request.body.email.trim();
    try {
      await reply.limit(`account-mail:ip:${request.clientIp}`, RATE_RULES.accountMailPerIp);
      await reply.limit(`account-mail:${email.toLowerCase()}`, RATE_RULES.accountMailPerAddress);
      await requestPasswordReset(db, ctx.clock, await mailSite(ctx), email);
    } catch (err) {
      if (!isAppError(err) || err.code !== 'VALIDATION_FAILED') throw err;
      const page = PasswordResetRequestPage({
        ctx: await request.pageContext(),
        email,
        sent: false,
        errors: fieldErrors(err.details),
        message: err.message,
      });
      return reply.render(page, err.status);
    }
    // The same answer whether the address has an account or not.
    return reply.render(
      PasswordResetRequestPage({ ctx: await request.pageContext(), email, sent: true, errors: {} }),
    );
  });

  app.get('/password-reset/:token', { schema: { params: TokenParams } }, async (request, reply) => {
    const pageCtx = await request.pageContext();
    const { token } = request.params;
    if (!(await peekToken(db, ctx.clock, token, 'password_reset')))
      return reply.render(
        LinkInvalidPage({ ctx: pageCtx, what: '重设密码', again: '/password-reset' }),
        410,
      );
    return reply.render(NewPasswordPage({ ctx: pageCtx, token, errors: {} }));
  });

  app.post(
    '/password-reset/:token',
    { schema: { params: TokenParams, body: NewPasswordForm } },
    async (request, reply) => {
      const { token } = request.params;
      try {
        const { userId, email } = await resetPassword(db, ctx.clock, token, request.body.password);
        // The owner proved it: the sign-in lockout (if any) ends, and a new session begins.
        await reply.forgetLimit(`signin:account:${email}`);
        const old = request.cookies[SESSION_COOKIE];
        if (old) await deleteSession(db, old);
        const session = await createSession(db, ctx.clock, userId, request.headers['user-agent']);
        setSessionCookie(request, reply, session.token);
        return reply.seeOther('/me?done=password-reset');
      } catch (err) {
        if (!isAppError(err)) throw err;
        const pageCtx = await request.pageContext();
        if (err.code === 'LINK_INVALID')
          return reply.render(
            LinkInvalidPage({ ctx: pageCtx, what: '重设密码', again: '/password-reset' }),
            410,
          );
        if (err.code !== 'VALIDATION_FAILED') throw err;
        return reply.render(
          NewPasswordPage({
            ctx: pageCtx,
            token,
            errors: fieldErrors(err.details),
            message: err.message,
          }),
          err.status,
        );
      }
    },
  );
};

export const mailLinkRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get('/verify-email/:token', { schema: { params: TokenParams } }, async (request, reply) => {
    const pageCtx = await request.pageContext();
    const { token } = request.params;
    if (!(await peekToken(db, ctx.clock, token, 'verify_email')))
      return reply.render(
        LinkInvalidPage({ ctx: pageCtx, what: '验证邮箱', again: '/signin' }),
        410,
      );
    return reply.render(
      ConfirmLinkPage({
        ctx: pageCtx,
        title: '验证邮箱',
        text: '点击下面的按钮完成邮箱验证，并在这台设备上登录。',
        action: `/verify-email/${token}`,
        button: '验证并登录',
      }),
    );
  });

  app.post('/verify-email/:token', { schema: { params: TokenParams } }, async (request, reply) => {
    const session = await verifyEmail(
      db,
      ctx.clock,
      request.params.token,
      request.headers['user-agent'],
    );
    if (!session)
      return reply.render(
        LinkInvalidPage({ ctx: await request.pageContext(), what: '验证邮箱', again: '/signin' }),
        410,
      );
    const old = request.cookies[SESSION_COOKIE];
    if (old) await deleteSession(db, old);
    setSessionCookie(request, reply, session.token);
    return reply.seeOther('/me?done=verified');
  });

  app.get('/unlock/:token', { schema: { params: TokenParams } }, async (request, reply) => {
    const pageCtx = await request.pageContext();
    const { token } = request.params;
    if (!(await peekToken(db, ctx.clock, token, 'unlock')))
      return reply.render(
        LinkInvalidPage({ ctx: pageCtx, what: '解除锁定', again: '/password-reset' }),
        410,
      );
    return reply.render(
      ConfirmLinkPage({
        ctx: pageCtx,
        title: '解除登录锁定',
        text: '点击下面的按钮立即解除锁定，然后用密码登录。',
        action: `/unlock/${token}`,
        button: '解除锁定',
      }),
    );
  });

  app.post('/unlock/:token', { schema: { params: TokenParams } }, async (request, reply) => {
    const pageCtx = await request.pageContext();
    const email = await useUnlockLink(db, ctx.clock, request.params.token);
    if (!email)
      return reply.render(
        LinkInvalidPage({ ctx: pageCtx, what: '解除锁定', again: '/password-reset' }),
        410,
      );
    await reply.forgetLimit(`signin:account:${email}`);
    return reply.render(
      DonePage({
        ctx: pageCtx,
        title: '已解除锁定',
        text: '现在可以用密码登录了。忘记了密码？登录页上可以重设。',
        link: { href: '/signin', label: '去登录' },
      }),
    );
  });

  const scopeWords = (scope: string) =>
    scope === 'all'
      ? '全部通知'
      : scope === 'digest'
        ? '每日摘要'
        : (TYPE_INFO[scope as keyof typeof TYPE_INFO]?.label ?? scope);

  app.get('/unsubscribe/:token', { schema: { params: TokenParams } }, async (request, reply) => {
    const pageCtx = await request.pageContext();
    const parsed = readUnsubscribeToken(ctx.secret ?? '', request.params.token);
    if (!parsed || !ctx.secret)
      return reply.render(
        LinkInvalidPage({ ctx: pageCtx, what: '退订', again: '/me/notifications' }),
        410,
      );
    return reply.render(
      ConfirmLinkPage({
        ctx: pageCtx,
        title: '退订邮件',
        text: `不再通过邮件接收「${scopeWords(parsed.scope)}」？站内通知不受影响，随时可以在通知设置里重新打开。`,
        action: `/unsubscribe/${request.params.token}`,
        button: '退订',
      }),
    );
  });

  // RFC 8058 one-click: the mail program POSTs `List-Unsubscribe=One-Click` here, from anywhere.
  app.post(
    '/unsubscribe/:token',
    { schema: { params: TokenParams }, config: { fromAnywhere: true } },
    async (request, reply) => {
      const parsed = readUnsubscribeToken(ctx.secret ?? '', request.params.token);
      if (!parsed || !ctx.secret || !(await stopMail(db, parsed.userId, parsed.scope)))
        throw new AppError('LINK_INVALID');
      return reply.render(
        DonePage({
          ctx: await request.pageContext(),
          title: '已退订',
          text: `你不会再收到「${scopeWords(parsed.scope)}」邮件。`,
          link: { href: '/me/notifications', label: '通知设置' },
        }),
      );
    },
  );
};
