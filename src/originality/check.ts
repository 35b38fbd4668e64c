/**
 * Originality checks against the fingerprint index: candidates by key
 * (SimHash bands, MinHash LSH bands, sentence hashes — indexed lookups, never
 * a scan), verified by exact shingle comparison; recording an article's
 * fingerprints, matches and receipt.
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { rowsOf } from '../db/client.js';
import { fingerprint, hammingDistance, matchingPassages, type Fingerprint } from '../text/index.js';
import { matchTexts, type MatchDecision } from './match.js';

/** SimHash candidates farther than this many bits apart are different documents. */
export const SIMHASH_MAX_DISTANCE = 3;
/** Candidates verified per check, most shared keys first: a copy shares many, noise a few. */
const CANDIDATES_VERIFIED = 40;
/** A passage is reported when this share of its shingles is in the original. */
const PASSAGE_MIN_SHARE = 0.6;
/** Fingerprints per job pass: ~10 queries each, so a tick stays short on the embedded database. */
export const FINGERPRINT_BATCH = 25;

export const KEY_KIND = { simhash: 1, lsh: 2, sentence: 3 } as const;

export interface OriginalityMatch extends MatchDecision {
  readonly originalId: string;
  readonly originalTitle: string;
  readonly originalAuthorId: string;
  readonly originalPublishedAt: Date;
  readonly sameAuthor: boolean;
  readonly passages: { passage: string; share: number }[];
}

function keysOf(fp: Fingerprint): { kind: number; key: number }[] {
  return [
    ...fp.simhashBands.map((key) => ({ kind: KEY_KIND.simhash, key })),
    ...fp.lshKeys.map((key, band) => ({ kind: KEY_KIND.lsh, key: band * 4294967296 + key })),
    ...fp.sentenceHashes.map((key) => ({ kind: KEY_KIND.sentence, key })),
  ];
}

/**
 * Earlier published articles that this text copies (or that copy it),
 * verified. `excludeId` is the article itself; `before` limits to articles
 * first published before that time (the originals).
 */
export async function findCopies(
  db: Queryable,
  text: { title: string; body: string; authorId: string },
  options: { excludeId?: string; before?: Date } = {},
): Promise<{ fingerprint: Fingerprint; matches: OriginalityMatch[] }> {
  const fp = fingerprint(text.title, text.body);
  const candidates = rowsOf<{
    id: string;
    title: string;
    body: string;
    author_id: string;
    first_published_at: string;
    simhash: string;
    hits: number;
    simhash_only: boolean;
  }>(
    await db.execute(sql`
      WITH hits AS (
        SELECT k.article_id, count(*)::int AS hits, bool_and(k.kind = ${KEY_KIND.simhash}) AS simhash_only
        FROM byline.fingerprint_keys k
        JOIN jsonb_to_recordset(${JSON.stringify(keysOf(fp))}::jsonb) AS x(kind int, key bigint)
          ON k.kind = x.kind AND k.key = x.key
        WHERE k.article_id <> ${options.excludeId ?? ''}
        GROUP BY k.article_id
        ORDER BY count(*) DESC, k.article_id
        LIMIT ${CANDIDATES_VERIFIED}
      )
      SELECT a.id, a.title, a.body_source AS body, a.author_id, f.first_published_at::text AS first_published_at,
             f.simhash::text AS simhash, h.hits, h.simhash_only
      FROM hits h
      JOIN byline.articles a ON a.id = h.article_id
      JOIN byline.article_fingerprints f ON f.article_id = h.article_id
      WHERE a.status = 'published'
        ${options.before ? sql`AND f.first_published_at < ${options.before.toISOString()}::timestamptz` : sql``}
      ORDER BY h.hits DESC, a.id`),
  );
  const matches: OriginalityMatch[] = [];
  for (const c of candidates) {
    if (c.simhash_only && hammingDistance(BigInt(c.simhash), fp.simhash) > SIMHASH_MAX_DISTANCE)
      continue;
    const decision = matchTexts(text, { title: c.title, body: c.body });
    if (!decision.isCopy) continue;
    matches.push({
      ...decision,
      originalId: c.id,
      originalTitle: c.title,
      originalAuthorId: c.author_id,
      originalPublishedAt: new Date(c.first_published_at),
      sameAuthor: c.author_id === text.authorId,
      passages: matchingPassages(text.body, `${c.title}\n${c.body}`, PASSAGE_MIN_SHARE),
    });
  }
  matches.sort(
    (a, b) => b.containment + b.reverseContainment - (a.containment + a.reverseContainment),
  );
  return { fingerprint: fp, matches };
}

/**
 * Records a published article's fingerprints, index keys and verified matches
 * against earlier articles (replacing what an earlier version recorded). The
 * first-publish time never moves: it is the receipt's priority claim.
 */
