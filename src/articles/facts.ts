/**
 * What other domains read of articles to do their own work — texts for the
 * search index and 原创保护, stamps for their repair sweeps, facts for related
 * lists, the hot list's candidates — each one query for a whole batch.
 */
import { and, eq, gt, gte, inArray, lte, sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '../db/client.js';
import type { ArticleStatus } from './article.js';
import { articles } from './schema.js';

/** An article's author (any status), or undefined. */
export async function findArticleAuthorId(db: Queryable, id: string): Promise<string | undefined> {
  return (await findArticleStanding(db, id))?.authorId;
}

/** Who wrote an article and where it stands: what authorizing a change needs, and no more. */
export async function findArticleStanding(
  db: Queryable,
  id: string,
): Promise<{ authorId: string; status: ArticleStatus } | undefined> {
  const [row] = await db
    .select({ authorId: articles.authorId, status: articles.status })
    .from(articles)
    .where(eq(articles.id, id));
  return row;
}

/** Every article id of an author, any status (the studio's statistics sum their engagement). */
export async function listArticleIdsOfAuthor(db: Queryable, authorId: string): Promise<string[]> {
  const rows = await db
    .select({ id: articles.id })
    .from(articles)
    .where(eq(articles.authorId, authorId));
  return rows.map((r) => r.id);
}

/** What indexers (search, 原创保护) read of an article: its text and where it stands. */
export interface ArticleText {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly bodySource: string;
  readonly authorId: string;
  readonly channelId: number;
  readonly status: ArticleStatus;
  readonly publishedAt: Date | null;
  readonly updatedAt: Date;
}

/** These articles' texts, any status (one query). */
export async function getArticleTexts(
  db: Queryable,
  ids: readonly string[],
): Promise<ArticleText[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: articles.id,
      title: articles.title,
      summary: articles.summary,
      bodySource: articles.bodySource,
      authorId: articles.authorId,
      channelId: articles.channelId,
      status: articles.status,
      publishedAt: articles.publishedAt,
      updatedAt: articles.updatedAt,
    })
    .from(articles)
    .where(inArray(articles.id, [...ids]))
    .orderBy(articles.id);
}

/**
 * Published articles' ids and change times, in id order after `afterId`:
 * what an indexer compares with its own rows to repair anything it missed.
 */
export async function listPublishedStamps(
  db: Queryable,
  afterId: string,
  limit: number,
): Promise<{ id: string; updatedAt: Date; publishedAt: Date | null }[]> {
  return db
    .select({ id: articles.id, updatedAt: articles.updatedAt, publishedAt: articles.publishedAt })
    .from(articles)
    .where(and(eq(articles.status, 'published'), gt(articles.id, afterId)))
    .orderBy(articles.id)
    .limit(limit);
}

/** Facts about articles that lists and related-article scoring weigh (one query). */
export async function getArticleFacts(
  db: Queryable,
  ids: readonly string[],
): Promise<
  Map<string, { title: string; authorId: string; channelId: number; status: ArticleStatus }>
> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: articles.id,
      title: articles.title,
      authorId: articles.authorId,
      channelId: articles.channelId,
      status: articles.status,
    })
    .from(articles)
    .where(inArray(articles.id, [...new Set(ids)]));
  return new Map(rows.map(({ id, ...r }) => [id, r]));
}

/** Articles published in [since, until], with what the hot list weighs (one query). */
export async function listPublishedBetween(
  db: Queryable,
  since: Date,
  until: Date,
): Promise<{ id: string; title: string; channelId: number; publishedAt: Date }[]> {
  const rows = await db
    .select({
      id: articles.id,
      title: articles.title,
      channelId: articles.channelId,
      publishedAt: articles.publishedAt,
    })
    .from(articles)
    .where(
      and(
        eq(articles.status, 'published'),
        gte(articles.publishedAt, since),
        lte(articles.publishedAt, until),
      ),
    );
  return rows.map((r) => ({ ...r, publishedAt: r.publishedAt! }));
}

/**
 * Which of these channels have at least one published article (the navigation
 * hides the others): one index probe per channel, in one statement.
 */
export async function listChannelIdsWithArticles(
  db: Queryable,
  channelIds: readonly number[],
): Promise<Set<number>> {
  if (channelIds.length === 0) return new Set();
  const rows = rowsOf<{ id: number }>(
    await db.execute(sql`
      SELECT c.id FROM unnest(${sql.raw(`ARRAY[${channelIds.map((id) => Math.trunc(id)).join(',')}]::int[]`)}) AS c(id)
      WHERE EXISTS (
        SELECT 1 FROM ${articles}
        WHERE ${articles.channelId} = c.id AND ${articles.status} = 'published'
      )`),
  );
  return new Set(rows.map((r) => Number(r.id)));
}
