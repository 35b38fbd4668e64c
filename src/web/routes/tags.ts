/** 话题: /tag/{name}, the published articles with one tag, paged like a channel. */
import type { FastifyPluginAsync } from 'fastify';
import { loadRefs, listPublishedArticles } from '../../articles/index.js';
import type { AppContext } from '../../context.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { HOT_BLOCK_SIZE, listHotItems } from '../../ranking/index.js';
import { AppError } from '../../shared/errors.js';
import { addCacheTags } from '../page-cache-hooks.js';
import { TagPage } from '../pages/tag.js';
import { cursorOrThrow, PAGE_SIZE, pageOf, PageQuery } from './paging.js';
import { TagParams } from './tag-params.js';

export const tagRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get(
    '/tag/:name',
    {
      schema: { params: TagParams, querystring: PageQuery },
      config: { notFound: 'TAG_NOT_FOUND' },
    },
    async (request, reply) => {
      const tag = request.params.name;
      const cursor = cursorOrThrow(request.query.before);
      // Any article published, revised or withdrawn may carry the tag: the page follows the portal's tag.
      addCacheTags(request, 'portal');
      const pageCtx = await request.pageContext();
      const [rows, hot] = await Promise.all([
        listPublishedArticles(db, { tag, before: cursor, limit: PAGE_SIZE + 1 }),
        listHotItems(db, { limit: HOT_BLOCK_SIZE }),
      ]);
      // CASE: a tag no published article carries is not a page (a later page may be empty).
      if (rows.length === 0 && !cursor) throw new AppError('TAG_NOT_FOUND');
      const { items, next } = pageOf(rows);
      const refs = await loadRefs(db, [items, hot], pageCtx.channels);
      return reply.render(
        TagPage({
          ctx: pageCtx,
          tag,
          items: refs.list(items),
          hot: refs.list(hot),
          next,
          isFirst: !cursor,
        }),
      );
    },
  );
};
