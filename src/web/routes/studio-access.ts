/** Who may open or change an article in the studio: its author, or an editor. */
import type { FastifyRequest } from 'fastify';
import { canEditArticle } from '../../accounts/index.js';
import {
  findArticle,
  findArticleStanding,
  withRefs,
  type ArticleView,
} from '../../articles/index.js';
import type { AppContext } from '../../context.js';
import { ArticleIdParams } from '../../http/schemas.js';
import { AppError } from '../../shared/errors.js';

/** The options of a studio route about one article (`:id`). */
export const articleRoute = {
  schema: { params: ArticleIdParams },
  config: { notFound: 'ARTICLE_NOT_FOUND' as const },
};

/** An article with its author's and channel's names, for the editor. */
export async function getArticleViewOrThrow(ctx: AppContext, id: string): Promise<ArticleView> {
  const db = ctx.database.db;
  const record = await findArticle(db, id);
  const [article] = record ? await withRefs(db, [record]) : [];
  if (!article || article.status === 'removed') throw new AppError('ARTICLE_NOT_FOUND');
  return article;
}

/** The article for its author (or an editor) to look at; FORBIDDEN for anyone else. */
export async function getOwnArticleOrThrow(
  ctx: AppContext,
  request: FastifyRequest,
  id: string,
): Promise<ArticleView> {
  const article = await getArticleViewOrThrow(ctx, id);
  if (!canEditArticle(request.viewer, article.author.id)) throw new AppError('FORBIDDEN');
  return article;
}

/** Authorizes a change without loading the article (the command loads and locks it). */
export async function authorizeArticleChange(ctx: AppContext, request: FastifyRequest, id: string) {
  const standing = await findArticleStanding(ctx.database.db, id);
  if (!standing || standing.status === 'removed') throw new AppError('ARTICLE_NOT_FOUND');
  if (!canEditArticle(request.viewer, standing.authorId)) throw new AppError('FORBIDDEN');
  return { id, ...standing };
}
