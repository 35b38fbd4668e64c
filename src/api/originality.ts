/** 原创保护 through the API: an article's receipt (public) and its match report (author and editors). */
import type { FastifyPluginAsync } from 'fastify';
import { requireViewer } from '../accounts/index.js';
import { getPublishedArticleOrThrow } from '../articles/index.js';
import type { AppContext } from '../context.js';
import type { ZodTypeProvider } from '../http/route-schema.js';
import {
  findReceipt,
  getMatchReport,
  presentMatchReport,
  presentReceipt,
} from '../originality/index.js';
import { AppError } from '../shared/errors.js';

import { byId, editableArticle, notFound } from './article-access.js';

export const originalityApi: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get(
    '/articles/:id/receipt',
    {
      schema: {
        summary: '原创凭证（首发时间与指纹）',
        tags: ['originality'],
        ...byId,
      },
      config: notFound,
    },
    async (request) => {
      const { id } = request.params;
      await getPublishedArticleOrThrow(db, id);
      const receipt = await findReceipt(db, id);
      if (!receipt) throw new AppError('NOT_FOUND', '原创凭证正在生成，请稍后再试');
      return { receipt: presentReceipt(receipt) };
    },
  );
  /** The match report: the author and editors only (it quotes other creators' passages side by side). */
  app.get(
    '/articles/:id/originality',
    {
      schema: {
        summary: '原创比对报告（作者和编辑）',
        tags: ['originality'],
        auth: 'bearer',
        ...byId,
      },
      config: notFound,
    },
    async (request) => {
      const viewer = requireViewer(request.viewer);
      const article = await editableArticle(db, request.params.id, viewer);
      return {
        article_id: article.id,
        status: article.status,
        claim_original: article.originalityClaim,
        matches: presentMatchReport(await getMatchReport(db, article.id)),
      };
    },
  );
};
