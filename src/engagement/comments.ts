/**
 * 跟贴: comments and replies (盖楼 — a reply shows the chain it answers),
 * likes, reports, quality sort, holding for new accounts, and moderation.
 * Text is stored exactly as written and rendered escaped.
 */
import { siteDay } from '../shared/time-zone.js';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../db/client.js';
import { findUserCreatedAt, getUserNames } from '../accounts/index.js';
import { adjustArticleCounter, findArticleAuthorId } from '../articles/index.js';
import { findCreatorRefOfUser } from '../creators/index.js';
import { commentLikes, commentReports, comments } from './schema.js';
import { recordEvent, recordEvents } from '../events/index.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import { codePointLength, findUnicodeProblem, hasVisibleText } from '../text/index.js';

/** Long enough for an argument, short enough for a comment thread. */
export const COMMENT_MAX_CHARS = 2000;
/** Comments shown per article page (newest or best first). */
export const COMMENTS_PER_PAGE = 200;
/** Wilson score z for 95 % confidence. */
const WILSON_Z = 1.96;

export const CommentInputSchema = z.strictObject({
  body: z.string({ error: '请填写评论内容' }).superRefine((v, ctx) => {
    if (findUnicodeProblem(v)) ctx.addIssue({ code: 'custom', message: '评论包含无法保存的字符' });
    if (!hasVisibleText(v)) ctx.addIssue({ code: 'custom', message: '请填写评论内容' });
    if (codePointLength(v) > COMMENT_MAX_CHARS)
      ctx.addIssue({ code: 'custom', message: `评论最多 ${COMMENT_MAX_CHARS} 个字符` });
  }),
  parentId: z.uuid({ error: '回复的评论不存在' }).optional(),
});
export type CommentInput = z.input<typeof CommentInputSchema>;

/**
 * Lower bound of the Wilson score interval for "likes among likes + reports":
 * a comment with 50 likes and 2 reports outranks one with 1 like and none.
 */
export function wilsonLowerBound(positive: number, total: number, z = WILSON_Z): number {
  if (total <= 0) return 0;
  const p = positive / total;
  const z2 = z * z;
  return (
    (p + z2 / (2 * total) - z * Math.sqrt((p * (1 - p) + z2 / (4 * total)) / total)) /
    (1 + z2 / total)
  );
}

export async function bumpCounters(
  db: Queryable,
  articleId: string,
  delta: number,
  at: Date,
  towardHot = true,
): Promise<void> {
  await adjustArticleCounter(db, articleId, 'comments', delta);
  if (delta > 0 && towardHot) {
    await db.execute(sql`
      INSERT INTO byline.article_daily (article_id, day, comments) VALUES (${articleId}, ${siteDay(at)}, ${delta})
      ON CONFLICT (article_id, day) DO UPDATE SET comments = byline.article_daily.comments + excluded.comments`);
  }
}

export async function postComment(
  db: Queryable,
  clock: Clock,
  input: {
    articleId: string;
    userId: string;
    holdHours: number;
    /** Spam signals: wait for an editor whatever the account's age. */
    hold?: boolean;
    /** An editor or admin: never held (they are the ones who review). */
    trusted?: boolean;
  } & CommentInput,
): Promise<{ id: string; status: 'visible' | 'held' }> {
  const data = parseInput(CommentInputSchema, { body: input.body, parentId: input.parentId });
  const now = clock.now();
  const posted = await db.transaction(async (tx) => {
    const userCreatedAt = await findUserCreatedAt(tx, input.userId);
    if (!userCreatedAt) throw new AppError('UNAUTHENTICATED');
    let parentUserId: string | null = null;
    if (data.parentId) {
      const [parent] = await tx
        .select({ articleId: comments.articleId, status: comments.status, userId: comments.userId })
        .from(comments)
        .where(eq(comments.id, data.parentId));
      if (!parent || parent.articleId !== input.articleId || parent.status === 'removed') {
        throw new AppError('VALIDATION_FAILED', undefined, {
          details: [{ path: 'parentId', message: '回复的评论不存在' }],
        });
      }
      parentUserId = parent.userId;
    }
    // The article's own author's comments count on the page, never toward the hot list.
    const own = await isArticleAuthor(tx, input.articleId, input.userId);
    // CASE: a new account's comment waits for an editor (spam accounts are new) — not the
    // article's author answering its readers, not an editor.
    const young =
      input.holdHours > 0 && now.getTime() - userCreatedAt.getTime() < input.holdHours * 3_600_000;
    const status: 'held' | 'visible' =
      !own && !input.trusted && (young || input.hold) ? 'held' : 'visible';
    const [row] = await tx
      .insert(comments)
      .values({
        articleId: input.articleId,
        userId: input.userId,
        parentId: data.parentId ?? null,
        body: data.body,
        status,
        createdAt: now,
      })
      .returning({ id: comments.id });
    if (status === 'visible') {
      await bumpCounters(tx, input.articleId, 1, now, !own);
      await recordEvents(tx, [
        { type: 'comment.changed', articleId: input.articleId },
        {
          type: 'comment.published',
          articleId: input.articleId,
          commentId: row!.id,
          userId: input.userId,
          parentUserId,
        },
      ]);
    }
    return { id: row!.id, status };
  });
  return posted;
}

export interface CommentView {
  readonly id: string;
  readonly parentId: string | null;
  readonly body: string;
  readonly status: 'visible' | 'held' | 'removed';
  readonly likes: number;
  readonly reports: number;
  readonly createdAt: Date;
  readonly user: { readonly id: string; readonly displayName: string };
  /** The chain this comment replies to, oldest first (盖楼). */
  readonly quotes: readonly { id: string; body: string; displayName: string }[];
  readonly likedByViewer: boolean;
  readonly quality: number;
}

