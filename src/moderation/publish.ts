/**
 * Publishing with the checks a platform owes its creators and readers:
 * content safety (spam, injected keywords) and originality (原创保护). Pages,
 * the API and the scheduled-publishing job all publish through here.
 */
import { sql } from 'drizzle-orm';
import {
  findArticle,
  holdArticle,
  listDueArticleIds,
  markRepost,
  publishArticle,
  refuseOriginalityClaim,
  unpublishArticle,
} from '../articles/index.js';
import { rowsOf, type Queryable } from '../db/client.js';
import {
  findCopies,
  recordFingerprint,
  recordMatches,
  type OriginalityMatch,
} from '../originality/index.js';
import type { Clock } from '../shared/clock.js';
import { getSiteSettings } from '../settings/index.js';
import { AppError } from '../shared/errors.js';
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
  const article = await findArticle(db, id);
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
    db,
    { title: article.title, body: article.bodySource, authorId: article.author.id },
    { excludeId: id },
  );
  // A match that is itself a recorded copy of another match (a 转载 of this author's original) is
  // derivative: the decision is made against the originals only.
  const derivative = new Set(
    matches.length > 1
      ? rowsOf<{ article_id: string }>(
          await db.execute(sql`
            SELECT article_id FROM byline.originality_matches
            WHERE article_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(matches.map((m) => m.originalId))}::jsonb))
              AND original_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(matches.map((m) => m.originalId))}::jsonb))`),
        ).map((r) => r.article_id)
      : [],
  );
  const copies = matches.filter((m) => !m.sameAuthor && !derivative.has(m.originalId));
  const ownMatches = matches.filter((m) => m.sameAuthor);
  const original = copies[0];
  let held = safety.verdict === 'hold';
  let repostOf: PublishOutcome['repostOf'];
  if (original) {
    if (article.originalityClaim) await refuseOriginalityClaim(db, clock, id);
    if (policy === 'hold') held = true;
    else {
      repostOf = { id: original.originalId, title: original.originalTitle };
      await markRepost(db, clock, id, {
        name: `转载自《${original.originalTitle}》`,
        url: `/article/${original.originalId}`,
      });
    }
  }
  if (held) {
    await holdArticle(db, clock, id);
    await recordMatches(db, id, matches);
    await db.execute(sql`
      INSERT INTO byline.moderation_items (kind, article_id, reason, detail)
      VALUES ('held_article', ${id}, ${original ? 'copy' : 'spam'}, ${JSON.stringify({
        copies: copies.map((c) => ({ id: c.originalId, title: c.originalTitle, kind: c.kind })),
        reasons: safety.reasons,
      })}::jsonb)`);
  } else {
    await publishArticle(db, clock, id);
    // Fingerprinted at once: the next copy of this article is caught even before the job runs.
    await recordFingerprint(db, id);
  }
  // The original's author hears about it in the studio.
  for (const c of copies) {
    await db.execute(sql`
      INSERT INTO byline.creator_notices (creator_id, kind, article_id, other_article_id)
      VALUES (${c.originalAuthorId}, 'copied', ${c.originalId}, ${id})`);
  }
  return {
    status: held ? 'held' : 'published',
    claimRefused: !!original && article.originalityClaim,
    ...(repostOf ? { repostOf } : {}),
    ownMatches,
    copies,
    reasons: safety.reasons,
  };
}

/** The scheduled-publishing job: every article whose time has come goes through the same checks. */
export async function publishDueArticles(db: Queryable, clock: Clock): Promise<number> {
  const ids = await listDueArticleIds(db, clock);
  if (ids.length === 0) return 0;
  const { copyPolicy } = await getSiteSettings(db);
  for (const id of ids) {
    try {
      await publishChecked(db, clock, id, copyPolicy);
    } catch (err) {
      // Rejected or damaged content stays scheduled no longer: back to a draft for its author.
      if (!(err instanceof AppError)) throw err;
      await unpublishArticle(db, clock, id);
    }
  }
  return ids.length;
}
