/** POST /users (register: 202 either way) · POST /session (sign in → token) · DELETE /session · PUT /users/{id}/role. */
import { ensureCreatorProfile } from '../creators/index.js';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import {
  deleteSession,
  mailUnlockLink,
  RegisterSchema,
  registerAccount,
  requireRole,
  requireViewer,
  ROLES,
  setUserRole,
  SignInSchema,
  signIn,
} from '../accounts/index.js';
import type { AppContext } from '../context.js';
import type { ZodTypeProvider } from '../http/route-schema.js';
import { UuidParams } from '../http/schemas.js';
import { RATE_RULES } from '../shared/rate-limit.js';
import { bearerToken } from '../http/request-parts.js';
import { presentUser, UserOut } from './presenters.js';
import { mailSite } from '../mail-context.js';
import { getSiteSettings } from '../settings/index.js';
import { isAppError } from '../shared/errors.js';

const register = RegisterSchema.shape;
const RegisterBody = z.strictObject({
  email: register.email.meta({ description: '邮箱（登录用）' }),
  password: register.password.meta({ description: '密码，8–256 个字符，不能是常见密码' }),
  display_name: register.displayName.meta({ description: '昵称，最多 40 个字符' }),
});
const SessionBody = z.strictObject({
  email: SignInSchema.shape.email,
  password: SignInSchema.shape.password,
});
const RoleBody = z.strictObject({
  role: z.enum(ROLES),
  reason: z.string().trim().min(1, '请填写理由').max(1000).meta({ description: '记入审计日志' }),
});

export const usersApi: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.post(
    '/users',
    {
      schema: {
        summary:
          '注册（读者账号）。无论邮箱是否已注册，回答都一样（202）：新邮箱收到验证邮件，已注册的邮箱收到提醒邮件',
        tags: ['accounts'],
        body: RegisterBody,
        response: { 202: z.object({ message: z.string() }) },
      },
    },
    async (request, reply) => {
      await reply.limit(`register:ip:${request.clientIp}`, RATE_RULES.registerPerIp);
      const body = request.body;
      await registerAccount(db, ctx.clock, await mailSite(ctx), {
        email: body.email,
        password: body.password,
        displayName: body.display_name,
      });
      return reply.code(202).send({
        message:
          '请查收邮件：点击邮件中的链接验证邮箱。也可以直接用邮箱和密码登录（POST /session）。',
      });
    },
  );

  app.put(
    '/users/:id/role',
    {
      schema: {
        summary: '修改用户角色（管理员）',
        tags: ['accounts'],
        auth: 'bearer',
        params: UuidParams,
        body: RoleBody,
        response: { 200: z.object({ id: z.uuid(), role: z.enum(ROLES) }) },
      },
      config: { notFound: 'USER_NOT_FOUND' },
    },
    async (request) => {
      const viewer = requireRole(request.viewer, 'admin');
      const { id } = request.params;
      const body = request.body;
      await setUserRole(db, ctx.clock, viewer, id, body.role, body.reason);
      // A creator writes under a profile: one is made for an account that has none.
      if (body.role === 'creator') await ensureCreatorProfile(db, id);
      return { id, role: body.role };
    },
  );
};

export const sessionApi: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.post(
    '/session',
    {
      schema: {
        summary: '登录，取得 token（之后用 Authorization: Bearer <token>）',
        tags: ['accounts'],
        body: SessionBody,
        response: {
          201: z.object({ token: z.string(), expires_at: z.iso.datetime(), user: UserOut }),
        },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      await reply.limit(`signin:ip:${request.clientIp}`, RATE_RULES.signInPerIp);
      try {
        await reply.limit(`signin:account:${email}`, RATE_RULES.signInPerAccount);
      } catch (err) {
        // The attempt that starts a lockout mails the owner an unlock link.
        if (isAppError(err) && err.code === 'RATE_LIMITED')
          await mailUnlockLink(
            db,
            ctx.clock,
            await mailSite(ctx),
            email,
            RATE_RULES.signInPerAccount.windowMs / 60_000,
          );
        throw err;
      }
      const settings = await getSiteSettings(db);
      const result = await signIn(
        db,
        ctx.clock,
        { email, password },
        request.headers['user-agent'],
        settings.emailVerification ? { verification: { site: await mailSite(ctx) } } : {},
      );
      await reply.forgetLimit(`signin:account:${email}`);
      return reply.code(201).send({
        token: result.token,
        expires_at: result.expiresAt.toISOString(),
        user: presentUser(result.user),
      });
    },
  );

  app.delete(
    '/session',
    {
      schema: {
        summary: '退出登录（这个 token 失效）',
        tags: ['accounts'],
        auth: 'bearer',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      requireViewer(request.viewer);
      const token = bearerToken(request.headers.authorization);
      if (token) await deleteSession(db, token);
      return reply.code(204).send(null);
    },
  );
};
