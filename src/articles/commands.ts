import { and, eq } from 'drizzle-orm';
import { recountCreatorArticles } from '../creators/index.js';
import type { Queryable } from '../db/client.js';
import { articleRevisions, articles, articleStats } from '../db/schema.js';
import { recordEvent } from '../events/index.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { newArticleId } from '../shared/ids.js';
import { parseInput } from '../shared/validation.js';
import { excerpt } from '../text/index.js';
import { CreateArticleSchema, type CreateArticleInput } from './article.js';
import { articleEvent } from './article-events.js';
import { renderMarkdown } from './markdown.js';
import { renderTextBody } from './render.js';

/** Summary length when none is given: about two lines of a list item. */
const AUTO_SUMMARY_CHARS = 120;

/**
 * Creates an article with its first revision and counters. Everything happens
 * in one transaction: a failure at any step leaves no half-written article.
 */
export async function createArticle(
  db: Queryable,
  clock: Clock,
  input: CreateArticleInput,
): Promise<{ id: string }> {
  const [created] = await createArticles(db, clock, [input]);
  return created!;
}

/**
 * Creates many articles in one transaction with one statement per table (the
 * bulk path of imports): all of them, or — on any failure — none.
 */
export async function createArticles(
  db: Queryable,
  clock: Clock,
  inputs: readonly CreateArticleInput[],
): Promise<{ id: string }[]> {
  if (inputs.length === 0) return [];
  const now = clock.now();
  const rows = inputs.map((input) => {
    const data = parseInput(CreateArticleSchema, input);
    const summary = data.summary ?? excerpt(data.body, AUTO_SUMMARY_CHARS);
    return {
      id: newArticleId(),
      authorId: data.authorId,
      channelId: data.channelId,
      title: data.title,
      summary,
      bodyFormat: data.bodyFormat,
      bodySource: data.body,
      bodyHtml:
        data.bodyFormat === 'markdown' ? renderMarkdown(data.body) : renderTextBody(data.body),
      status: data.status,
      originalityClaim: data.originalityClaim,
      sourceName: data.sourceName,
      sourceUrl: data.sourceUrl,
      externalId: data.externalId ?? null,
      publishedAt: data.status === 'published' ? (data.publishedAt ?? now) : null,
      createdAt: now,
      updatedAt: now,
    };
  });
  await db.transaction(async (tx) => {
    await tx.insert(articles).values(rows);
    await tx.insert(articleRevisions).values(
      rows.map((r) => ({
        articleId: r.id,
        revision: 1,
        title: r.title,
        summary: r.summary,
        bodyFormat: r.bodyFormat,
        bodySource: r.bodySource,
        bodyHtml: r.bodyHtml,
        createdAt: now,
      })),
    );
    await tx.insert(articleStats).values(rows.map((r) => ({ articleId: r.id })));
    const published = rows.filter((r) => r.status === 'published');
    const authors = new Set(published.map((r) => r.authorId));
    for (const authorId of authors) await recountCreatorArticles(tx, authorId);
    const only = published.length === 1 ? published[0] : undefined;
    if (only) await recordEvent(tx, articleEvent('article.published', only));
    else if (published.length > 1)
      await recordEvent(tx, { type: 'articles.imported', count: published.length });
  });
  return rows.map((r) => ({ id: r.id }));
}

/** Soft delete: the article answers 410 from now on; its revisions stay. */
export async function removeArticle(db: Queryable, clock: Clock, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(articles)
      .set({ status: 'removed', removedAt: clock.now(), updatedAt: clock.now() })
      .where(eq(articles.id, id))
      .returning({ id: articles.id, authorId: articles.authorId, channelId: articles.channelId });
    if (!row) throw new AppError('ARTICLE_NOT_FOUND');
    await recountCreatorArticles(tx, row.authorId);
    await recordEvent(tx, articleEvent('article.withdrawn', row));
  });
}

/** Undoes a removal by an editor: the article is published again (its first-publish time kept). */
export async function restoreArticle(db: Queryable, clock: Clock, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(articles)
      .set({ status: 'published', removedAt: null, updatedAt: clock.now() })
      .where(and(eq(articles.id, id), eq(articles.status, 'removed')))
      .returning({ id: articles.id, authorId: articles.authorId, channelId: articles.channelId });
    if (!row) throw new AppError('INVALID_STATE');
    await recountCreatorArticles(tx, row.authorId);
    await recordEvent(tx, articleEvent('article.published', row));
  });
}
