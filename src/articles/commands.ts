import { and, count, eq } from 'drizzle-orm';
import { setCreatorArticleCount } from '../creators/index.js';
import type { Queryable } from '../db/client.js';
import { articleRevisions, articleStats, articleTags, articles } from './schema.js';
import { recordEvent } from '../events/index.js';
import type { Clock } from '../shared/clock.js';
import { newArticleId } from '../shared/ids.js';
import { parseInput } from '../shared/validation.js';
import { excerpt } from '../text/index.js';
import { CreateArticleSchema, type CreateArticleInput } from './article.js';
import { articleEvent } from './article-events.js';
import { bodyParagraphText, imageIdsIn, renderMarkdown } from './markdown.js';
import { findImages } from '../media/index.js';
import { renderTextBody } from './render.js';

/**
 * Recounts an author's 文章数 (published articles; exact, cheap with the
 * author index) and gives it to the creators domain. Part of every command
 * that publishes or withdraws, inside its transaction.
 */
export async function recountCreatorArticles(tx: Queryable, authorId: string): Promise<void> {
  const [row] = await tx
    .select({ n: count() })
    .from(articles)
    .where(and(eq(articles.authorId, authorId), eq(articles.status, 'published')));
  await setCreatorArticleCount(tx, authorId, row?.n ?? 0);
}

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
  const parsed = inputs.map((input) => parseInput(CreateArticleSchema, input));
  // Figures of Markdown bodies get their sizes and srcset (one query for the batch).
  const images = await findImages(
    db,
    parsed.flatMap((d) => (d.bodyFormat === 'markdown' ? imageIdsIn(d.body) : [])),
  );
  const rows = parsed.map((data) => {
    const summary =
      data.summary ??
      excerpt(
        data.bodyFormat === 'markdown' ? bodyParagraphText(data.body) : data.body,
        AUTO_SUMMARY_CHARS,
      );
    return {
      id: newArticleId(),
      authorId: data.authorId,
      channelId: data.channelId,
      title: data.title,
      summary,
      bodyFormat: data.bodyFormat,
      bodySource: data.body,
      bodyHtml:
        data.bodyFormat === 'markdown'
          ? renderMarkdown(data.body, images)
          : renderTextBody(data.body),
      status: data.status,
      originalityClaim: data.originalityClaim,
      sourceName: data.sourceName,
      sourceUrl: data.sourceUrl,
      externalId: data.externalId ?? null,
      publishedAt: data.status === 'published' ? (data.publishedAt ?? now) : null,
      scheduledAt: data.status === 'scheduled' ? (data.publishedAt ?? now) : null,
      coverImageId: data.coverImageId ?? null,
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
    const tags = parsed.flatMap((data, i) =>
      data.tags.map((tag, position) => ({ articleId: rows[i]!.id, tag, position })),
    );
    if (tags.length > 0) await tx.insert(articleTags).values(tags);
    const published = rows.filter((r) => r.status === 'published');
    const authors = new Set(published.map((r) => r.authorId));
    for (const authorId of authors) await recountCreatorArticles(tx, authorId);
    const only = published.length === 1 ? published[0] : undefined;
    if (only) await recordEvent(tx, articleEvent('article.published', only));
    else if (published.length > 1)
      await recordEvent(tx, { type: 'articles.imported', articleIds: published.map((r) => r.id) });
  });
  return rows.map((r) => ({ id: r.id }));
}
