/**
 * 用户 and 审计日志 in the admin console (admins): search accounts, change a
 * role, suspend or restore one, end its sessions; read the log in words.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  endUserSessions,
  getAdminUser,
  getUserNames,
  requireRole,
  ROLES,
  searchUsers,
  setUserRole,
  suspendUser,
  unsuspendUser,
  USER_PAGE_SIZE,
  type Role,
} from '../../accounts/index.js';
import { getArticleFacts } from '../../articles/index.js';
import { listAuditActions, searchAudit } from '../../audit/index.js';
import type { AppContext } from '../../context.js';
import {
  ensureCreatorProfile,
  findCreatorByHandle,
  findCreatorRefOfUser,
} from '../../creators/index.js';
import type { Queryable } from '../../db/client.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { formBody, formText, loose, UuidParams } from '../../http/schemas.js';
import { AppError, isAppError } from '../../shared/errors.js';
import { parseInput } from '../../shared/validation.js';
import { SUBJECT_LABELS, AuditLogPage, type AuditRowView } from '../pages/admin-audit.js';
import { ROLE_LABELS, UserPage, UsersPage } from '../pages/admin-users.js';

/** An account's page shows this many of its latest audit entries (the log page has them all). */
const USER_HISTORY_LIMIT = 100;

const UsersQuery = z.object({
  q: loose(z.string().max(100)),
  role: loose(z.enum(ROLES)),
  status: loose(z.enum(['active', 'suspended'])),
  page: loose(z.coerce.number().int().min(1).max(10_000)),
});
const AuditQuery = z.object({
  action: loose(z.string().max(64)),
  subject: loose(z.string().max(64)),
  actor: loose(z.uuid()),
  before: loose(z.string().regex(/^\d{13}_[0-9a-f-]{36}$/)),
});
/** Every decision on an account: its reason, and for a role change the role. */
const DecisionForm = formBody({ reason: formText(1000), role: formText(20) });
const DONE_NOTICES: Record<string, string> = {
  role: '角色已修改。',
  suspend: '账号已停用，所有登录已失效。',
  unsuspend: '账号已恢复，可以重新登录。',
  signout: '该账号已在所有设备上退出登录。',
};

/** Names and links for a page of log entries (three queries for the whole page). */
async function auditViews(
  db: Queryable,
  entries: readonly {
    id: string;
    actorId: string | null;
    action: string;
    subjectType: string;
    subjectId: string;
    reason: string;
    data: Record<string, unknown>;
    createdAt: Date;
  }[],
): Promise<AuditRowView[]> {
  const userIds = entries.flatMap((e) => [
    ...(e.actorId ? [e.actorId] : []),
    ...(e.subjectType === 'user' ? [e.subjectId] : []),
  ]);
  const names = await getUserNames(db, userIds);
  const articles = await getArticleFacts(
    db,
    entries.filter((e) => e.subjectType === 'article').map((e) => e.subjectId),
  );
  return entries.map((e) => {
    const actor = e.actorId
      ? {
          name: names.get(e.actorId) ?? '已注销用户',
          href: `/studio/admin/audit?actor=${e.actorId}`,
        }
      : { name: '系统或命令行' };
    return {
      id: e.id,
      at: e.createdAt,
      actor,
      action: e.action,
      target: targetOf(e, names, articles),
      reason: e.reason,
      details: detailsOf(e.action, e.data),
    };
  });
}

function targetOf(
  e: { subjectType: string; subjectId: string; data: Record<string, unknown> },
  names: Map<string, string>,
  articles: Map<string, { title: string }>,
): AuditRowView['target'] {
  const kind = SUBJECT_LABELS[e.subjectType] ?? e.subjectType;
  switch (e.subjectType) {
    case 'user':
      return {
        label: `${kind}：${names.get(e.subjectId) ?? '已注销用户'}`,
        href: `/studio/admin/users/${e.subjectId}`,
      };
    case 'article': {
      const title = articles.get(e.subjectId)?.title;
      return {
        label: title ? `《${title}》` : `文章 ${e.subjectId}`,
        href: `/article/${e.subjectId}`,
      };
    }
    case 'channel':
      return e.subjectId
        ? {
            label: `${kind}：${typeof e.data.name === 'string' ? e.data.name : e.subjectId}`,
            href: `/channel/${e.subjectId}`,
          }
        : { label: '全部频道', href: '/studio/admin/channels' };
    case 'creator_application':
      return { label: kind, href: '/studio/review' };
    case 'settings':
      return { label: kind, href: '/studio/admin/settings' };
    case 'dictionary_word':
      return { label: `${kind}：${e.subjectId}`, href: '/studio/dictionary' };
    case 'lexicon_term':
      return { label: `${kind}：${e.subjectId}`, href: '/studio/lexicon' };
    default:
      return { label: `${kind} ${e.subjectId}` };
  }
}

/** The entry's data in words, for the kinds that carry some. */
function detailsOf(action: string, data: Record<string, unknown>): string {
  const role = (v: unknown) =>
    typeof v === 'string' && v in ROLE_LABELS ? ROLE_LABELS[v as Role] : String(v);
  if (action === 'user.role') return `${role(data.from)} → ${role(data.to)}`;
  if (typeof data.sessionsEnded === 'number') return `结束 ${data.sessionsEnded} 个登录`;
  if (action === 'channel.remove')
    return `${String(data.moved ?? 0)} 篇文章移到 ${String(data.movedTo ?? '')}`;
  if (action === 'channel.update' && typeof data.from === 'string') return `原名：${data.from}`;
  if (action === 'settings.update' && Array.isArray(data.changed))
    return `改动：${data.changed.join('、')}`;
  return '';
}

