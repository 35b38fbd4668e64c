/**
 * Drafts: a new article's first revision, and every later save (a new
 * revision; a published article stays published with the new text). Callers
 * authorize first (accounts policy).
 */
import { eq } from 'drizzle-orm';
import { findChannelBySlug } from '../channels/index.js';
import type { Queryable } from '../db/client.js';
import { recordEvent } from '../events/index.js';
import { findImages } from '../media/index.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { newArticleId } from '../shared/ids.js';
import { parseInput } from '../shared/validation.js';
import { excerpt } from '../text/index.js';
import { ArticleDraftSchema, type ArticleDraftInput } from './article.js';
import { articleEvent } from './article-events.js';
import { bodyParagraphText, imageIdsIn, renderMarkdown } from './markdown.js';
import { articleRevisions, articles, articleStats } from './schema.js';
import { setArticleTags } from './tags.js';
import { loadForChange } from './status.js';

/** Summary length when none is given: about two lines of a list item. */
const AUTO_SUMMARY_CHARS = 120;

async function prepare(db: Queryable, input: ArticleDraftInput) {
  const data = parseInput(ArticleDraftSchema, input);
  const channel = await findChannelBySlug(db, data.channel);
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
  // The automatic summary comes from body paragraphs only (no headings, quotes, lists, captions).
  const plain = bodyParagraphText(data.bodyMarkdown);
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
    tags: data.tags,
  };
}

/** The editor's live preview: the Markdown as it will be saved, its images with their sizes. */
export async function renderPreview(db: Queryable, bodyMarkdown: string): Promise<string> {
  return renderMarkdown(bodyMarkdown, await findImages(db, imageIdsIn(bodyMarkdown)));
}

/** Creates a draft (revision 1). */
export async function createDraft(
  db: Queryable,
  clock: Clock,
  actor: { userId: string; authorId: string },
  input: ArticleDraftInput,
): Promise<{ id: string }> {
  const { tags, ...fields } = await prepare(db, input);
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
    if (tags) await setArticleTags(tx, id, tags);
  });
  return { id };
}

function revisionFields(f: Omit<Awaited<ReturnType<typeof prepare>>, 'tags'>) {
  return {
    title: f.title,
    summary: f.summary,
    bodyFormat: f.bodyFormat,
    bodySource: f.bodySource,
    bodyHtml: f.bodyHtml,
  };
}

/** Saves changes as a new revision; a published article stays published with the new text. */
export async function saveArticle(
  db: Queryable,
  clock: Clock,
  actor: { userId: string },
  id: string,
  input: ArticleDraftInput,
): Promise<{ id: string; revision: number }> {
  const { tags, ...fields } = await prepare(db, input);
  const now = clock.now();
  const saved = await db.transaction(async (tx) => {
    const row = await loadForChange(tx, id);
    const revision = row.revision + 1;
    await tx
      .update(articles)
      .set({ ...fields, revision, updatedAt: now })
      .where(eq(articles.id, id));
    if (tags) await setArticleTags(tx, id, tags);
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
