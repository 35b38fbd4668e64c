/** `/api/v1/articles`: route + schema + presenter for the article resource. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  getPublishedArticleOrThrow,
  listLatestArticles,
  type ArticleCard,
  type ArticleView,
} from '../articles/index.js';
import type { AppContext } from '../context.js';
import { AppError } from '../shared/errors.js';
import { ARTICLE_ID_PATTERN } from '../shared/ids.js';
import { parseInput } from '../shared/validation.js';

/** Upper bound of one page of the list, so a client cannot ask for everything at once. */
const LIST_MAX_LIMIT = 100;

const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(LIST_MAX_LIMIT).default(20),
});

export function presentArticleCard(a: ArticleCard) {
  return {
    id: a.id,
    url: `/article/${a.id}`,
    title: a.title,
    summary: a.summary,
    publishedAt: a.publishedAt?.toISOString() ?? null,
    updatedAt: a.updatedAt.toISOString(),
    originalityClaim: a.originalityClaim,
    source: { name: a.sourceName, url: a.sourceUrl },
    author: { handle: a.author.handle, displayName: a.author.displayName },
    channel: { slug: a.channel.slug, name: a.channel.name },
  };
}

export function presentArticle(a: ArticleView) {
  return {
    ...presentArticleCard(a),
    body: { format: a.bodyFormat, source: a.bodySource, html: a.bodyHtml },
  };
}

export async function articlesApi(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/articles', async (request) => {
    const query = parseInput(ListQuery, request.query);
    const items = await listLatestArticles(ctx.database.db, query.limit);
    return { items: items.map(presentArticleCard) };
  });

  app.get('/articles/:id', async (request) => {
    const { id } = request.params as { id: string };
    if (!ARTICLE_ID_PATTERN.test(id)) throw new AppError('ARTICLE_NOT_FOUND');
    return { article: presentArticle(await getPublishedArticleOrThrow(ctx.database.db, id)) };
  });
}
