/**
 * Publishing with the checks a platform owes its creators and readers:
 * content safety (spam, injected keywords) and originality (原创保护). Pages,
 * the API and the scheduled-publishing job all publish through here.
 *
 * One command, one transaction: the checks, the 原创 claim withdrawn or the
 * 转载 marking, the hold with its desk item or the publish with its
 * fingerprint, the notices to originals' authors and the event — all commit
 * together or not at all. The article's row is locked first, so two
 * publishes of one article never interleave.
 */
import {
  findArticle,
  holdArticle,
  listDueArticleIds,
  lockArticle,
  markRepost,
  publishArticle,
  refuseOriginalityClaim,
  returnScheduledToDraft,
} from '../articles/index.js';
import type { Queryable } from '../db/client.js';
import {
  findCopies,
  listCopiesAmong,
  recordFingerprint,
  recordMatches,
  type OriginalityMatch,
} from '../originality/index.js';
import type { Clock } from '../shared/clock.js';
import { getSiteSettings } from '../settings/index.js';
import { AppError } from '../shared/errors.js';
import { creatorNotices, moderationItems } from '../db/schema.js';
import { checkContent, type SafetyReason } from './spam.js';

/** What happens to a copy of another creator's article: held for an editor, or published as 转载 with a link. */
export type CopyPolicy = 'hold' | 'repost';

export interface PublishOutcome {
  readonly status: 'published' | 'held';
  /** The 原创 claim was withdrawn (the text matches another creator's earlier article). */
  readonly claimRefused: boolean;
  /** Published as 转载 of this article. */
  readonly repostOf?: { id: string; title: string };
  /** Matches with the creator's own earlier articles: a warning, never a block. */
  readonly ownMatches: readonly OriginalityMatch[];
  readonly copies: readonly OriginalityMatch[];
  /** Safety signals that held the article (or encoding damage to fix). */
  readonly reasons: readonly SafetyReason[];
}

export async function publishChecked(
  db: Queryable,
  clock: Clock,
  id: string,
  policy: CopyPolicy,
): Promise<PublishOutcome> {
  return db.transaction(async (tx) => {
    await lockArticle(tx, id);
    const article = await findArticle(tx, id);
    if (!article) throw new AppError('ARTICLE_NOT_FOUND');
    const safety = checkContent(`${article.title}\n${article.bodySource}`);
    // Lost characters are the author's to fix before readers see them (the reference page's "E=mc???").
    const damage = safety.reasons.filter((r) => r.code === 'ENCODING_DAMAGE');
    if (damage.length > 0) {
      throw new AppError('VALIDATION_FAILED', '正文中有疑似乱码，请修正后再发布', {
        details: [
          {
            path: 'bodyMarkdown',
            message: `正文中有疑似乱码（${damage.map((d) => d.detail).join('、')}），可能是复制时字符丢失，请修正后再发布`,
          },
        ],
      });
    }
    if (safety.verdict === 'reject') {
      throw new AppError('CONTENT_REJECTED', undefined, {
        details: safety.reasons.map((r) => ({ path: r.code, message: r.detail })),
      });
    }
    const { matches } = await findCopies(
      tx,
      { title: article.title, body: article.bodySource, authorId: article.author.id },
      { excludeId: id },
    );
    // A match that is itself a recorded copy of another match (a 转载 of this author's original) is
    // derivative: the decision is made against the originals only.
    const derivative = await listCopiesAmong(
      tx,
      matches.map((m) => m.originalId),
    );
    const copies = matches.filter((m) => !m.sameAuthor && !derivative.has(m.originalId));
    const ownMatches = matches.filter((m) => m.sameAuthor);
    const original = copies[0];
    let held = safety.verdict === 'hold';
    let repostOf: PublishOutcome['repostOf'];
    if (original) {
      if (article.originalityClaim) await refuseOriginalityClaim(tx, clock, id);
      if (policy === 'hold') held = true;
      else {
        repostOf = { id: original.originalId, title: original.originalTitle };
        await markRepost(tx, clock, id, {
          name: `转载自《${original.originalTitle}》`,
          url: `/article/${original.originalId}`,
        });
      }
    }
    if (held) {
      await holdArticle(tx, clock, id);
      await recordMatches(tx, id, matches);
      await tx.insert(moderationItems).values({
        kind: 'held_article',
        articleId: id,
        reason: original ? 'copy' : 'spam',
        detail: {
          copies: copies.map((c) => ({ id: c.originalId, title: c.originalTitle, kind: c.kind })),
          reasons: safety.reasons,
        },
      });
    } else {
      await publishArticle(tx, clock, id);
      // Fingerprinted in the same transaction: the next copy of this article is caught at once.
      await recordFingerprint(tx, id);
    }
    // The original's author hears about it in the studio.
    if (copies.length > 0) {
      await tx.insert(creatorNotices).values(
        copies.map((c) => ({
          creatorId: c.originalAuthorId,
          kind: 'copied',
          articleId: c.originalId,
          otherArticleId: id,
        })),
      );
    }
    return {
      status: held ? 'held' : 'published',
      claimRefused: !!original && article.originalityClaim,
      ...(repostOf ? { repostOf } : {}),
      ownMatches,
      copies,
      reasons: safety.reasons,
    };
  });
}

/**
 * The scheduled-publishing job. Each due article is claimed in its own
 * transaction (row lock, SKIP LOCKED): with two runners at once — two
 * instances, or a slow tick — each article is published exactly once.
 * Rejected or damaged content goes back to its author as a draft.
 */
export async function publishDueArticles(db: Queryable, clock: Clock): Promise<number> {
  const ids = await listDueArticleIds(db, clock);
  if (ids.length === 0) return 0;
  const { copyPolicy } = await getSiteSettings(db);
  let done = 0;
  for (const id of ids) {
    try {
      const outcome = await db.transaction(async (tx) => {
        if (!(await lockArticle(tx, id, { dueAt: clock.now(), skipLocked: true })))
          return undefined;
        return publishChecked(tx, clock, id, copyPolicy);
      });
      if (outcome) done++;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      // Still scheduled (nobody else took it meanwhile): back to a draft for its author.
      await returnScheduledToDraft(db, clock, id);
    }
  }
  return done;
}
