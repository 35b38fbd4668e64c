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
  publishArticle,
  publishDueArticles as publishDue,
  type PublishableArticle,
  type PublishGate,
  type PublishVerdict,
} from '../articles/index.js';
import type { Queryable, Tx } from '../db/client.js';
import {
  findCopies,
  listCopiesAmong,
  recordFingerprint,
  recordMatches,
  type OriginalityMatch,
} from '../originality/index.js';
import type { Clock } from '../shared/clock.js';
import { recordEvents } from '../events/index.js';
import { getSiteSettings } from '../settings/index.js';
import { AppError } from '../shared/errors.js';
import { creatorNotices, moderationItems } from './schema.js';
import { checkContent, type Lexicon, type SafetyReason } from './spam.js';

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

/** What the checks found: the outcome's parts, every match (recorded when held) and why it was held. */
type CheckReport = Omit<PublishOutcome, 'status'> & {
  readonly matches: readonly OriginalityMatch[];
  readonly heldFor: 'copy' | 'spam';
};

/**
 * The checks every publish by a creator passes (the gate publishing runs):
 * content safety, then 原创保护 against earlier articles, deciding between
 * publish, 转载 and holding for an editor by the site's copy policy.
 */
export function checkedGate(policy: CopyPolicy, lexicon: Lexicon): PublishGate<CheckReport> {
  return {
    async review(tx, article) {
      const safety = screenForPublishing(article, lexicon);
      const copies = await findEarlierCopies(tx, article);
      const original = copies.others[0];
      const hold = safety.verdict === 'hold' || (!!original && policy === 'hold');
      const repostOf =
        original && !hold ? { id: original.originalId, title: original.originalTitle } : undefined;
      return {
        verdict: {
          hold,
          withdrawClaim: !!original && article.originalityClaim,
          ...(repostOf
            ? { repostOf: { name: `转载自《${repostOf.title}》`, url: `/article/${repostOf.id}` } }
            : {}),
        },
        report: {
          claimRefused: !!original && article.originalityClaim,
          ...(repostOf ? { repostOf } : {}),
          ownMatches: copies.own,
          copies: copies.others,
          matches: copies.all,
          reasons: safety.reasons,
          heldFor: original ? ('copy' as const) : ('spam' as const),
        },
      };
    },
    record: recordCheckOutcome,
  };
}

/**
 * Content safety: damaged text goes back to its author (VALIDATION_FAILED on
 * the body), spam that is never acceptable is refused (CONTENT_REJECTED);
 * the rest is a verdict, `hold` or `ok`, with its reasons.
 */
function screenForPublishing(article: PublishableArticle, lexicon: Lexicon) {
  const safety = checkContent(`${article.title}\n${article.bodySource}`, lexicon);
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
  return safety;
}

/**
 * 原创保护 for a publish: every verified match, split into the author's own
 * earlier articles (a warning) and other creators' originals (the decision).
 */
async function findEarlierCopies(tx: Tx, article: PublishableArticle) {
  const { matches } = await findCopies(
    tx,
    { title: article.title, body: article.bodySource, authorId: article.authorId },
    { excludeId: article.id },
  );
  // A match that is itself a recorded copy of another match (a 转载 of this author's original) is
  // derivative: the decision is made against the originals only.
  const derivative = await listCopiesAmong(
    tx,
    matches.map((m) => m.originalId),
  );
  return {
    all: matches,
    own: matches.filter((m) => m.sameAuthor),
    others: matches.filter((m) => !m.sameAuthor && !derivative.has(m.originalId)),
  };
}

/** What follows the decision, in the publish's transaction: the desk item or the fingerprint, and notices. */
async function recordCheckOutcome(
  tx: Tx,
  article: PublishableArticle,
  verdict: PublishVerdict,
  report: CheckReport,
): Promise<void> {
  if (verdict.hold) {
    await recordMatches(tx, article.id, report.matches);
    await tx.insert(moderationItems).values({
      kind: 'held_article',
      articleId: article.id,
      reason: report.heldFor,
      detail: {
        copies: report.copies.map((c) => ({
          id: c.originalId,
          title: c.originalTitle,
          kind: c.kind,
        })),
        reasons: report.reasons,
      },
    });
  } else {
    // Fingerprinted in the same transaction: the next copy of this article is caught at once.
    // Its matches are the ones the review just found (against earlier articles, verified).
    await recordFingerprint(tx, article, report.matches);
  }
  // The original's author hears about it in the studio.
  if (report.copies.length > 0) {
    await tx.insert(creatorNotices).values(
      report.copies.map((c) => ({
        creatorId: c.originalAuthorId,
        kind: 'copied',
        articleId: c.originalId,
        otherArticleId: article.id,
      })),
    );
    await recordEvents(
      tx,
      report.copies.map((c) => ({
        type: 'originality.copied' as const,
        originalArticleId: c.originalId,
        originalAuthorId: c.originalAuthorId,
        copyArticleId: article.id,
      })),
    );
  }
}

/**
 * Publishes an article through the checks (pages, the API and the
 * scheduled job all publish through here), with the site's copy policy.
 */
export async function publishChecked(
  db: Queryable,
  clock: Clock,
  id: string,
  checks: { policy: CopyPolicy; lexicon: Lexicon },
): Promise<PublishOutcome> {
  const done = await publishArticle(db, clock, id, checkedGate(checks.policy, checks.lexicon));
  const { matches: _all, heldFor: _why, ...report } = done!.report;
  return { status: done!.status, ...report };
}

/**
 * The scheduled-publishing job: each due article through the checks, each
 * exactly once however many runners there are (publishing.ts claims them).
 */
export async function publishDueArticles(
  db: Queryable,
  clock: Clock,
  lexicon: Lexicon,
): Promise<number> {
  const { copyPolicy } = await getSiteSettings(db);
  return publishDue(db, clock, checkedGate(copyPolicy, lexicon));
}

/**
 * An editor's approval of a held article: published as it stands (the
 * editor has read it), fingerprinted like every publish. Part of the desk
 * decision's transaction.
 */
export const editorApprovalGate: PublishGate<null> = {
  review: async () => ({ verdict: { hold: false, withdrawClaim: false }, report: null }),
  record: (tx, article) => recordFingerprint(tx, article),
};
