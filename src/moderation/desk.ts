/**
 * The moderation desk: held articles and readers' reports (举报) in one queue
 * with the creator applications and comments (listed by their own domains),
 * decisions one by one or in bulk, every decision in the audit log.
 */
import { eq, sql } from 'drizzle-orm';
import { moderationItems } from './schema.js';
import { z } from 'zod';
import {
  getArticleFacts,
  publishArticle,
  removeArticle,
  restoreArticle,
  unpublishArticle,
} from '../articles/index.js';
import { writeAudit } from '../audit/index.js';
import { recordEvent } from '../events/index.js';
import type { Queryable } from '../db/client.js';
import { rowsOf } from '../db/client.js';
import { getCreatorRefs } from '../creators/index.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { parseInput, type Untrusted } from '../shared/validation.js';
import { editorApprovalGate } from './publish.js';

/** Why a reader reports an article; the labels are the page's. */
export const REPORT_REASONS = {
  copy: '抄袭、洗稿',
  spam: '垃圾广告',
  porn: '色情低俗',
  gambling: '赌博诈骗',
  false: '虚假信息',
  other: '其他',
} as const;
export type ReportReason = keyof typeof REPORT_REASONS;

export const ReportSchema = z.strictObject({
  reason: z.enum(Object.keys(REPORT_REASONS) as [ReportReason, ...ReportReason[]], {
    error: '请选择举报理由',
  }),
  note: z.string().max(500, '补充说明最多 500 字').default(''),
});
export type ReportInput = z.input<typeof ReportSchema>;

