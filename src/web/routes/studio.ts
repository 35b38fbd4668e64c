/** The creator studio's home: the article list with statistics, followers and notices. */
import type { FastifyPluginAsync } from 'fastify';
import { isEditor } from '../../accounts/index.js';
import { listStudioArticles } from '../../articles/index.js';
import type { AppContext } from '../../context.js';
import { findCreatorByHandle } from '../../creators/index.js';
import { creatorDailyStats } from '../../engagement/index.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { listCreatorNotices } from '../../moderation/index.js';
import { StudioPage } from '../pages/studio.js';

export const studioRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get('/studio', async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    if (!request.viewer.creator && !isEditor(request.viewer)) return reply.seeOther('/apply');
    const creator = request.viewer.creator;
    const [rows, daily, profile, notices] = creator
      ? await Promise.all([
          listStudioArticles(db, creator.id),
          creatorDailyStats(db, ctx.clock, creator.id),
          findCreatorByHandle(db, creator.handle),
          listCreatorNotices(db, creator.id),
        ])
      : [[], [], undefined, []];
    return reply.render(
      StudioPage({
        ctx: await request.pageContext(),
        rows,
        daily,
        followers: profile?.followerCount ?? 0,
        notices,
      }),
    );
  });
};
