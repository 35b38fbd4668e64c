/** The admin console through the API, part 2: users (search, suspend, sessions), the audit log, the dashboard. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import {
  endUserSessions,
  getAdminUser,
  REASON_MAX_CHARS,
  requireRole,
  ROLES,
  searchUsers,
  suspendUser,
  unsuspendUser,
  USER_PAGE_SIZE,
  type AdminUserRow,
} from '../accounts/index.js';
import { searchAudit } from '../audit/index.js';
import type { AppContext } from '../context.js';
import { findCreatorByHandle } from '../creators/index.js';
import type { ZodTypeProvider } from '../http/route-schema.js';
import { UuidParams } from '../http/schemas.js';
import { loadDashboard } from '../operations/index.js';

const when = z.iso.datetime({ offset: true });

const Reason = z
  .string()
  .trim()
  .min(1, '请填写理由')
  .max(REASON_MAX_CHARS)
  .meta({ description: '理由，记入审计日志' });

const AdminUserOut = z.object({
  id: z.uuid(),
  email: z.string(),
  display_name: z.string(),
  role: z.enum(ROLES),
  status: z.enum(['active', 'suspended']),
  created_at: when,
  suspended_at: when.nullable(),
  suspended_reason: z.string(),
  sessions: z.number().int().meta({ description: '未过期的登录会话数' }),
});
function presentAdminUser(u: AdminUserRow): z.input<typeof AdminUserOut> {
  return {
    id: u.id,
    email: u.email,
    display_name: u.displayName,
    role: u.role,
    status: u.status,
    created_at: u.createdAt.toISOString(),
    suspended_at: u.suspendedAt?.toISOString() ?? null,
    suspended_reason: u.suspendedReason,
    sessions: u.sessions,
  };
}

const AuditOut = z.object({
  id: z.uuid(),
  actor_id: z.uuid().nullable(),
  action: z.string().meta({ description: '如 user.suspend、channel.create、moderation.remove' }),
  subject_type: z.string(),
  subject_id: z.string(),
  reason: z.string(),
  data: z.record(z.string(), z.unknown()),
  created_at: when,
});

const AuditCursor = z
  .string()
  .regex(/^\d{13}_[0-9a-f-]{36}$/, '应为上一页响应中的 next_cursor')
  .meta({ description: '上一页响应中的 next_cursor，原样传回' });

export const adminUsersApi: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get(
    '/users',
    {
      schema: {
        summary: '查找用户（管理员）：按邮箱、昵称或创作者账号名',
        tags: ['admin'],
        auth: 'bearer',
        querystring: z.strictObject({
          q: z.string().max(100).optional().meta({ description: '邮箱、昵称的一部分，或账号名' }),
          role: z.enum(ROLES).optional(),
          status: z.enum(['active', 'suspended']).optional(),
          limit: z.coerce.number().int().min(1).max(USER_PAGE_SIZE).optional(),
          offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
        }),
        response: {
          200: z.object({ items: z.array(AdminUserOut), total: z.number().int() }),
        },
      },
    },
    async (request) => {
      requireRole(request.viewer, 'admin');
      const { q, role, status, limit, offset } = request.query;
      const creator = q ? await findCreatorByHandle(db, q.trim().toLowerCase()) : undefined;
      const found = await searchUsers(db, {
        ...(q ? { q } : {}),
        ...(creator ? { alsoIds: [creator.userId] } : {}),
        ...(role ? { role } : {}),
        ...(status ? { status } : {}),
        ...(limit ? { limit } : {}),
        ...(offset ? { offset } : {}),
      });
      return { items: found.items.map(presentAdminUser), total: found.total };
    },
  );

  const decision = (
    path: string,
    summary: string,
    act: (
      viewer: Parameters<typeof suspendUser>[2],
      id: string,
      reason: string,
    ) => Promise<unknown>,
  ) =>
    app.post(
      path,
      {
        schema: {
          summary,
          tags: ['admin'],
          auth: 'bearer',
          params: UuidParams,
          body: z.strictObject({ reason: Reason }),
          response: { 200: AdminUserOut },
        },
        config: { notFound: 'USER_NOT_FOUND' },
      },
      async (request) => {
        const viewer = requireRole(request.viewer, 'admin');
        await act(viewer, request.params.id, request.body.reason);
        return presentAdminUser(await getAdminUser(db, request.params.id));
      },
    );

  decision(
    '/users/:id/suspend',
    '停用账号（管理员）：不能再登录，所有会话立即失效',
    (viewer, id, reason) => suspendUser(db, ctx.clock, viewer, id, reason),
  );
  decision('/users/:id/unsuspend', '恢复被停用的账号（管理员）', (viewer, id, reason) =>
    unsuspendUser(db, ctx.clock, viewer, id, reason),
  );
  decision(
    '/users/:id/signout-all',
    '让该用户在所有设备上退出登录（管理员）',
    (viewer, id, reason) => endUserSessions(db, ctx.clock, viewer, id, reason),
  );

  app.get(
    '/audit-log',
    {
      schema: {
        summary: '审计日志（管理员），从新到旧',
        tags: ['admin'],
        auth: 'bearer',
        querystring: z.strictObject({
          action: z
            .string()
            .max(64)
            .optional()
            .meta({ description: '动作，如 user.suspend；以 . 结尾表示一类，如 user.' }),
          actor_id: z.uuid().optional(),
          subject_type: z.string().max(64).optional(),
          subject_id: z.string().max(64).optional(),
          cursor: AuditCursor.optional(),
          limit: z.coerce.number().int().min(1).max(100).optional(),
        }),
        response: {
          200: z.object({ items: z.array(AuditOut), next_cursor: z.string().nullable() }),
        },
      },
    },
    async (request) => {
      requireRole(request.viewer, 'admin');
      const q = request.query;
      const [at, id] = q.cursor ? q.cursor.split('_') : [];
      const page = await searchAudit(db, {
        ...(q.action ? { action: q.action } : {}),
        ...(q.actor_id ? { actorId: q.actor_id } : {}),
        ...(q.subject_type ? { subjectType: q.subject_type } : {}),
        ...(q.subject_id ? { subjectId: q.subject_id } : {}),
        ...(at && id ? { before: { at: new Date(Number(at)), id } } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
      });
      return {
        items: page.items.map((e) => ({
          id: e.id,
          actor_id: e.actorId,
          action: e.action,
          subject_type: e.subjectType,
          subject_id: e.subjectId,
          reason: e.reason,
          data: e.data,
          created_at: e.createdAt.toISOString(),
        })),
        next_cursor: page.next ? `${page.next.at.getTime()}_${page.next.id}` : null,
      };
    },
  );

  const count = z.number().int();
  app.get(
    '/dashboard',
    {
      schema: {
        summary: '仪表盘（编辑与管理员）：今日数据、待处理队列、邮件与后台任务',
        tags: ['admin'],
        auth: 'bearer',
        response: {
          200: z.object({
            day: z.string().meta({ description: '统计日（北京时间）YYYY-MM-DD' }),
            today: z.object({
              articles_published: count,
              views: count,
              visitors: count,
              comments: count,
              shares: count,
              new_users: count,
            }),
            totals: z.object({ articles_published: count, users: count, suspended_users: count }),
            queues: z.object({
              moderation_desk: count,
              comments: count,
              applications: count,
              scheduled: count,
              held: count,
            }),
            mail: z.object({
              queued: count,
              failed: count,
              sent: count,
              oldest_queued_at: when.nullable(),
            }),
            jobs: z.array(
              z.object({
                name: z.string(),
                started_at: when,
                finished_at: when,
                duration_ms: count,
                ok: z.boolean(),
                error: z.string(),
                instance: z.string(),
                last_ok_at: when.nullable(),
                runs: count,
                failures: count,
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      requireRole(request.viewer, 'editor', 'admin');
      const d = await loadDashboard(db, ctx.clock.now());
      return {
        day: d.day,
        today: {
          articles_published: d.today.articlesPublished,
          views: d.today.views,
          visitors: d.today.visitors,
          comments: d.today.comments,
          shares: d.today.shares,
          new_users: d.today.newUsers,
        },
        totals: {
          articles_published: d.totals.articlesPublished,
          users: d.totals.users,
          suspended_users: d.totals.suspendedUsers,
        },
        queues: {
          moderation_desk: d.queues.moderationDesk,
          comments: d.queues.comments,
          applications: d.queues.applications,
          scheduled: d.queues.scheduled,
          held: d.queues.held,
        },
        mail: {
          queued: d.mail.queued,
          failed: d.mail.failed,
          sent: d.mail.sent,
          oldest_queued_at: d.mail.oldestQueuedAt?.toISOString() ?? null,
        },
        jobs: d.jobs.map((j) => ({
          name: j.name,
          started_at: j.startedAt.toISOString(),
          finished_at: j.finishedAt.toISOString(),
          duration_ms: j.durationMs,
          ok: j.ok,
          error: j.error,
          instance: j.instance,
          last_ok_at: j.lastOkAt?.toISOString() ?? null,
          runs: j.runs,
          failures: j.failures,
        })),
      };
    },
  );
};
