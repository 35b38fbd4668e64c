/** An article's revisions through the API: the list, and restoring one (a new revision). */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { requireViewer } from '../accounts/index.js';
import { findArticle, listRevisions, restoreRevision } from '../articles/index.js';
import type { AppContext } from '../context.js';
import type { ZodTypeProvider } from '../http/route-schema.js';
import { ArticleId } from '../http/schemas.js';
import { RATE_RULES } from '../shared/rate-limit.js';
import { editableArticle, notFound } from './article-access.js';
import { limitParam, offsetCursorParam, encodeOffset } from './paging.js';
import { ArticleOut, listOf, presentRecord } from './presenters.js';

const RevisionOut = z.object({
  revision: z.int().meta({ description: '版本号，从 1 起' }),
  title: z.string(),
  created_at: z.iso.datetime({ offset: true }),
  current: z.boolean().meta({ description: '是否为当前版本' }),
});

const RevisionParams = z.object({
  id: ArticleId,
  revision: z.coerce.number().int().min(1).max(1_000_000).meta({ description: '版本号' }),
});

const ListQuery = z.strictObject({ limit: limitParam(), cursor: offsetCursorParam });

export const revisionsApi: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const publicUrl = ctx.publicUrl ?? 'http://127.0.0.1:3000';

  app.get(
    '/articles/:id/revisions',
    {
      schema: {
        summary: '文章的历史版本，最新的在前（作者与编辑可读）',
        tags: ['articles'],
        auth: 'bearer',
        params: z.object({ id: ArticleId }),
        querystring: ListQuery,
        response: { 200: listOf(RevisionOut) },
      },
      config: notFound,
    },
    async (request) => {
      const viewer = requireViewer(request.viewer);
      const article = await editableArticle(db, request.params.id, viewer);
      const q = request.query;
      const offset = q.cursor ?? 0;
      const rows = await listRevisions(db, article.id, {
        newestFirst: true,
        offset,
        limit: q.limit + 1,
      });
      const items = rows.slice(0, q.limit);
      return {
        items: items.map((r) => ({
          revision: r.revision,
          title: r.title,
          created_at: r.createdAt.toISOString(),
          current: r.revision === article.revision,
        })),
        next_cursor: rows.length > q.limit ? encodeOffset(offset + q.limit) : null,
      };
    },
  );

  app.post(
    '/articles/:id/revisions/:revision/restore',
    {
      schema: {
        summary: '恢复到某个历史版本：以它的标题、摘要和正文保存一个新版本（已发布的文章保持发布）',
        tags: ['articles'],
        auth: 'bearer',
        params: RevisionParams,
        response: { 200: z.object({ article: ArticleOut }) },
      },
      config: notFound,
    },
    async (request, reply) => {
      const viewer = requireViewer(request.viewer);
      await reply.limit(`write:${viewer.id}`, RATE_RULES.creatorWritePerUser);
      const article = await editableArticle(db, request.params.id, viewer);
      await restoreRevision(
        db,
        ctx.clock,
        { userId: viewer.id },
        article.id,
        request.params.revision,
      );
      return { article: await presentRecord(db, await findArticle(db, article.id), publicUrl) };
    },
  );
};
