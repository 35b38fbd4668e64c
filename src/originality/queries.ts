/** Receipts and match reports: what anyone (receipt) or the author and editors (report) may see. */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { rowsOf } from '../db/client.js';

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
  const [row] = rowsOf<{
    title: string;
    author_name: string;
    handle: string;
    claim: boolean;
    sha256: string;
    simhash: string;
    minhash: number[];
    length: number;
    first_published_at: string;
  }>(
    await db.execute(sql`
      SELECT a.title, p.display_name AS author_name, p.handle, a.originality_claim AS claim,
             f.sha256, f.simhash::text AS simhash, f.minhash, f.length,
             f.first_published_at::text AS first_published_at
      FROM byline.article_fingerprints f
      JOIN byline.articles a ON a.id = f.article_id
      JOIN byline.creator_profiles p ON p.id = a.author_id
      WHERE f.article_id = ${articleId} AND a.status = 'published'`),
  );
  if (!row) return undefined;
  const earlier = rowsOf<{ id: string; title: string; kind: string }>(
    await db.execute(sql`
      SELECT o.id, o.title, m.kind FROM byline.originality_matches m
      JOIN byline.articles o ON o.id = m.original_id
      WHERE m.article_id = ${articleId} AND o.status = 'published'
      ORDER BY m.containment + m.reverse_containment DESC`),
  );
  return {
    articleId,
    title: row.title,
    authorName: row.author_name,
    authorHandle: row.handle,
    claimOriginal: row.claim,
    sha256: row.sha256,
    simhash: BigInt.asUintN(64, BigInt(row.simhash)).toString(16).padStart(16, '0'),
    minhash: row.minhash,
    length: row.length,
    firstPublishedAt: new Date(row.first_published_at),
    earlierMatches: earlier,
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
  const rows = rowsOf<{
    other_id: string;
    title: string;
    author_name: string;
    direction: 'earlier' | 'later';
    kind: string;
    containment: number;
    reverse_containment: number;
    jaccard: number;
    passages: { passage: string; share: number }[];
    same_author: boolean;
  }>(
    await db.execute(sql`
      SELECT m.original_id AS other_id, 'earlier' AS direction, m.kind, m.containment, m.reverse_containment,
             m.jaccard, m.passages, m.same_author, o.title, p.display_name AS author_name
      FROM byline.originality_matches m
      JOIN byline.articles o ON o.id = m.original_id
      JOIN byline.creator_profiles p ON p.id = o.author_id
      WHERE m.article_id = ${articleId}
      UNION ALL
      SELECT m.article_id, 'later', m.kind, m.reverse_containment, m.containment, m.jaccard, m.passages,
             m.same_author, o.title, p.display_name
      FROM byline.originality_matches m
      JOIN byline.articles o ON o.id = m.article_id
      JOIN byline.creator_profiles p ON p.id = o.author_id
      WHERE m.original_id = ${articleId}
      ORDER BY 1`),
  );
  return rows.map((r) => ({
    articleId: r.other_id,
    title: r.title,
    authorName: r.author_name,
    direction: r.direction,
    kind: r.kind,
    containment: Number(r.containment),
    reverseContainment: Number(r.reverse_containment),
    jaccard: Number(r.jaccard),
    passages: r.passages,
    sameAuthor: r.same_author,
  }));
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
