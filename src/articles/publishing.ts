/**
 * Publishing: the only way an article goes public. A publish runs behind a
 * gate — the checks a platform owes its readers (content safety, 原创保护),
 * supplied by the moderation domain — in one transaction:
 *
 *   lock and load the article (once) → the gate reviews it → published, or
 *   held for an editor; 原创 claim withdrawn or 转载 marked as the gate says
 *   → the gate records what follows (fingerprint, desk item, notices) →
 *   文章数 recounted → the event announced.
 *
 * All of it commits together or not at all. Scheduled articles are claimed
 * one at a time with SKIP LOCKED, so two runners publish each exactly once.
 */
import { and, eq, lte } from 'drizzle-orm';
import type { Queryable, Tx } from '../db/client.js';
import { recordEvent } from '../events/index.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { ArticleRecord } from './article.js';
import { articleEvent } from './article-events.js';
import { recountCreatorArticles } from './commands.js';
import { selectForPublish } from './queries.js';
import { articles } from './schema.js';
import { setStatus } from './status.js';

/** What a gate decides about an article submitted for publishing. */
export interface PublishVerdict {
  /** Held for an editor instead of published. */
  readonly hold: boolean;
  /** The 原创 claim is withdrawn (the text matches another creator's earlier article). */
  readonly withdrawClaim: boolean;
  /** Published as 转载 of this source. */
  readonly repostOf?: { readonly name: string; readonly url: string };
}

/**
 * The checks a publish passes through. `review` may refuse by throwing (an
 * AppError the author sees); `record` writes what follows the decision. Both
 * run inside the publish's transaction, with the article as loaded.
 */
export interface PublishGate<Report> {
  review(tx: Tx, article: PublishableArticle): Promise<{ verdict: PublishVerdict; report: Report }>;
  record(
    tx: Tx,
    article: PublishableArticle,
    verdict: PublishVerdict,
    report: Report,
  ): Promise<void>;
}

/** An article as publishing loads it: everything but its counters. */
export type PublishableArticle = Omit<ArticleRecord, 'stats' | 'tags'>;

/** States a publish may start from. */
const PUBLISHABLE: ReadonlySet<string> = new Set(['draft', 'scheduled', 'held']);

/**
 * Publishes an article through a gate (see the file comment). With `dueAt`,
 * only a scheduled article whose time has come, and one another runner holds
 * is passed over: undefined.
 */
export async function publishArticle<Report>(
  db: Queryable,
  clock: Clock,
  id: string,
  gate: PublishGate<Report>,
  options: { dueAt?: Date } = {},
): Promise<{ status: 'published' | 'held'; report: Report } | undefined> {
  return db.transaction(async (tx) => {
    const [article] = await selectForPublish(tx)
      .where(
        and(
          eq(articles.id, id),
          options.dueAt
            ? and(eq(articles.status, 'scheduled'), lte(articles.scheduledAt, options.dueAt))
            : undefined,
        ),
      )
      // The row is locked until the publish commits: two changes of one article never interleave.
      .for('update', options.dueAt ? { skipLocked: true } : {});
    if (!article) {
      if (options.dueAt) return undefined;
      throw new AppError('ARTICLE_NOT_FOUND');
    }
    if (article.status === 'removed') throw new AppError('ARTICLE_GONE');
    if (!PUBLISHABLE.has(article.status)) throw new AppError('INVALID_STATE');
    const { verdict, report } = await gate.review(tx, article);
    const now = clock.now();
    await tx
      .update(articles)
      .set({
        status: verdict.hold ? 'held' : 'published',
        scheduledAt: null,
        updatedAt: now,
        ...(verdict.hold ? {} : { publishedAt: article.publishedAt ?? now }),
        ...(verdict.withdrawClaim || verdict.repostOf ? { originalityClaim: false } : {}),
        ...(verdict.repostOf
          ? { sourceName: verdict.repostOf.name, sourceUrl: verdict.repostOf.url }
          : {}),
      })
      .where(eq(articles.id, id));
    const published: PublishableArticle = {
      ...article,
      status: verdict.hold ? 'held' : 'published',
      publishedAt: verdict.hold ? article.publishedAt : (article.publishedAt ?? now),
      updatedAt: now,
    };
    await gate.record(tx, published, verdict, report);
    if (!verdict.hold) {
      await recountCreatorArticles(tx, article.authorId);
      await recordEvent(tx, articleEvent('article.published', article));
    }
    return { status: verdict.hold ? 'held' : 'published', report };
  });
}

/** Scheduled articles whose time has come. */
async function listDueArticleIds(db: Queryable, clock: Clock): Promise<string[]> {
  const due = await db
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.status, 'scheduled'), lte(articles.scheduledAt, clock.now())));
  return due.map((d) => d.id);
}

/**
 * The scheduled-publishing job: each due article through the gate, each in
 * its own transaction. One the gate refuses (rejected or damaged content)
 * goes back to its author as a draft.
 */
export async function publishDueArticles<Report>(
  db: Queryable,
  clock: Clock,
  gate: PublishGate<Report>,
): Promise<number> {
  let done = 0;
  for (const id of await listDueArticleIds(db, clock)) {
    try {
      if (await publishArticle(db, clock, id, gate, { dueAt: clock.now() })) done++;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      // Still scheduled (nobody else took it meanwhile): back to a draft for its author.
      try {
        await setStatus(db, clock, id, ['scheduled'], 'draft');
      } catch (again) {
        if (!(again instanceof AppError && again.code === 'INVALID_STATE')) throw again;
      }
    }
  }
  return done;
}
