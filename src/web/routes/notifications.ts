/** 通知中心 and 通知设置, and the bell's unread count (fetched by the page's script, never cached). */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { requireViewer } from '../../accounts/index.js';
import type { AppContext } from '../../context.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { formBody, formFlag, loose } from '../../http/schemas.js';
import {
  countUnread,
  getPrefs,
  listNotifications,
  markRead,
  NOTIFICATION_TYPES,
  setPrefs,
  type Prefs,
} from '../../notifications/index.js';
import { AppError } from '../../shared/errors.js';
import { RATE_RULES } from '../../shared/rate-limit.js';
import { NotificationPrefsPage } from '../pages/me-settings.js';
import { NotificationsPage } from '../pages/notifications.js';

const ListQuery = z.object({ before: loose(z.coerce.number().int().positive()) });
const OpenParams = z.object({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
/** One checkbox per type and channel: `comment_reply.email` … */
const PREF_FIELDS: Record<string, typeof formFlag> = Object.fromEntries(
  NOTIFICATION_TYPES.flatMap((t) =>
    (['inApp', 'email', 'digest'] as const).map((c) => [`${t}.${c}`, formFlag]),
  ),
);
const PrefsForm = formBody(PREF_FIELDS);

export const notificationRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (
  scope,
  { ctx },
) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get('/notifications', { schema: { querystring: ListQuery } }, async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    const page = await listNotifications(db, request.viewer.id, { before: request.query.before });
    return reply.render(NotificationsPage({ ctx: await request.pageContext(), ...page }));
  });

  // The bell: personal, so fetched by the page (pages themselves stay shareable by caches).
  app.get('/notifications/unread', async (request, reply) => {
    reply.header('cache-control', 'private, no-store');
    return { unread: request.viewer ? await countUnread(db, request.viewer.id) : 0 };
  });

  // Opening a notification marks it read and goes to what it is about.
  app.get('/notifications/:id/open', { schema: { params: OpenParams } }, async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    const viewer = request.viewer;
    await markRead(db, viewer.id, ctx.clock.now(), [request.params.id]);
    const { items } = await listNotifications(db, viewer.id, {
      before: request.params.id + 1,
      limit: 1,
    });
    const item = items[0];
    if (!item || item.id !== request.params.id) throw new AppError('NOT_FOUND');
    return reply.seeOther(item.target.url);
  });

  app.post('/notifications/read-all', async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    await markRead(db, viewer.id, ctx.clock.now());
    return reply.seeOther('/notifications');
  });

  app.get('/me/notifications', async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    return reply.render(
      NotificationPrefsPage({
        ctx: await request.pageContext(),
        prefs: await getPrefs(db, request.viewer.id),
      }),
    );
  });

  app.post('/me/notifications', { schema: { body: PrefsForm } }, async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    await reply.limit(`account:${viewer.id}`, RATE_RULES.accountWritePerUser);
    const form = request.body;
    const prefs = Object.fromEntries(
      NOTIFICATION_TYPES.map((t) => [
        t,
        {
          inApp: form[`${t}.inApp`] === true,
          email: form[`${t}.email`] === true,
          digest: form[`${t}.digest`] === true,
        },
      ]),
    ) as Prefs;
    return reply.render(
      NotificationPrefsPage({
        ctx: await request.pageContext(),
        prefs: await setPrefs(db, viewer.id, prefs),
        notice: '通知设置已保存。',
      }),
    );
  });
};
