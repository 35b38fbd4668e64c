/**
 * Recording 原创保护's results: an article's fingerprint (its receipt), its
 * rows in the key index, and its verified matches.
 */
import { inArray, sql } from 'drizzle-orm';
import type { ArticleText } from '../articles/index.js';
import { rowsOf, type Queryable } from '../db/client.js';
import { matchBatch, prepareBatch, type OriginalityMatch, type PreparedBatch } from './check.js';
import { deleteIndexedKeys, keyLiterals } from './keys.js';
import type { PendingArticle } from './run-index.js';
import { articleFingerprints } from './schema.js';

/** Fingerprints, index keys and matches of a batch, in one transaction. */
export async function writeBatch(
  db: Queryable,
  { batch, prints }: PreparedBatch,
  matchesOf: ReadonlyMap<string, OriginalityMatch[]>,
): Promise<void> {
  // Only articles fingerprinted before have keys to replace (a first run has none).
  const refreshed = batch.filter((a) => a.fingerprinted).map((a) => a.id);
  const keyArrays = keyLiterals(batch.map((a) => ({ id: a.id, fp: prints.get(a.id)! })));
  const rows = JSON.stringify(
    batch.map((a) => {
      const fp = prints.get(a.id)!;
      return {
        id: a.id,
        sha256: fp.sha256,
        simhash: fp.simhash.toString(),
        minhash: fp.minhash,
        sentences: fp.sentenceHashes,
        length: fp.length,
        first: a.firstPublished.toISOString(),
        updated: a.updatedAt.toISOString(),
      };
    }),
  );
  await db.transaction(async (tx) => {
    // The old keys go first, found through the old fingerprint (overwritten next).
    await deleteIndexedKeys(tx, refreshed);
    await tx.execute(sql`
      INSERT INTO byline.article_fingerprints (article_id, sha256, simhash, minhash, sentence_hashes, length, first_published_at, source_updated_at)
      SELECT x.id, x.sha256, x.simhash::bigint, x.minhash, x.sentences, x.length, x.first::timestamptz, x.updated::timestamptz
      FROM jsonb_to_recordset(${rows}::jsonb)
        AS x(id text, sha256 text, simhash text, minhash jsonb, sentences jsonb, length int, first text, updated text)
      ON CONFLICT (article_id) DO UPDATE SET sha256 = excluded.sha256, simhash = excluded.simhash,
        minhash = excluded.minhash, sentence_hashes = excluded.sentence_hashes, length = excluded.length,
        source_updated_at = excluded.source_updated_at`);
    // Keys are distinct by construction (one per band, sentences deduplicated, per article) and the
    // old ones are gone, so no ON CONFLICT (its speculative insertion doubled the cost); in index
    // order, each insertion finds its leaf page where the one before left off.
    await tx.execute(sql`
      INSERT INTO byline.fingerprint_keys (kind, key, article_id)
      SELECT x.kind, x.key, x.src
      FROM unnest(${keyArrays.src}::text[], ${keyArrays.kind}::smallint[], ${keyArrays.key}::bigint[])
        AS x(src, kind, key)
      ORDER BY x.kind, x.key, x.src`);
    for (const a of batch) {
      const found = matchesOf.get(a.id)!;
      // Most articles match nothing: only clear what an earlier version recorded.
      if (found.length > 0 || batch.length === 1) await writeMatches(tx, a.id, found);
    }
    await tx.execute(sql`
      DELETE FROM byline.originality_matches
      WHERE article_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(
        batch.filter((a) => matchesOf.get(a.id)!.length === 0).map((a) => a.id),
      )}::jsonb))`);
  });
}

/**
 * The published ones among these articles, as fingerprinting reads them, in
 * publishing order (so a copy imported with its original is matched against
 * it). The first-publish time of one fingerprinted before never moves: it is
 * the receipt's priority claim.
 */
export async function pendingFrom(
  db: Queryable,
  texts: readonly ArticleText[],
): Promise<PendingArticle[]> {
  const published = texts.filter((t) => t.status === 'published');
  if (published.length === 0) return [];
  const firsts = new Map(
    (
      await db
        .select({ id: articleFingerprints.articleId, first: articleFingerprints.firstPublishedAt })
        .from(articleFingerprints)
        .where(
          inArray(
            articleFingerprints.articleId,
            published.map((t) => t.id),
          ),
        )
    ).map((r) => [r.id, r.first]),
  );
  return published
    .map((t) => ({
      id: t.id,
      title: t.title,
      body: t.bodySource,
      authorId: t.authorId,
      fingerprinted: firsts.has(t.id),
      firstPublished: firsts.get(t.id) ?? t.publishedAt ?? t.updatedAt,
      updatedAt: t.updatedAt,
    }))
    .sort(
      (a, b) => a.firstPublished.getTime() - b.firstPublished.getTime() || (a.id < b.id ? -1 : 1),
    );
}

/** Fingerprints these published articles in one batch (matched against the index). */
export async function fingerprintBatch(
  db: Queryable,
  batch: readonly PendingArticle[],
): Promise<void> {
  if (batch.length === 0) return;
  const prepared: PreparedBatch = await prepareBatch(batch);
  await writeBatch(db, prepared, await matchBatch(db, prepared));
}

/**
 * Records a published article's fingerprints, index keys and verified
 * matches against earlier articles, from its text as the caller loaded it
 * (publishing does, inside its transaction).
 */
export async function recordFingerprint(
  db: Queryable,
  article: ArticleText,
  /** The matches a check of this very text just found (publishing): not looked up again. */
  known?: readonly OriginalityMatch[],
): Promise<void> {
  const pending = await pendingFrom(db, [article]);
  if (!known || pending.length === 0) return fingerprintBatch(db, pending);
  const prepared = await prepareBatch(pending);
  // Only earlier articles can be its originals (a republished article may be matched by later copies).
  const first = pending[0]!.firstPublished.getTime();
  const earlier = known.filter((m) => m.originalPublishedAt.getTime() < first);
  await writeBatch(db, prepared, new Map([[article.id, earlier]]));
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

/**
 * Which of these articles are recorded copies of another of them (a 转载 of
 * an original in the same set): publishing decides against originals only.
 */
export async function listCopiesAmong(db: Queryable, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length < 2) return new Set();
  const json = JSON.stringify(ids);
  const rows = rowsOf<{ article_id: string }>(
    await db.execute(sql`
      SELECT article_id FROM byline.originality_matches
      WHERE article_id IN (SELECT jsonb_array_elements_text(${json}::jsonb))
        AND original_id IN (SELECT jsonb_array_elements_text(${json}::jsonb))`),
  );
  return new Set(rows.map((r) => r.article_id));
}

/**
 * Takes articles that are no longer published out of the key index (their
 * receipts stay: priority is history) and marks their fingerprints stale,
 * so one published again is checked again.
 */
export async function withdrawFingerprints(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.transaction(async (tx) => {
    const live = rowsOf<{ article_id: string }>(
      await tx.execute(sql`
        SELECT article_id FROM byline.article_fingerprints
        WHERE article_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
          AND source_updated_at > '-infinity'`),
    ).map((r) => r.article_id);
    if (live.length === 0) return;
    await deleteIndexedKeys(tx, live);
    await tx.execute(sql`
      UPDATE byline.article_fingerprints SET source_updated_at = '-infinity'
      WHERE article_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(live)}::jsonb))`);
  });
}
