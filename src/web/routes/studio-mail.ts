/** The admins' view of the mail outbox, and retrying what did not leave. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { requireRole } from '../../accounts/index.js';
import type { AppContext } from '../../context.js';
import { listOutbox, oldestQueuedAt, retryMail } from '../../mail/index.js';
import { StudioMailPage } from '../pages/studio-mail.js';

export const studioMailRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const db = ctx.database.db;

  const page = async (request: FastifyRequest, notice?: string) => {
    const { items, counts } = await listOutbox(db, { limit: 100 });
    return StudioMailPage({
      ctx: await request.pageContext(),
      delivers: ctx.mailer?.delivers ?? false,
      destination: ctx.mailer?.description ?? '（未配置，邮件留在发件队列中）',
      counts,
      items,
      oldestQueued: await oldestQueuedAt(db),
      notice,
    });
  };

  app.get('/studio/mail', async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    requireRole(request.viewer, 'admin');
    return reply.render(await page(request));
  });

  app.post('/studio/mail/retry', async (request, reply) => {
    requireRole(request.viewer, 'admin');
    const n = await retryMail(db, ctx.clock);
    return reply.render(await page(request, `${n} 封邮件将立即重试。`));
  });
};
