/**
 * Comments brought in by an import, with their own dates, threading and
 * approval (shown, or waiting for an editor). They go in as the source had
 * them: no new-account hold (they were reviewed where they were written),
 * and the article's 跟贴 count grows by the shown ones, not toward the hot
 * list (old comments are not today's heat).
 */
import { asc, inArray } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { recordEvent } from '../events/index.js';
import { bumpCounters } from './comments.js';
import { comments } from './schema.js';

export interface ImportedComment {
  /** Chosen by the importer, so replies in the same batch can name their parent. */
  readonly id: string;
  readonly userId: string;
  readonly parentId: string | null;
  readonly body: string;
  readonly visible: boolean;
  readonly createdAt: Date;
}

/** Inserts one article's comments (parents before replies). Call in a transaction. */
export async function insertImportedComments(
  tx: Queryable,
  articleId: string,
  list: readonly ImportedComment[],
): Promise<void> {
  if (list.length === 0) return;
  await tx.insert(comments).values(
    list.map((c) => ({
      id: c.id,
      articleId,
      userId: c.userId,
      parentId: c.parentId,
      body: c.body,
      status: c.visible ? ('visible' as const) : ('held' as const),
      createdAt: c.createdAt,
    })),
  );
  const shown = list.filter((c) => c.visible);
  if (shown.length > 0) {
    await bumpCounters(tx, articleId, shown.length, shown.at(-1)!.createdAt, false);
    await recordEvent(tx, { type: 'comment.changed', articleId });
  }
}

/** Every comment on these articles, oldest first, with its writer's name (a creator's own export). */
export async function listCommentsOn(
  db: Queryable,
  articleIds: readonly string[],
): Promise<
  {
    id: string;
    articleId: string;
    parentId: string | null;
    userId: string;
    body: string;
    status: string;
    createdAt: Date;
  }[]
> {
  if (articleIds.length === 0) return [];
  return db
    .select({
      id: comments.id,
      articleId: comments.articleId,
      parentId: comments.parentId,
      userId: comments.userId,
      body: comments.body,
      status: comments.status,
      createdAt: comments.createdAt,
    })
    .from(comments)
    .where(inArray(comments.articleId, [...articleIds]))
    .orderBy(asc(comments.createdAt));
}