/** Reports of one article by one reader count once while open. */
export async function reportArticle(
  db: Queryable,
  clock: Clock,
  userId: string,
  articleId: string,
  input: Untrusted<ReportInput>,
): Promise<{ created: boolean }> {
  const { reason, note } = parseInput(ReportSchema, input);
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      INSERT INTO byline.moderation_items (kind, article_id, user_id, reason, detail, created_at)
      SELECT 'article_report', ${articleId}, ${userId}, ${reason}, ${JSON.stringify({ note })}::jsonb,
             ${clock.now().toISOString()}::timestamptz
      WHERE NOT EXISTS (
        SELECT 1 FROM byline.moderation_items
        WHERE kind = 'article_report' AND article_id = ${articleId} AND user_id = ${userId} AND status = 'open')
      RETURNING id`),
  );
  return { created: rows.length > 0 };
}

export const DESK_KINDS = ['held_article', 'article_report'] as const;
export type DeskKind = (typeof DESK_KINDS)[number];

export interface DeskItem {
  readonly id: string;
  readonly kind: DeskKind;
  readonly articleId: string;
  readonly title: string;
  readonly authorName: string;
  readonly articleStatus: string;
  readonly reason: string;
  readonly detail: Record<string, unknown>;
  /** Open reports of the same article (for reports). */
  readonly reports: number;
  readonly createdAt: Date;
}

/** Open items, oldest first (the queue), optionally one kind. */
export async function listOpenItems(
  db: Queryable,
  kind?: DeskKind,
  limit = 200,
): Promise<DeskItem[]> {
  const rows = rowsOf<{
    id: string;
    kind: DeskKind;
    article_id: string;
    reason: string;
    detail: Record<string, unknown>;
    reports: number;
    created_at: string;
  }>(
    await db.execute(sql`
      SELECT m.id, m.kind, m.article_id, m.reason, m.detail, m.created_at::text AS created_at,
             (SELECT count(*)::int FROM byline.moderation_items r
              WHERE r.article_id = m.article_id AND r.kind = 'article_report' AND r.status = 'open') AS reports
      FROM byline.moderation_items m
      WHERE m.status = 'open' ${kind ? sql`AND m.kind = ${kind}` : sql``}
      ORDER BY m.created_at, m.id
      LIMIT ${limit}`),
  );
  const facts = await getArticleFacts(
    db,
    rows.map((r) => r.article_id),
  );
  const authors = await getCreatorRefs(
    db,
    [...facts.values()].map((f) => f.authorId),
  );
  return rows.flatMap((r) => {
    const article = facts.get(r.article_id);
    if (!article) return [];
    return [
      {
        id: r.id,
        kind: r.kind,
        articleId: r.article_id,
        title: article.title,
        authorName: authors.get(article.authorId)?.displayName ?? '',
        articleStatus: article.status,
        reason: r.reason,
        detail: r.detail,
        reports: r.reports,
        createdAt: new Date(r.created_at),
      },
    ];
  });
}

export const DECISIONS = ['approve', 'reject', 'remove', 'dismiss'] as const;
export type Decision = (typeof DECISIONS)[number];

export const DecisionInputSchema = z.strictObject({
  action: z.enum(DECISIONS, { error: '请选择处理方式' }),
  ids: z.array(z.uuid()).min(1, '请至少选择一项').max(200),
  reason: z.string().trim().max(1000).default(''),
});
export type DecisionInput = z.input<typeof DecisionInputSchema>;

/**
 * Decides items, one or many (bulk): approve publishes a held article;
 * reject sends it back to its author as a draft (with the reason); remove
 * takes the article down (410); dismiss closes a report without action.
 * Each decision is one transaction with its audit entry.
 */
export async function decideItems(
  db: Queryable,
  clock: Clock,
  actorId: string,
  input: Untrusted<DecisionInput>,
): Promise<number> {
  const { action, ids, reason } = parseInput(DecisionInputSchema, input);
  if (action === 'reject' && !reason) {
    throw new AppError('VALIDATION_FAILED', undefined, {
      details: [{ path: 'reason', message: '驳回时请填写理由' }],
    });
  }
  let decided = 0;
  for (const id of ids) {
    const done = await db.transaction(async (tx) => {
      // Locked: two editors deciding the same item at once decide it once.
      const [item] = rowsOf<{ kind: DeskKind; article_id: string; status: string }>(
        await tx.execute(
          sql`SELECT kind, article_id, status FROM byline.moderation_items WHERE id = ${id} FOR UPDATE`,
        ),
      );
      if (!item || item.status !== 'open') return false;
      // In a bulk decision, items the action does not apply to (approving a report) are left open.
      const applies =
        action === 'remove' ||
        (action === 'dismiss' ? item.kind === 'article_report' : item.kind === 'held_article');
      if (!applies) return false;
      if (action === 'approve' && item.kind === 'held_article') {
        await publishArticle(tx, clock, item.article_id, editorApprovalGate);
      } else if (action === 'reject' && item.kind === 'held_article') {
        await unpublishArticle(tx, clock, item.article_id);
      } else if (action === 'remove') {
        await removeArticle(tx, clock, item.article_id);
      }
      const status = {
        approve: 'approved',
        reject: 'rejected',
        remove: 'removed',
        dismiss: 'dismissed',
      }[action];
      // Removing an article settles every open report of it.
      await tx.execute(sql`
        UPDATE byline.moderation_items SET status = ${status}, decided_at = ${clock.now().toISOString()}::timestamptz
        WHERE id = ${id} OR (${action === 'remove'} AND article_id = ${item.article_id} AND status = 'open')`);
      if (action !== 'dismiss') await tellAuthor(tx, item.article_id, action, reason);
      await writeAudit(tx, {
        actorId,
        action: `moderation.${action}`,
        subjectType: 'article',
        subjectId: item.article_id,
        reason,
        data: { item: id, kind: item.kind },
        at: clock.now(),
      });
      return true;
    });
    if (done) decided++;
  }
  return decided;
}

/** The article's author hears of an editor's decision (a notification follows the event). */
async function tellAuthor(
  tx: Queryable,
  articleId: string,
  action: 'approve' | 'reject' | 'remove' | 'restore',
  reason: string,
): Promise<void> {
  const author = (await getArticleFacts(tx, [articleId])).get(articleId)?.authorId;
  const ownerUserId = author ? (await getCreatorRefs(tx, [author])).get(author)?.userId : undefined;
  if (!ownerUserId) return;
  const outcome = (
    { approve: 'approved', reject: 'rejected', remove: 'removed', restore: 'restored' } as const
  )[action];
  await recordEvent(tx, {
    type: 'moderation.decided',
    subject: 'article',
    articleId,
    commentId: null,
    ownerUserId,
    outcome,
    reason,
  });
}

/** Puts a removed article back (an editor's mistake, a successful appeal). */
export async function restoreRemovedArticle(
  db: Queryable,
  clock: Clock,
  actorId: string,
  articleId: string,
  reason: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await restoreArticle(tx, clock, articleId);
    await tellAuthor(tx, articleId, 'restore', reason);
    await writeAudit(tx, {
      actorId,
      action: 'moderation.restore',
      subjectType: 'article',
      subjectId: articleId,
      reason,
      at: clock.now(),
    });
  });
}

export interface CreatorNotice {
  readonly kind: string;
  readonly articleId: string | null;
  readonly articleTitle: string | null;
  readonly otherArticleId: string | null;
  readonly otherTitle: string | null;
  readonly createdAt: Date;
}

/** A creator's newest notices (e.g. their article was copied), for the studio. */
export async function listCreatorNotices(
  db: Queryable,
  creatorId: string,
  limit = 20,
): Promise<CreatorNotice[]> {
  const rows = rowsOf<{
    kind: string;
    article_id: string | null;
    other_article_id: string | null;
    created_at: string;
  }>(
    await db.execute(sql`
      SELECT n.kind, n.article_id, n.other_article_id, n.created_at::text AS created_at
      FROM byline.creator_notices n
      WHERE n.creator_id = ${creatorId}
      ORDER BY n.created_at DESC LIMIT ${limit}`),
  );
  const facts = await getArticleFacts(
    db,
    rows.flatMap((r) => [r.article_id, r.other_article_id]).filter((id) => id !== null),
  );
  return rows.map((r) => ({
    kind: r.kind,
    articleId: r.article_id,
    articleTitle: r.article_id ? (facts.get(r.article_id)?.title ?? null) : null,
    otherArticleId: r.other_article_id,
    otherTitle: r.other_article_id ? (facts.get(r.other_article_id)?.title ?? null) : null,
    createdAt: new Date(r.created_at),
  }));
}

/** Account deletion: the reader's reports go (their words); an editor's open queue loses them. */
export async function eraseReportsOf(tx: Queryable, userId: string): Promise<void> {
  await tx.execute(
    sql`DELETE FROM byline.moderation_items WHERE user_id = ${userId} AND kind = 'article_report'`,
  );
}

/** Open items on the 审核台, for the admin's dashboard. */
export async function countOpenDeskItems(db: Queryable): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(moderationItems)
    .where(eq(moderationItems.status, 'open'));
  return row?.n ?? 0;
}
