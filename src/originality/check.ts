/**
 * Originality checks against the fingerprint index: candidates by key
 * (SimHash bands, MinHash LSH bands, sentence hashes — indexed lookups, never
 * a scan), verified by exact shingle comparison; recording an article's
 * fingerprints, matches and receipt.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { rowsOf } from '../db/client.js';
import { fingerprint, hammingDistance, matchingPassages, type Fingerprint } from '../text/index.js';
import {
  estimateJaccard,
  matchShingles,
  textShingles,
  worthVerifying,
  type MatchDecision,
} from './match.js';

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
 * Index keys of many texts as array literals ({1,2,3}): far cheaper for the
 * server to parse than JSON for ~10k rows. Article ids are [a-z0-9] only, so
 * they need no quoting inside the literal.
 */
function keyLiterals(sources: readonly { id: string; fp: Fingerprint }[]) {
  const rows = sources.flatMap((s) => keysOf(s.fp).map((k) => ({ src: s, ...k })));
  return {
    src: `{${rows.map((k) => k.src.id).join(',')}}`,
    kind: `{${rows.map((k) => k.kind).join(',')}}`,
    key: `{${rows.map((k) => k.key).join(',')}}`,
    simhash: `{${rows.map((k) => k.src.fp.simhash.toString()).join(',')}}`,
  };
}

/**
 * Index candidates of each source (one query for all): articles sharing keys,
 * pruned to those worth an exact comparison, most shared keys first, at most
 * CANDIDATES_VERIFIED each. A source never matches itself (its id is excluded).
 */
async function indexCandidates(
  db: Queryable,
  sources: readonly { id: string; fp: Fingerprint }[],
): Promise<Map<string, { id: string; hits: number }[]>> {
  const keyArrays = keyLiterals(sources);
  const allHits = rowsOf<{
    src: string;
    id: string;
    hits: number;
    sentences: number;
    simhash_bands: number;
    simhash: string;
    minhash: number[] | null;
  }>(
    await db.execute(sql`
      WITH h AS (
        SELECT x.src, k.article_id AS id, count(*)::int AS hits,
               count(*) FILTER (WHERE k.kind = ${KEY_KIND.sentence})::int AS sentences,
               count(*) FILTER (WHERE k.kind = ${KEY_KIND.simhash})::int AS simhash_bands,
               min(x.simhash) AS src_simhash
        FROM unnest(${keyArrays.src}::text[], ${keyArrays.kind}::smallint[], ${keyArrays.key}::bigint[],
                    ${keyArrays.simhash}::bigint[]) AS x(src, kind, key, simhash)
        JOIN byline.fingerprint_keys k ON k.kind = x.kind AND k.key = x.key
        WHERE k.article_id <> x.src
        GROUP BY x.src, k.article_id
      )
      SELECT h.*, f.simhash::text AS simhash,
             -- the MinHash only where it decides: candidates with nothing but LSH bands
             CASE WHEN h.sentences = 0 AND h.simhash_bands = 0 THEN f.minhash END AS minhash
      FROM h JOIN byline.article_fingerprints f ON f.article_id = h.id
      -- SimHash band collisions are common (16-bit bands); only near ones count
      WHERE h.sentences > 0 OR h.hits > h.simhash_bands
         OR bit_count((f.simhash # h.src_simhash)::bit(64)) <= ${SIMHASH_MAX_DISTANCE}`),
  );
  const fpOf = new Map(sources.map((s) => [s.id, s.fp]));
  const bySource = new Map<string, { id: string; hits: number }[]>();
  for (const h of allHits) {
    const fp = fpOf.get(h.src)!;
    const worth = worthVerifying({
      sentenceHits: h.sentences,
      simhashNear:
        h.simhash_bands > 0 &&
        hammingDistance(BigInt(h.simhash), fp.simhash) <= SIMHASH_MAX_DISTANCE,
      estimatedJaccard: h.minhash ? estimateJaccard(fp.minhash, h.minhash) : 0,
    });
    if (!worth) continue;
    const list = bySource.get(h.src) ?? [];
    list.push({ id: h.id, hits: h.hits });
    bySource.set(h.src, list);
  }
  for (const list of bySource.values()) {
    list.sort((x, y) => y.hits - x.hits || (x.id < y.id ? -1 : 1));
    list.length = Math.min(list.length, CANDIDATES_VERIFIED);
  }
  return bySource;
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
  // A new text has no id yet: any placeholder that is not an article id (12 characters) will do.
  const self = options.excludeId ?? 'new';
  const worth = ((await indexCandidates(db, [{ id: self, fp }])).get(self) ?? []).map((h) => h.id);
  const candidates = await loadCandidates(db, worth, options.before);
  const matches: OriginalityMatch[] = [];
  for (const c of candidates) {
    const decision = matchShingles(fp.shingles, textShingles(c));
    if (!decision.isCopy) continue;
    matches.push({
      ...decision,
      originalId: c.id,
      originalTitle: c.title,
      originalAuthorId: c.authorId,
      originalPublishedAt: c.firstPublished,
      sameAuthor: c.authorId === text.authorId,
      passages: matchingPassages(text.body, `${c.title}\n${c.body}`, PASSAGE_MIN_SHARE),
    });
  }
  matches.sort(
    (a, b) => b.containment + b.reverseContainment - (a.containment + a.reverseContainment),
  );
  return { fingerprint: fp, matches };
}

