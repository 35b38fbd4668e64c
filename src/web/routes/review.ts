/** Editors review creator applications (入驻申请). */
import type { FastifyPluginAsync } from 'fastify';
import { requireRole } from '../../accounts/index.js';
import type { AppContext } from '../../context.js';
import { approveApplication, listApplications, rejectApplication } from '../../creators/index.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { formBody, formText, UuidParams } from '../../http/schemas.js';
import { ReviewPage } from '../pages/review.js';

const ReasonForm = formBody({ reason: formText(10_000) });
const applicationRoute = {
  schema: { params: UuidParams, body: ReasonForm },
  config: { notFound: 'APPLICATION_NOT_FOUND' as const },
};

export const reviewRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get('/studio/review', async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    requireRole(request.viewer, 'editor', 'admin');
    const [pending, approved, rejected] = await Promise.all([
      listApplications(db, 'pending'),
      listApplications(db, 'approved', 10),
      listApplications(db, 'rejected', 10),
    ]);
    const decided = [...approved, ...rejected].sort(
      (a, b) => (b.decidedAt?.getTime() ?? 0) - (a.decidedAt?.getTime() ?? 0),
    );
    return reply.render(ReviewPage({ ctx: await request.pageContext(), pending, decided }));
  });

  app.post('/studio/review/:id/approve', applicationRoute, async (request, reply) => {
    const viewer = requireRole(request.viewer, 'editor', 'admin');
    await approveApplication(db, ctx.clock, viewer.id, request.params.id, request.body.reason);
    return reply.seeOther('/studio/review');
  });

  app.post('/studio/review/:id/reject', applicationRoute, async (request, reply) => {
    const viewer = requireRole(request.viewer, 'editor', 'admin');
    await rejectApplication(db, ctx.clock, viewer.id, request.params.id, request.body.reason);
    return reply.seeOther('/studio/review');
  });
};