export async function recordFingerprint(db: Queryable, articleId: string): Promise<void> {
  const [article] = rowsOf<{
    title: string;
    body: string;
    author_id: string;
    published_at: string | null;
    updated_at: string;
  }>(
    await db.execute(sql`
      SELECT title, body_source AS body, author_id, published_at::text AS published_at, updated_at::text AS updated_at
      FROM byline.articles WHERE id = ${articleId} AND status = 'published'`),
  );
  if (!article) return;
  const [existing] = rowsOf<{ first_published_at: string }>(
    await db.execute(sql`
      SELECT first_published_at::text AS first_published_at FROM byline.article_fingerprints
      WHERE article_id = ${articleId}`),
  );
  const firstPublished = new Date(
    existing?.first_published_at ?? article.published_at ?? article.updated_at,
  );
  const { fingerprint: fp, matches } = await findCopies(
    db,
    { title: article.title, body: article.body, authorId: article.author_id },
    { excludeId: articleId, before: firstPublished },
  );
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      INSERT INTO byline.article_fingerprints (article_id, sha256, simhash, minhash, length, first_published_at, source_updated_at)
      VALUES (${articleId}, ${fp.sha256}, ${fp.simhash.toString()}::bigint, ${JSON.stringify(fp.minhash)}::jsonb,
              ${fp.length}, ${firstPublished.toISOString()}::timestamptz, ${article.updated_at}::timestamptz)
      ON CONFLICT (article_id) DO UPDATE SET sha256 = excluded.sha256, simhash = excluded.simhash,
        minhash = excluded.minhash, length = excluded.length, source_updated_at = excluded.source_updated_at`);
    await tx.execute(sql`DELETE FROM byline.fingerprint_keys WHERE article_id = ${articleId}`);
    await tx.execute(sql`
      INSERT INTO byline.fingerprint_keys (kind, key, article_id)
      SELECT DISTINCT x.kind, x.key, ${articleId}
      FROM jsonb_to_recordset(${JSON.stringify(keysOf(fp))}::jsonb) AS x(kind smallint, key bigint)
      ON CONFLICT DO NOTHING`);
    await writeMatches(tx, articleId, matches);
  });
}

/** Replaces the recorded matches of an article (also for held articles, so their report shows why). */
export async function recordMatches(
  db: Queryable,
  articleId: string,
  matches: readonly OriginalityMatch[],
): Promise<void> {
  await db.transaction((tx) => writeMatches(tx, articleId, matches));
}

async function writeMatches(
  tx: Queryable,
  articleId: string,
  matches: readonly OriginalityMatch[],
): Promise<void> {
  {
    await tx.execute(sql`DELETE FROM byline.originality_matches WHERE article_id = ${articleId}`);
    if (matches.length > 0) {
      await tx.execute(sql`
        INSERT INTO byline.originality_matches
          (article_id, original_id, kind, containment, reverse_containment, jaccard, shared, passages, same_author)
        SELECT ${articleId}, x.original_id, x.kind, x.containment, x.reverse_containment, x.jaccard, x.shared,
               x.passages, x.same_author
        FROM jsonb_to_recordset(${JSON.stringify(
          matches.map((m) => ({
            original_id: m.originalId,
            kind: m.kind,
            containment: m.containment,
            reverse_containment: m.reverseContainment,
            jaccard: m.jaccard,
            shared: m.shared,
            passages: m.passages,
            same_author: m.sameAuthor,
          })),
        )}::jsonb) AS x(original_id text, kind text, containment float8, reverse_containment float8,
                        jaccard float8, shared int, passages jsonb, same_author boolean)`);
    }
  }
}

/** The fingerprinting job: published articles without an up-to-date fingerprint; unpublished ones leave the index. */
export async function fingerprintPendingArticles(
  db: Queryable,
  limit = FINGERPRINT_BATCH,
): Promise<number> {
  const pending = rowsOf<{ id: string }>(
    await db.execute(sql`
      SELECT a.id FROM byline.articles a
      LEFT JOIN byline.article_fingerprints f ON f.article_id = a.id
      WHERE a.status = 'published' AND (f.article_id IS NULL OR f.source_updated_at < a.updated_at)
      ORDER BY a.published_at, a.id
      LIMIT ${limit}`),
  );
  for (const { id } of pending) await recordFingerprint(db, id);
  // Keys of unpublished articles leave the index (their receipts stay: priority is history);
  // the fingerprint is marked stale so a republished article is checked again.
  const gone = rowsOf<{ article_id: string }>(
    await db.execute(sql`
      SELECT f.article_id FROM byline.article_fingerprints f JOIN byline.articles a ON a.id = f.article_id
      WHERE a.status <> 'published' AND f.source_updated_at > '-infinity'`),
  ).map((r) => r.article_id);
  if (gone.length > 0) {
    const json = JSON.stringify(gone);
    await db.transaction(async (tx) => {
      await tx.execute(sql`
        DELETE FROM byline.fingerprint_keys
        WHERE article_id IN (SELECT jsonb_array_elements_text(${json}::jsonb))`);
      await tx.execute(sql`
        UPDATE byline.article_fingerprints SET source_updated_at = '-infinity'
        WHERE article_id IN (SELECT jsonb_array_elements_text(${json}::jsonb))`);
    });
  }
  return pending.length;
}

/** Fingerprints everything pending (seeding, a bench). */
export async function fingerprintAll(db: Queryable): Promise<number> {
  let done = 0;
  for (;;) {
    const n = await fingerprintPendingArticles(db);
    done += n;
    if (n < FINGERPRINT_BATCH) return done;
  }
}