interface PendingArticle {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly authorId: string;
  readonly firstPublished: Date;
  readonly updatedAt: string;
}

/**
 * Fingerprints published articles in one batch: fingerprints computed here,
 * candidates for the whole batch in one indexed query (plus earlier articles
 * of the same batch, in memory), verified, then fingerprints, keys and
 * matches written in one transaction. Articles are taken in publishing order,
 * so a copy imported with its original is matched against it.
 */
async function fingerprintBatch(db: Queryable, batch: readonly PendingArticle[]): Promise<void> {
  if (batch.length === 0) return;
  const prints = new Map<string, Fingerprint>();
  for (const [i, a] of batch.entries()) {
    if (i % 16 === 15) await new Promise((r) => setImmediate(r));
    prints.set(a.id, fingerprint(a.title, a.body));
  }
  const bySource = await indexCandidates(
    db,
    batch.map((a) => ({ id: a.id, fp: prints.get(a.id)! })),
  );
  const candidateIds = [...new Set([...bySource.values()].flat().map((h) => h.id))];
  const candidates = new Map((await loadCandidates(db, candidateIds)).map((c) => [c.id, c]));
  // Earlier articles of this batch, by key, for copies imported together with their original.
  const batchKeys = new Map<string, string[]>();
  const shingleCache = new Map<string, ReadonlySet<number>>();
  const matchesOf = new Map<string, OriginalityMatch[]>();
  for (const a of batch) {
    const fp = prints.get(a.id)!;
    const others = new Map<
      string,
      {
        id: string;
        title: string;
        body: string;
        authorId: string;
        firstPublished: Date;
        simhash: bigint;
      }
    >();
    for (const h of bySource.get(a.id) ?? []) {
      const c = candidates.get(h.id);
      if (!c || c.firstPublished >= a.firstPublished) continue;
      others.set(c.id, c);
    }
    for (const k of keysOf(fp)) {
      const key = `${k.kind}:${k.key}`;
      for (const id of batchKeys.get(key) ?? []) {
        const b = batch.find((x) => x.id === id)!;
        if (b.firstPublished >= a.firstPublished || others.has(id)) continue;
        const other = prints.get(id)!;
        const worth = worthVerifying({
          sentenceHits: other.sentenceHashes.some((x) => fp.sentenceHashes.includes(x)) ? 1 : 0,
          simhashNear: hammingDistance(other.simhash, fp.simhash) <= SIMHASH_MAX_DISTANCE,
          estimatedJaccard: estimateJaccard(fp.minhash, other.minhash),
        });
        if (worth) others.set(id, { ...b, simhash: other.simhash });
      }
      batchKeys.set(key, [...(batchKeys.get(key) ?? []), a.id]);
    }
    const found: OriginalityMatch[] = [];
    for (const c of others.values()) {
      let other = shingleCache.get(c.id);
      if (!other) shingleCache.set(c.id, (other = textShingles(c)));
      const decision = matchShingles(fp.shingles, other);
      if (!decision.isCopy) continue;
      found.push({
        ...decision,
        originalId: c.id,
        originalTitle: c.title,
        originalAuthorId: c.authorId,
        originalPublishedAt: c.firstPublished,
        sameAuthor: c.authorId === a.authorId,
        passages: matchingPassages(a.body, `${c.title}\n${c.body}`, PASSAGE_MIN_SHARE),
      });
    }
    matchesOf.set(a.id, found);
  }
  const ids = JSON.stringify(batch.map((a) => a.id));
  const keyArrays = keyLiterals(batch.map((a) => ({ id: a.id, fp: prints.get(a.id)! })));
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      INSERT INTO byline.article_fingerprints (article_id, sha256, simhash, minhash, length, first_published_at, source_updated_at)
      SELECT x.id, x.sha256, x.simhash::bigint, x.minhash, x.length, x.first::timestamptz, x.updated::timestamptz
      FROM jsonb_to_recordset(${JSON.stringify(
        batch.map((a) => {
          const fp = prints.get(a.id)!;
          return {
            id: a.id,
            sha256: fp.sha256,
            simhash: fp.simhash.toString(),
            minhash: fp.minhash,
            length: fp.length,
            first: a.firstPublished.toISOString(),
            updated: a.updatedAt,
          };
        }),
      )}::jsonb) AS x(id text, sha256 text, simhash text, minhash jsonb, length int, first text, updated text)
      ON CONFLICT (article_id) DO UPDATE SET sha256 = excluded.sha256, simhash = excluded.simhash,
        minhash = excluded.minhash, length = excluded.length, source_updated_at = excluded.source_updated_at`);
    await tx.execute(sql`
      DELETE FROM byline.fingerprint_keys
      WHERE article_id IN (SELECT jsonb_array_elements_text(${ids}::jsonb))`);
    await tx.execute(sql`
      INSERT INTO byline.fingerprint_keys (kind, key, article_id)
      SELECT DISTINCT x.kind, x.key, x.src
      FROM unnest(${keyArrays.src}::text[], ${keyArrays.kind}::smallint[], ${keyArrays.key}::bigint[])
        AS x(src, kind, key)
      ON CONFLICT DO NOTHING`);
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

async function loadPending(db: Queryable, where: SQL, limit: number): Promise<PendingArticle[]> {
  return rowsOf<{
    id: string;
    title: string;
    body: string;
    author_id: string;
    first: string | null;
    published_at: string | null;
    updated_at: string;
  }>(
    await db.execute(sql`
      SELECT a.id, a.title, a.body_source AS body, a.author_id, f.first_published_at::text AS first,
             a.published_at::text AS published_at, a.updated_at::text AS updated_at
      FROM byline.articles a
      LEFT JOIN byline.article_fingerprints f ON f.article_id = a.id
      WHERE a.status = 'published' AND ${where}
      ORDER BY a.published_at, a.id
      LIMIT ${limit}`),
  ).map((r) => ({
    id: r.id,
    title: r.title,
    body: r.body,
    authorId: r.author_id,
    // The first-publish time never moves: it is the receipt's priority claim.
    firstPublished: new Date(r.first ?? r.published_at ?? r.updated_at),
    updatedAt: r.updated_at,
  }));
}

/** Records a published article's fingerprints, index keys and verified matches against earlier articles. */
export async function recordFingerprint(db: Queryable, articleId: string): Promise<void> {
  await fingerprintBatch(db, await loadPending(db, sql`a.id = ${articleId}`, 1));
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
  const pending = await loadPending(
    db,
    sql`(f.article_id IS NULL OR f.source_updated_at < a.updated_at)`,
    limit,
  );
  await fingerprintBatch(db, pending);
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

/** Articles per batch when fingerprinting everything (bulk import, a bench): fewer round trips. */
const BULK_FINGERPRINT_BATCH = 200;

/** Fingerprints everything pending (seeding, a bench). */
export async function fingerprintAll(db: Queryable): Promise<number> {
  let done = 0;
  for (let batch = 0; ; batch++) {
    // A bulk run grows the key index from nothing: fresh statistics keep the plans index-based.
    if (batch % 25 === 1)
      await db.execute(sql`ANALYZE byline.fingerprint_keys, byline.article_fingerprints`);
    const n = await fingerprintPendingArticles(db, BULK_FINGERPRINT_BATCH);
    done += n;
    if (n < BULK_FINGERPRINT_BATCH) return done;
  }
}

/** The published texts behind candidate ids, with what verification needs (one query). */
async function loadCandidates(db: Queryable, ids: readonly string[], before?: Date) {
  if (ids.length === 0) return [];
  const rows = rowsOf<{
    id: string;
    title: string;
    body: string;
    author_id: string;
    first_published_at: string;
    simhash: string;
  }>(
    await db.execute(sql`
      SELECT a.id, a.title, a.body_source AS body, a.author_id,
             f.first_published_at::text AS first_published_at, f.simhash::text AS simhash
      FROM byline.articles a JOIN byline.article_fingerprints f ON f.article_id = a.id
      WHERE a.status = 'published'
        AND a.id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
        ${before ? sql`AND f.first_published_at < ${before.toISOString()}::timestamptz` : sql``}`),
  );
  return rows.map((c) => ({
    id: c.id,
    title: c.title,
    body: c.body,
    authorId: c.author_id,
    firstPublished: new Date(c.first_published_at),
    simhash: BigInt(c.simhash),
  }));
}
