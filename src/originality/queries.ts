/** Receipts and match reports: what anyone (receipt) or the author and editors (report) may see. */
import { desc, eq, or, sql } from 'drizzle-orm';
import { findArticle, getArticleFacts } from '../articles/index.js';
import { getCreatorRefs } from '../creators/index.js';
import { rowsOf, type Queryable } from '../db/client.js';
import { articleFingerprints, originalityMatches } from './schema.js';

export interface Receipt {
  readonly articleId: string;
  readonly title: string;
  readonly authorName: string;
  readonly authorHandle: string;
  readonly claimOriginal: boolean;
  readonly sha256: string;
  /** SimHash as 16 hex digits. */
  readonly simhash: string;
  readonly minhash: readonly number[];
  readonly length: number;
  readonly firstPublishedAt: Date;
  /** Earlier articles this one matches (if any), so the receipt never overstates priority. */
  readonly earlierMatches: readonly { id: string; title: string; kind: string }[];
}

export async function findReceipt(db: Queryable, articleId: string): Promise<Receipt | undefined> {
  const [print] = await db
    .select({
      sha256: articleFingerprints.sha256,
      simhash: sql<string>`${articleFingerprints.simhash}::text`,
      minhash: articleFingerprints.minhash,
      length: articleFingerprints.length,
      firstPublishedAt: articleFingerprints.firstPublishedAt,
    })
    .from(articleFingerprints)
    .where(eq(articleFingerprints.articleId, articleId));
  if (!print) return undefined;
  const article = await findArticle(db, articleId);
  if (!article || article.status !== 'published') return undefined;
  const author = (await getCreatorRefs(db, [article.authorId])).get(article.authorId);
  const earlier = await db
    .select({ id: originalityMatches.originalId, kind: originalityMatches.kind })
    .from(originalityMatches)
    .where(eq(originalityMatches.articleId, articleId))
    .orderBy(
      desc(sql`${originalityMatches.containment} + ${originalityMatches.reverseContainment}`),
    );
  const facts = await getArticleFacts(
    db,
    earlier.map((e) => e.id),
  );
  return {
    articleId,
    title: article.title,
    authorName: author?.displayName ?? '',
    authorHandle: author?.handle ?? '',
    claimOriginal: article.originalityClaim,
    sha256: print.sha256,
    simhash: BigInt.asUintN(64, BigInt(print.simhash)).toString(16).padStart(16, '0'),
    minhash: print.minhash,
    length: print.length,
    firstPublishedAt: print.firstPublishedAt,
    earlierMatches: earlier.flatMap((e) => {
      const f = facts.get(e.id);
      return f && f.status === 'published' ? [{ id: e.id, title: f.title, kind: e.kind }] : [];
    }),
  };
}

export interface MatchReportItem {
  readonly articleId: string;
  readonly title: string;
  readonly authorName: string;
  /** 'earlier': this article matches an earlier one; 'later': a later article matches this one. */
  readonly direction: 'earlier' | 'later';
  readonly kind: string;
  readonly containment: number;
  readonly reverseContainment: number;
  readonly jaccard: number;
  readonly passages: readonly { passage: string; share: number }[];
  readonly sameAuthor: boolean;
}

/** Both directions: what this article copies, and who copies it. */
export async function getMatchReport(db: Queryable, articleId: string): Promise<MatchReportItem[]> {
  const rows = await db
    .select()
    .from(originalityMatches)
    .where(
      or(eq(originalityMatches.articleId, articleId), eq(originalityMatches.originalId, articleId)),
    );
  const others = rows.map((m) => (m.articleId === articleId ? m.originalId : m.articleId));
  const facts = await getArticleFacts(db, others);
  const authors = await getCreatorRefs(
    db,
    [...facts.values()].map((f) => f.authorId),
  );
  return rows
    .flatMap((m) => {
      const earlier = m.articleId === articleId;
      const otherId = earlier ? m.originalId : m.articleId;
      const other = facts.get(otherId);
      if (!other) return [];
      return [
        {
          articleId: otherId,
          title: other.title,
          authorName: authors.get(other.authorId)?.displayName ?? '',
          direction: earlier ? ('earlier' as const) : ('later' as const),
          kind: m.kind,
          containment: earlier ? m.containment : m.reverseContainment,
          reverseContainment: earlier ? m.reverseContainment : m.containment,
          jaccard: m.jaccard,
          passages: m.passages,
          sameAuthor: m.sameAuthor,
        },
      ];
    })
    .sort((a, b) => (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : 0));
}

/** The receipt as JSON (pages and the API share it). */
export function presentReceipt(r: Receipt) {
  return {
    article_id: r.articleId,
    title: r.title,
    author: { name: r.authorName, handle: r.authorHandle },
    claim_original: r.claimOriginal,
    first_published_at: r.firstPublishedAt.toISOString(),
    normalized_length: r.length,
    sha256: r.sha256,
    simhash: r.simhash,
    minhash: r.minhash.map((v) => v.toString(16).padStart(8, '0')),
    earlier_matches: r.earlierMatches.map((m) => ({
      article_id: m.id,
      title: m.title,
      kind: m.kind,
    })),
    method: 'docs/originality.md',
  };
}

/** The match report as JSON. */
export function presentMatchReport(items: readonly MatchReportItem[]) {
  return items.map((i) => ({
    article_id: i.articleId,
    title: i.title,
    author: i.authorName,
    direction: i.direction,
    kind: i.kind,
    containment: Number(i.containment.toFixed(3)),
    reverse_containment: Number(i.reverseContainment.toFixed(3)),
    jaccard: Number(i.jaccard.toFixed(3)),
    same_author: i.sameAuthor,
    passages: i.passages.map((p) => ({ text: p.passage, share: Number(p.share.toFixed(3)) })),
  }));
}

/**
 * The recorded copy relations touching these articles, in either direction,
 * as `copy|original` keys (相关推荐 never recommends a copy for its original).
 */
export async function listMatchPairs(db: Queryable, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const json = JSON.stringify(ids);
  const rows = rowsOf<{ article_id: string; original_id: string }>(
    await db.execute(sql`
      SELECT article_id, original_id FROM byline.originality_matches
      WHERE article_id IN (SELECT jsonb_array_elements_text(${json}::jsonb))
         OR original_id IN (SELECT jsonb_array_elements_text(${json}::jsonb))`),
  );
  return new Set(rows.map((r) => `${r.article_id}|${r.original_id}`));
}
