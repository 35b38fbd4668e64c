/**
 * Comments as editors and notifications see them: removal (by an editor,
 * told to the author), approval of held comments, the moderation queue, and
 * the excerpts notifications quote.
 */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { getUserNames } from '../accounts/index.js';
import { recordEvent, recordEvents } from '../events/index.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { bumpCounters, getComment } from './comments.js';
import { comments } from './schema.js';

/**
 * Removes a comment (its author, the article's creator, or an editor — the
 * caller checks which). `byEditor`: an editor removed someone else's comment,
 * and its author is told (with the reason).
 */
export async function removeComment(
  db: Queryable,
  clock: Clock,
  commentId: string,
  byEditor?: { actorId: string; reason: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const c = await getComment(tx, commentId);
    await tx.update(comments).set({ status: 'removed' }).where(eq(comments.id, commentId));
    if (c.status === 'visible') await bumpCounters(tx, c.articleId, -1, clock.now());
    await recordEvent(tx, { type: 'comment.changed', articleId: c.articleId });
    if (byEditor && byEditor.actorId !== c.userId) {
      await recordEvent(tx, {
        type: 'moderation.decided',
        subject: 'comment',
        articleId: c.articleId,
        commentId,
        ownerUserId: c.userId,
        outcome: 'removed',
        reason: byEditor.reason,
      });
    }
  });
}

/** An editor lets a held comment through. */
export async function approveComment(
  db: Queryable,
  clock: Clock,
  commentId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const c = await getComment(tx, commentId);
    if (c.status !== 'held') throw new AppError('INVALID_STATE');
    await tx.update(comments).set({ status: 'visible' }).where(eq(comments.id, commentId));
    await bumpCounters(tx, c.articleId, 1, clock.now());
    const [parent] = c.parentId
      ? await tx
          .select({ userId: comments.userId })
          .from(comments)
          .where(eq(comments.id, c.parentId))
      : [];
    await recordEvents(tx, [
      { type: 'comment.changed', articleId: c.articleId },
      {
        type: 'comment.published',
        articleId: c.articleId,
        commentId,
        userId: c.userId,
        parentUserId: parent?.userId ?? null,
      },
      {
        type: 'moderation.decided',
        subject: 'comment',
        articleId: c.articleId,
        commentId,
        ownerUserId: c.userId,
        outcome: 'approved',
        reason: '',
      },
    ]);
  });
}

/**
 * What a notification shows of comments: whose, on which article, and the
 * first words (any status: a removed comment's words are not shown).
 */
export async function getCommentExcerpts(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, { userId: string; articleId: string; excerpt: string; visible: boolean }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: comments.id,
      userId: comments.userId,
      articleId: comments.articleId,
      body: comments.body,
      status: comments.status,
    })
    .from(comments)
    .where(inArray(comments.id, [...new Set(ids)]));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        userId: r.userId,
        articleId: r.articleId,
        excerpt: r.status === 'removed' ? '' : excerptOf(r.body),
        visible: r.status === 'visible',
      },
    ]),
  );
}

/** Words of a comment shown in a notification. */
const EXCERPT_CHARS = 60;

function excerptOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS).join('')}…` : flat;
}

/** The moderation queue: held comments and reported visible ones, oldest first. */
export async function listCommentsForModeration(db: Queryable, limit = 100) {
  const rows = await db
    .select({
      id: comments.id,
      articleId: comments.articleId,
      body: comments.body,
      status: comments.status,
      reports: comments.reports,
      createdAt: comments.createdAt,
      userId: comments.userId,
    })
    .from(comments)
    .where(
      sql`${comments.status} = 'held' OR (${comments.status} = 'visible' AND ${comments.reports} > 0)`,
    )
    .orderBy(asc(comments.createdAt))
    .limit(limit);
  const names = await getUserNames(
    db,
    rows.map((r) => r.userId),
  );
  return rows.map(({ userId, ...r }) => ({ ...r, displayName: names.get(userId) ?? '' }));
}

/** Comments waiting for an editor (held, or visible with reports), for the admin's dashboard. */
export async function countCommentQueue(db: Queryable): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(comments)
    .where(
      sql`${comments.status} = 'held' OR (${comments.status} = 'visible' AND ${comments.reports} > 0)`,
    );
  return row?.n ?? 0;
}
