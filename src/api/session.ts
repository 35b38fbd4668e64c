/** POST /users (register) · POST /session (sign in → token) · DELETE /session · PUT /users/{id}/role. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import {
  deleteSession,
  RegisterSchema,
  registerUser,
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
import { bearerToken } from './app.js';
import { presentUser, UserOut } from './presenters.js';

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

export const sessionApi: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.post(
    '/users',
    {
      schema: {
        summary: '注册（读者账号）',
        tags: ['accounts'],
        body: RegisterBody,
        response: { 201: z.object({ user: UserOut }) },
      },
    },
    async (request, reply) => {
      await reply.limit(`register:ip:${request.clientIp}`, RATE_RULES.registerPerIp);
      const body = request.body;
      const user = await registerUser(db, {
        email: body.email,
        password: body.password,
        displayName: body.display_name,
      });
      return reply.code(201).send({ user: presentUser(user) });
    },
  );

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
      await reply.limit(`signin:account:${email}`, RATE_RULES.signInPerAccount);
      const result = await signIn(
        db,
        ctx.clock,
        { email, password },
        request.headers['user-agent'],
      );
      await reply.forgetLimit(`signin:account:${email}`);
      return reply.code(201).send({
        token: result.token,
        expires_at: result.expiresAt.toISOString(),
        user: presentUser(result.user),
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
      return { id, role: body.role };
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
