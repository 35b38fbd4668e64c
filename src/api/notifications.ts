/** GET /notifications, unread count, marking read; following creators; password resets. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import {
  PasswordResetRequestSchema,
  requestPasswordReset,
  requireViewer,
  resetPassword,
} from '../accounts/index.js';
import type { AppContext } from '../context.js';
import { getCreatorByHandleOrThrow, setFollow } from '../creators/index.js';
import type { ZodTypeProvider } from '../http/route-schema.js';
import { HandleParams } from '../http/schemas.js';
import { mailSite } from '../mail-context.js';
import {
  countUnread,
  listNotifications,
  markRead,
  NOTIFICATION_TYPES,
  type NotificationItem,
} from '../notifications/index.js';
import { RATE_RULES } from '../shared/rate-limit.js';

const NotificationOut = z.object({
  id: z.int(),
  type: z.enum(NOTIFICATION_TYPES),
  created_at: z.iso.datetime(),
  read: z.boolean(),
  actor: z
    .object({ id: z.uuid(), display_name: z.string(), avatar_url: z.string().nullable() })
    .nullable()
    .meta({ description: '谁做的（系统通知为 null）' }),
  target: z.object({
    kind: z.enum(['article', 'comment', 'creator', 'application']),
    id: z.string(),
    title: z.string(),
    excerpt: z.string().optional(),
    url: z.string().meta({ description: '站内路径' }),
  }),
  text: z.string().meta({ description: '一句话说明（中文）' }),
});
const ListOut = z.object({
  items: z.array(NotificationOut),
  unread: z.int().meta({ description: '未读总数' }),
  next_before: z
    .int()
    .nullable()
    .meta({ description: '下一页：作为 before 传回；null 表示没有更早的' }),
});
const ListQuery = z.strictObject({
  before: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .meta({ description: '只列出 id 小于它的通知（分页）' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(30)
    .meta({ description: '每页条数，1–100' }),
  unread_only: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .meta({ description: '只列出未读' }),
});
const ReadBody = z.strictObject({
  ids: z
    .array(z.int().positive())
    .min(1, '请列出要标为已读的通知')
    .max(100)
    .meta({ description: '通知 id，最多 100 个' }),
});
const ReadOut = z.object({ marked: z.int(), unread: z.int() });
const FollowOut = z.object({ following: z.boolean(), followers: z.int() });
const ResetRequestBody = z.strictObject({
  email: PasswordResetRequestSchema.shape.email.meta({ description: '注册邮箱' }),
});
const ResetBody = z.strictObject({
  password: z.string().max(256).meta({ description: '新密码，8–256 个字符，不能是常见密码' }),
});
const TokenParams = z.object({
  token: z.string().max(200).meta({ description: '邮件链接 /password-reset/{token} 中的 token' }),
});

function present(n: NotificationItem): z.input<typeof NotificationOut> {
  return {
    id: n.id,
    type: n.type as (typeof NOTIFICATION_TYPES)[number],
    created_at: n.createdAt.toISOString(),
    read: n.read,
    actor: n.actor
      ? {
          id: n.actor.id,
          display_name: n.actor.displayName,
          avatar_url: n.actor.avatarImageId ? `/media/${n.actor.avatarImageId}/128.webp` : null,
        }
      : null,
    target: n.target,
    text: n.text,
  };
}

export const notificationsApi: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get(
    '/notifications',
    {
      schema: {
        summary: '我的通知（新的在前）',
        tags: ['notifications'],
        auth: 'bearer',
        querystring: ListQuery,
        response: { 200: ListOut },
      },
    },
    async (request) => {
      const viewer = requireViewer(request.viewer);
      const q = request.query;
      const page = await listNotifications(db, viewer.id, {
        before: q.before,
        limit: q.limit,
        unreadOnly: q.unread_only,
      });
      return { items: page.items.map(present), unread: page.unread, next_before: page.nextBefore };
    },
  );

  app.get(
    '/notifications/unread',
    {
      schema: {
        summary: '未读通知数',
        tags: ['notifications'],
        auth: 'bearer',
        response: { 200: z.object({ unread: z.int() }) },
      },
    },
    async (request) => ({ unread: await countUnread(db, requireViewer(request.viewer).id) }),
  );

  app.post(
    '/notifications/read',
    {
      schema: {
        summary: '把这些通知标为已读',
        tags: ['notifications'],
        auth: 'bearer',
        body: ReadBody,
        response: { 200: ReadOut },
      },
    },
    async (request) => {
      const viewer = requireViewer(request.viewer);
      const marked = await markRead(db, viewer.id, ctx.clock.now(), request.body.ids);
      return { marked, unread: await countUnread(db, viewer.id) };
    },
  );

  app.post(
    '/notifications/read-all',
    {
      schema: {
        summary: '全部标为已读',
        tags: ['notifications'],
        auth: 'bearer',
        response: { 200: ReadOut },
      },
    },
    async (request) => {
      const viewer = requireViewer(request.viewer);
      const marked = await markRead(db, viewer.id, ctx.clock.now());
      return { marked, unread: 0 };
    },
  );

  for (const follow of [true, false]) {
    (follow ? app.post.bind(app) : app.delete.bind(app))(
      '/creators/:handle/follow',
      {
        schema: {
          summary: follow ? '关注创作者（已关注则不变）' : '取消关注（未关注则不变）',
          tags: ['creators'],
          auth: 'bearer',
          params: HandleParams,
          response: { 200: FollowOut },
        },
        config: { notFound: 'CREATOR_NOT_FOUND' },
      },
      async (request, reply) => {
        const viewer = requireViewer(request.viewer);
        await reply.limit(`reader-write:${viewer.id}`, RATE_RULES.readerWritePerIp);
        const creator = await getCreatorByHandleOrThrow(db, request.params.handle);
        return setFollow(db, {
          userId: viewer.id,
          creatorId: creator.id,
          follow,
          at: ctx.clock.now(),
        });
      },
    );
  }

  app.post(
    '/password-resets',
    {
      schema: {
        summary: '忘记密码：向注册邮箱发送重设链接（无论邮箱是否注册，回答都一样）',
        tags: ['accounts'],
        body: ResetRequestBody,
        response: { 202: z.object({ message: z.string() }) },
      },
    },
    async (request, reply) => {
      const email = request.body.email.trim();
      await reply.limit(`account-mail:ip:${request.clientIp}`, RATE_RULES.accountMailPerIp);
      await reply.limit(`account-mail:${email.toLowerCase()}`, RATE_RULES.accountMailPerAddress);
      await requestPasswordReset(db, ctx.clock, await mailSite(ctx), email);
      return reply.code(202).send({
        message: '如果这个邮箱已注册，我们已发送重设密码的邮件，链接 30 分钟内有效。',
      });
    },
  );

  app.put(
    '/password-resets/:token',
    {
      schema: {
        summary: '用邮件中的链接设置新密码（一次有效；所有登录失效）',
        tags: ['accounts'],
        params: TokenParams,
        body: ResetBody,
        response: { 204: z.null() },
      },
      config: { notFound: 'LINK_INVALID' },
    },
    async (request, reply) => {
      await reply.limit(`account-mail:ip:${request.clientIp}`, RATE_RULES.accountMailPerIp);
      const { email } = await resetPassword(
        db,
        ctx.clock,
        request.params.token,
        request.body.password,
      );
      await reply.forgetLimit(`signin:account:${email}`);
      return reply.code(204).send(null);
    },
  );
};
