/** Who may change an article through the API: its author or an editor (others 403; removed or unknown 404). */
import { canEditArticle, type Viewer } from '../accounts/index.js';
import { findArticle, type ArticleRecord } from '../articles/index.js';
import type { Queryable } from '../db/client.js';
import { ArticleIdParams } from '../http/schemas.js';
import { AppError } from '../shared/errors.js';

export const byId = { params: ArticleIdParams };
export const notFound = { notFound: 'ARTICLE_NOT_FOUND' as const };

export async function editableArticle(
  db: Queryable,
  id: string,
  viewer: Viewer | null,
): Promise<ArticleRecord> {
  const article = await findArticle(db, id);
  if (!article || article.status === 'removed') throw new AppError('ARTICLE_NOT_FOUND');
  if (!canEditArticle(viewer, article.authorId)) throw new AppError('FORBIDDEN');
  return article;
}
