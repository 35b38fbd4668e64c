/** POST /users (register) · POST /session (sign in → token) · DELETE /session (sign out). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseInput } from '../shared/validation.js';
import {
  deleteSession,
  registerUser,
  requireRole,
  requireViewer,
  ROLES,
  setUserRole,
  signIn,
} from '../accounts/index.js';
import type { AppContext } from '../context.js';
import { AppError } from '../shared/errors.js';
import { enforceRate, RATE_RULES, type RateRule } from '../shared/rate-limit.js';
import type { ApiShared } from './app.js';
import { bearerToken } from './app.js';

const RoleBody = z.strictObject({
  role: z.enum(ROLES),
  reason: z.string().trim().min(1, '请填写理由').max(1000),
});
const RegisterBody = z.strictObject({
  email: z.unknown(),
  password: z.unknown(),
  display_name: z.unknown(),
});

export function presentUser(u: { id: string; email: string; displayName: string; role: string }) {
  return { id: u.id, email: u.email, display_name: u.displayName, role: u.role };
}

export async function sessionApi(
  app: FastifyInstance,
  ctx: AppContext,
  shared: ApiShared,
): Promise<void> {
  const db = ctx.database.db;
  const limit = (reply: { header(k: string, v: string): unknown }, key: string, rule: RateRule) =>
    enforceRate(shared.limiter, key, rule, (k, v) => reply.header(k, v));

  app.post('/users', async (request, reply) => {
    limit(reply, `register:ip:${request.ip}`, RATE_RULES.registerPerIp);
    const body = parseInput(RegisterBody, request.body ?? {});
    const user = await registerUser(db, {
      email: body.email,
      password: body.password,
      displayName: body.display_name,
    } as never);
    return reply.code(201).send({ user: presentUser(user) });
  });

  app.post('/session', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
    limit(reply, `signin:ip:${request.ip}`, RATE_RULES.signInPerIp);
    limit(reply, `signin:account:${email}`, RATE_RULES.signInPerAccount);
    const result = await signIn(db, ctx.clock, body as never, request.headers['user-agent']);
    shared.limiter.reset(`signin:account:${email}`);
    return reply.code(201).send({
      token: result.token,
      expires_at: result.expiresAt.toISOString(),
      user: presentUser(result.user),
    });
  });

  app.put('/users/:id/role', async (request) => {
    const viewer = requireRole(request.viewer, 'admin');
    const body = parseInput(RoleBody, request.body ?? {});
    const { id } = request.params as { id: string };
    if (!z.uuid().safeParse(id).success) throw new AppError('USER_NOT_FOUND');
    await setUserRole(db, ctx.clock, viewer, id, body.role, body.reason);
    return { id, role: body.role };
  });

  app.delete('/session', async (request, reply) => {
    requireViewer(request.viewer);
    await deleteSession(db, bearerToken(request.headers.authorization)!);
    return reply.code(204).send();
  });
}