/** An article's comments in one query (plus one for the viewer's likes), with quote chains built in memory. */
export async function listComments(
  db: Queryable,
  articleId: string,
  options: { sort: 'time' | 'quality'; viewerId?: string },
): Promise<CommentView[]> {
  const rows = await db
    .select({
      id: comments.id,
      parentId: comments.parentId,
      body: comments.body,
      status: comments.status,
      likes: comments.likes,
      reports: comments.reports,
      createdAt: comments.createdAt,
      userId: comments.userId,
    })
    .from(comments)
    .where(
      and(
        eq(comments.articleId, articleId),
        options.viewerId
          ? sql`(${comments.status} = 'visible' OR (${comments.status} = 'held' AND ${comments.userId} = ${options.viewerId}))`
          : eq(comments.status, 'visible'),
      ),
    )
    .orderBy(asc(comments.createdAt))
    .limit(COMMENTS_PER_PAGE * 5);
  const names = await getUserNames(
    db,
    rows.map((r) => r.userId),
  );
  const liked = new Set<string>();
  if (options.viewerId && rows.length) {
    const mine = await db
      .select({ id: commentLikes.commentId })
      .from(commentLikes)
      .where(
        and(
          eq(commentLikes.userId, options.viewerId),
          inArray(
            commentLikes.commentId,
            rows.map((r) => r.id),
          ),
        ),
      );
    for (const m of mine) liked.add(m.id);
  }
  const byId = new Map(rows.map((r) => [r.id, { ...r, displayName: names.get(r.userId) ?? '' }]));
  const views: CommentView[] = [...byId.values()].map((r) => {
    const quotes: { id: string; body: string; displayName: string }[] = [];
    let parent = r.parentId ? byId.get(r.parentId) : undefined;
    const seen = new Set<string>();
    while (parent && !seen.has(parent.id) && quotes.length < 50) {
      seen.add(parent.id);
      quotes.unshift({ id: parent.id, body: parent.body, displayName: parent.displayName });
      parent = parent.parentId ? byId.get(parent.parentId) : undefined;
    }
    return {
      id: r.id,
      parentId: r.parentId,
      body: r.body,
      status: r.status,
      likes: r.likes,
      reports: r.reports,
      createdAt: r.createdAt,
      user: { id: r.userId, displayName: r.displayName },
      quotes,
      likedByViewer: liked.has(r.id),
      quality: wilsonLowerBound(r.likes, r.likes + r.reports),
    };
  });
  const sorted =
    options.sort === 'quality'
      ? views.sort((a, b) => b.quality - a.quality || b.createdAt.getTime() - a.createdAt.getTime())
      : views.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return sorted.slice(0, COMMENTS_PER_PAGE);
}

export async function getComment(db: Queryable, id: string) {
  if (!z.uuid().safeParse(id).success) throw new AppError('COMMENT_NOT_FOUND');
  const [row] = await db
    .select({
      id: comments.id,
      articleId: comments.articleId,
      userId: comments.userId,
      parentId: comments.parentId,
      status: comments.status,
    })
    .from(comments)
    .where(eq(comments.id, id));
  if (!row || row.status === 'removed') throw new AppError('COMMENT_NOT_FOUND');
  return row;
}

export const findCommentOrThrow = getComment;

/** 点赞 / 取消点赞 (toggle). */
export async function toggleCommentLike(
  db: Queryable,
  clock: Clock,
  commentId: string,
  userId: string,
) {
  return db.transaction(async (tx) => {
    const c = await getComment(tx, commentId);
    if (c.status !== 'visible') throw new AppError('INVALID_STATE');
    const removed = await tx
      .delete(commentLikes)
      .where(and(eq(commentLikes.commentId, commentId), eq(commentLikes.userId, userId)))
      .returning({ id: commentLikes.commentId });
    const liked = removed.length === 0;
    if (liked) await tx.insert(commentLikes).values({ commentId, userId, createdAt: clock.now() });
    const [row] = await tx
      .update(comments)
      .set({ likes: sql`${comments.likes} + ${liked ? 1 : -1}` })
      .where(eq(comments.id, commentId))
      .returning({ likes: comments.likes });
    if (liked) {
      await recordEvent(tx, {
        type: 'comment.liked',
        articleId: c.articleId,
        commentId,
        commentUserId: c.userId,
        userId,
      });
      await tx.execute(sql`
        INSERT INTO byline.article_daily (article_id, day, likes) VALUES (${c.articleId}, ${siteDay(clock.now())}, 1)
        ON CONFLICT (article_id, day) DO UPDATE SET likes = byline.article_daily.likes + 1`);
    }
    return { liked, likes: row!.likes };
  });
}

/** 举报: once per user per comment; reports lower the quality score and reach editors. */
export async function reportComment(
  db: Queryable,
  clock: Clock,
  commentId: string,
  userId: string,
  reason: string,
) {
  return db.transaction(async (tx) => {
    await getComment(tx, commentId);
    const inserted = await tx
      .insert(commentReports)
      .values({ commentId, userId, reason: reason.slice(0, 500), createdAt: clock.now() })
      .onConflictDoNothing()
      .returning({ id: commentReports.commentId });
    if (inserted.length)
      await tx
        .update(comments)
        .set({ reports: sql`${comments.reports} + 1` })
        .where(eq(comments.id, commentId));
    return { reported: true };
  });
}

/** Whether this user is the article's own author (their comments never count toward the hot list). */
async function isArticleAuthor(db: Queryable, articleId: string, userId: string): Promise<boolean> {
  const [authorId, creator] = await Promise.all([
    findArticleAuthorId(db, articleId),
    findCreatorRefOfUser(db, userId),
  ]);
  return authorId !== undefined && authorId === creator?.id;
}
