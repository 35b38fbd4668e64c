/** The hot list page (热榜); editors may ask it to explain each score. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { isEditor } from '../../accounts/index.js';
import { withRefs } from '../../articles/index.js';
import type { AppContext } from '../../context.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { loose } from '../../http/schemas.js';
import { HOT_PAGE_SIZE, listHotItems } from '../../ranking/index.js';
import { HotPage } from '../pages/simple.js';

const HotQuery = z.object({ explain: loose(z.literal('1')) });

export const hotRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get('/hot', { schema: { querystring: HotQuery } }, async (request, reply) => {
    const pageCtx = await request.pageContext();
    const explain = request.query.explain === '1' && isEditor(request.viewer);
    const items = await withRefs(
      db,
      await listHotItems(db, { limit: HOT_PAGE_SIZE }),
      pageCtx.channels,
    );
    return reply.render(HotPage({ ctx: pageCtx, items, explain }));
  });
};
