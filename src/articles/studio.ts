/**
 * The creator studio's commands: save (draft or a new revision of a published
 * article), publish now, schedule, unpublish, delete (soft), and the job that
 * publishes scheduled articles. Callers authorize first (accounts policy).
 */
import { and, asc, desc, eq, lte, ne } from 'drizzle-orm';
import { recountCreatorArticles } from '../creators/index.js';
import type { Queryable } from '../db/client.js';
import { articleRevisions, articles, articleStats, channels } from '../db/schema.js';
import { recordEvent } from '../events/index.js';
import { articleEvent } from './article-events.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { newArticleId } from '../shared/ids.js';
import { parseInput } from '../shared/validation.js';
import { excerpt } from '../text/index.js';
import { ArticleDraftSchema, type ArticleDraftInput, type ArticleStatus } from './article.js';
import { findImages } from './images.js';
import { imageIdsIn, renderMarkdown } from './markdown.js';

/** Summary length when none is given: about two lines of a list item. */
const AUTO_SUMMARY_CHARS = 120;

async function prepare(db: Queryable, input: ArticleDraftInput) {
  const data = parseInput(ArticleDraftSchema, input);
  const [channel] = await db
    .select({ id: channels.id })
    .from(channels)
    .where(eq(channels.slug, data.channel));
  if (!channel) {
    throw new AppError('VALIDATION_FAILED', undefined, {
      details: [{ path: 'channel', message: '频道不存在' }],
    });
  }
  const ids = imageIdsIn(data.bodyMarkdown);
  if (data.coverImageId) ids.push(data.coverImageId);
  const found = await findImages(db, ids);
  if (data.coverImageId && !found.has(data.coverImageId)) {
    throw new AppError('VALIDATION_FAILED', undefined, {
      details: [{ path: 'coverImageId', message: '封面图片不存在' }],
    });
  }
  const plain = data.bodyMarkdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/[#>*_`~[\]()-]/g, ' ');
  return {
    channelId: channel.id,
    title: data.title,
    summary:
      data.summary !== undefined && data.summary.trim() !== ''
        ? data.summary
        : excerpt(plain, AUTO_SUMMARY_CHARS),
    bodyFormat: 'markdown' as const,
    bodySource: data.bodyMarkdown,
    bodyHtml: renderMarkdown(data.bodyMarkdown, found),
    coverImageId: data.coverImageId ?? null,
    originalityClaim: data.claimOriginal,
  };
}

/** Creates a draft (revision 1). */
export async function createDraft(
  db: Queryable,
  clock: Clock,
  actor: { userId: string; authorId: string },
  input: ArticleDraftInput,
): Promise<{ id: string }> {
  const fields = await prepare(db, input);
  const id = newArticleId();
  const now = clock.now();
  await db.transaction(async (tx) => {
    await tx.insert(articles).values({
      id,
      authorId: actor.authorId,
      ...fields,
      status: 'draft',
      revision: 1,
      createdAt: now,
      updatedAt: now,
    });
    await tx.insert(articleRevisions).values({
      articleId: id,
      revision: 1,
      ...revisionFields(fields),
      editorId: actor.userId,
      createdAt: now,
    });
    await tx.insert(articleStats).values({ articleId: id });
  });
  return { id };
}

function revisionFields(f: Awaited<ReturnType<typeof prepare>>) {
  return {
    title: f.title,
    summary: f.summary,
    bodyFormat: f.bodyFormat,
    bodySource: f.bodySource,
    bodyHtml: f.bodyHtml,
  };
}

async function loadForChange(db: Queryable, id: string) {
  const [row] = await db
    .select({
      id: articles.id,
      status: articles.status,
      authorId: articles.authorId,
      channelId: articles.channelId,
      revision: articles.revision,
      publishedAt: articles.publishedAt,
    })
    .from(articles)
    .where(eq(articles.id, id))
    // The row is locked until the command commits: two changes of one article never interleave.
    .for('update');
  if (!row) throw new AppError('ARTICLE_NOT_FOUND');
  if (row.status === 'removed') throw new AppError('ARTICLE_GONE');
  return row;
}

/** Saves changes as a new revision; a published article stays published with the new text. */
export async function saveArticle(
  db: Queryable,
  clock: Clock,
  actor: { userId: string },
  id: string,
  input: ArticleDraftInput,
): Promise<{ id: string; revision: number }> {
  const fields = await prepare(db, input);
  const now = clock.now();
  const saved = await db.transaction(async (tx) => {
    const row = await loadForChange(tx, id);
    const revision = row.revision + 1;
    await tx
      .update(articles)
      .set({ ...fields, revision, updatedAt: now })
      .where(eq(articles.id, id));
    await tx.insert(articleRevisions).values({
      articleId: id,
      revision,
      ...revisionFields(fields),
      editorId: actor.userId,
      createdAt: now,
    });
    // Readers see published articles only; a draft's revision changes no page.
    if (row.status === 'published')
      await recordEvent(
        tx,
        articleEvent('article.revised', { ...row, channelId: fields.channelId }),
      );
    // CASE: moved to another channel: the old channel's pages drop it too.
    if (row.status === 'published' && row.channelId !== fields.channelId)
      await recordEvent(tx, articleEvent('article.revised', row));
    return { id, revision };
  });
  return saved;
}

async function setStatus(
  db: Queryable,
  clock: Clock,
  id: string,
  allowed: ArticleStatus[],
  to: ArticleStatus,
  scheduledAt: Date | null = null,
) {
  await db.transaction(async (tx) => {
    const row = await loadForChange(tx, id);
    if (!allowed.includes(row.status)) throw new AppError('INVALID_STATE');
    const now = clock.now();
    await tx
      .update(articles)
      .set({
        status: to,
        scheduledAt,
        updatedAt: now,
        ...(to === 'published' ? { publishedAt: row.publishedAt ?? now } : {}),
      })
      .where(eq(articles.id, id));
    await recountCreatorArticles(tx, row.authorId);
    if (to === 'published') await recordEvent(tx, articleEvent('article.published', row));
    else if (row.status === 'published')
      await recordEvent(tx, articleEvent('article.withdrawn', row));
  });
}

export const publishArticle = (db: Queryable, clock: Clock, id: string) =>
  setStatus(db, clock, id, ['draft', 'scheduled', 'held'], 'published');

/** Submitted but held for an editor (the moderation desk decides). */
export const holdArticle = (db: Queryable, clock: Clock, id: string) =>
  setStatus(db, clock, id, ['draft', 'scheduled', 'held'], 'held');

/**
 * Marks an article 转载 (republished, not original) with where it comes from.
 * Part of publishing (moderation/publish.ts), inside its transaction: the
 * publish announces the article.
 */
export async function markRepost(
  tx: Queryable,
  clock: Clock,
  id: string,
  source: { name: string; url: string },
): Promise<void> {
  await tx
    .update(articles)
    .set({
      originalityClaim: false,
      sourceName: source.name,
      sourceUrl: source.url,
      updatedAt: clock.now(),
    })
    .where(eq(articles.id, id));
}

/** Withdraws an article's 原创 claim (it matches another creator's earlier article); part of publishing. */
export async function refuseOriginalityClaim(
  tx: Queryable,
  clock: Clock,
  id: string,
): Promise<void> {
  await tx
    .update(articles)
    .set({ originalityClaim: false, updatedAt: clock.now() })
    .where(eq(articles.id, id));
}

/** Minimum lead for scheduling: a time in the past would just be "publish now". */
export async function scheduleArticle(
  db: Queryable,
  clock: Clock,
  id: string,
  at: Date,
): Promise<void> {
  if (Number.isNaN(at.getTime()) || at.getTime() <= clock.now().getTime()) {
    throw new AppError('VALIDATION_FAILED', undefined, {
      details: [{ path: 'publishAt', message: '定时发布的时间须晚于现在' }],
    });
  }
  await setStatus(db, clock, id, ['draft', 'scheduled'], 'scheduled', at);
}

export const unpublishArticle = (db: Queryable, clock: Clock, id: string) =>
  setStatus(db, clock, id, ['published', 'scheduled', 'held'], 'draft');

/** A scheduled article that could not be published goes back to its author; a no-op if it is no longer scheduled. */
export async function returnScheduledToDraft(
  db: Queryable,
  clock: Clock,
  id: string,
): Promise<void> {
  try {
    await setStatus(db, clock, id, ['scheduled'], 'draft');
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'INVALID_STATE')) throw err;
  }
}