export const adminUserRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get(
    '/studio/admin/users',
    { schema: { querystring: UsersQuery } },
    async (request, reply) => {
      if (!request.viewer) return reply.signInFirst();
      requireRole(request.viewer, 'admin');
      const { q = '', role, status, page = 1 } = request.query;
      const creator = q.trim() ? await findCreatorByHandle(db, q.trim().toLowerCase()) : undefined;
      const found = await searchUsers(db, {
        q,
        ...(creator ? { alsoIds: [creator.userId] } : {}),
        ...(role ? { role } : {}),
        ...(status ? { status } : {}),
        offset: (page - 1) * USER_PAGE_SIZE,
      });
      return reply.render(
        UsersPage({
          ctx: await request.pageContext(),
          search: { q, role: role ?? '', status: status ?? '', page },
          items: found.items,
          total: found.total,
          pageSize: USER_PAGE_SIZE,
        }),
      );
    },
  );

  const userPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { notice?: string; error?: { form: string; message: string } } = {},
    status = 200,
  ) => {
    const user = await getAdminUser(db, id);
    const creator = await findCreatorRefOfUser(db, id);
    const { items: entries } = await searchAudit(db, {
      subjectType: 'user',
      subjectId: id,
      limit: USER_HISTORY_LIMIT,
    });
    return reply.render(
      UserPage({
        ctx: await request.pageContext(),
        user,
        creator: creator ?? undefined,
        history: await auditViews(db, entries),
        ...extra,
      }),
      status,
    );
  };

  app.get(
    '/studio/admin/users/:id',
    {
      schema: { params: UuidParams, querystring: z.object({ done: loose(z.string().max(32)) }) },
      config: { notFound: 'USER_NOT_FOUND' },
    },
    async (request, reply) => {
      if (!request.viewer) return reply.signInFirst();
      requireRole(request.viewer, 'admin');
      const notice = DONE_NOTICES[request.query.done ?? ''];
      return userPage(request, reply, request.params.id, notice ? { notice } : {});
    },
  );

  /** A decision on one account: its reason is required; a refusal shows on the account's page. */
  const decide = (
    action: string,
    form: string,
    run: (
      viewer: NonNullable<FastifyRequest['viewer']>,
      id: string,
      b: { reason: string; role?: string },
    ) => Promise<unknown>,
  ) =>
    app.post(
      `/studio/admin/users/:id/${action}`,
      {
        schema: { params: UuidParams, body: DecisionForm },
        config: { notFound: 'USER_NOT_FOUND' },
      },
      async (request, reply) => {
        const viewer = requireRole(request.viewer, 'admin');
        const { id } = request.params;
        const b = request.body;
        try {
          if (!b.reason.trim())
            throw new AppError('VALIDATION_FAILED', '请填写理由：它会记入审计日志');
          await run(viewer, id, { ...b, reason: b.reason.trim() });
        } catch (err) {
          if (!isAppError(err) || !['VALIDATION_FAILED', 'INVALID_STATE'].includes(err.code))
            throw err;
          const message = err.details?.length
            ? err.details.map((d) => d.message).join('；')
            : err.message;
          return userPage(request, reply, id, { error: { form, message } }, err.status);
        }
        return reply.seeOther(`/studio/admin/users/${id}?done=${form}`);
      },
    );

  decide('role', 'role', async (viewer, id, b) => {
    const role = parseInput(z.enum(ROLES, { error: '请选择角色' }), b.role);
    await setUserRole(db, ctx.clock, viewer, id, role, b.reason);
    if (role === 'creator') await ensureCreatorProfile(db, id);
  });
  decide('suspend', 'status', (viewer, id, b) => suspendUser(db, ctx.clock, viewer, id, b.reason));
  decide('unsuspend', 'status', (viewer, id, b) =>
    unsuspendUser(db, ctx.clock, viewer, id, b.reason),
  );
  decide('signout-all', 'signout', (viewer, id, b) =>
    endUserSessions(db, ctx.clock, viewer, id, b.reason),
  );

  app.get(
    '/studio/admin/audit',
    { schema: { querystring: AuditQuery } },
    async (request, reply) => {
      if (!request.viewer) return reply.signInFirst();
      requireRole(request.viewer, 'admin');
      const q = request.query;
      const [at, id] = q.before ? q.before.split('_') : [];
      const page = await searchAudit(db, {
        ...(q.action ? { action: q.action } : {}),
        ...(q.subject ? { subjectType: q.subject } : {}),
        ...(q.actor ? { actorId: q.actor } : {}),
        ...(at && id ? { before: { at: new Date(Number(at)), id } } : {}),
      });
      const actorName = q.actor ? (await getUserNames(db, [q.actor])).get(q.actor) : undefined;
      return reply.render(
        AuditLogPage({
          ctx: await request.pageContext(),
          rows: await auditViews(db, page.items),
          actions: await listAuditActions(db),
          filter: {
            action: q.action ?? '',
            subject: q.subject ?? '',
            actor: q.actor ?? '',
            actorName,
          },
          next: page.next ? `${page.next.at.getTime()}_${page.next.id}` : undefined,
        }),
      );
    },
  );
};