/**
 * Locks an article's row for the rest of the caller's transaction (every
 * change of one article waits for the one before). With `dueAt`, only a
 * scheduled article whose time has come; with `skipLocked`, an article
 * another transaction holds is passed over (another runner has it).
 * Returns whether the row was locked.
 */
export async function lockArticle(
  tx: Queryable,
  id: string,
  options: { dueAt?: Date; skipLocked?: boolean } = {},
): Promise<boolean> {
  const [row] = await tx
    .select({ id: articles.id })
    .from(articles)
    .where(
      and(
        eq(articles.id, id),
        options.dueAt
          ? and(eq(articles.status, 'scheduled'), lte(articles.scheduledAt, options.dueAt))
          : undefined,
      ),
    )
    .for('update', options.skipLocked ? { skipLocked: true } : {});
  return row !== undefined;
}

/** Scheduled articles whose time has come (the scheduled-publishing job publishes them with checks). */
export async function listDueArticleIds(db: Queryable, clock: Clock): Promise<string[]> {
  const due = await db
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.status, 'scheduled'), lte(articles.scheduledAt, clock.now())));
  return due.map((d) => d.id);
}

/** The studio list: the author's articles in every state but removed, with counts. */
export async function listStudioArticles(db: Queryable, authorId: string) {
  return db
    .select({
      id: articles.id,
      title: articles.title,
      status: articles.status,
      publishedAt: articles.publishedAt,
      scheduledAt: articles.scheduledAt,
      updatedAt: articles.updatedAt,
      revision: articles.revision,
      views: articleStats.views,
      shares: articleStats.shares,
      comments: articleStats.comments,
    })
    .from(articles)
    .innerJoin(articleStats, eq(articleStats.articleId, articles.id))
    .where(and(eq(articles.authorId, authorId), ne(articles.status, 'removed')))
    .orderBy(desc(articles.updatedAt))
    .limit(500);
}

export async function listRevisions(db: Queryable, articleId: string) {
  return db
    .select({
      revision: articleRevisions.revision,
      title: articleRevisions.title,
      createdAt: articleRevisions.createdAt,
    })
    .from(articleRevisions)
    .where(eq(articleRevisions.articleId, articleId))
    .orderBy(asc(articleRevisions.revision));
}

export async function getRevisionOrThrow(db: Queryable, articleId: string, revision: number) {
  const [row] = await db
    .select({
      revision: articleRevisions.revision,
      title: articleRevisions.title,
      summary: articleRevisions.summary,
      bodySource: articleRevisions.bodySource,
      bodyHtml: articleRevisions.bodyHtml,
      createdAt: articleRevisions.createdAt,
    })
    .from(articleRevisions)
    .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.revision, revision)));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}
