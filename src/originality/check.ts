/**
 * Originality checks against the fingerprint index: candidates by key
 * (SimHash bands, MinHash LSH bands, sentence hashes — indexed lookups, never
 * a scan), verified by exact shingle comparison; recording an article's
 * fingerprints, matches and receipt.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { rowsOf } from '../db/client.js';
import {
  fingerprint,
  hammingDistance,
  lshKeys,
  matchingPassages,
  type Fingerprint,
} from '../text/index.js';
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

/**
 * The keys an article is found by: its MinHash LSH bands and sentence
 * hashes. SimHash bands are not indexed: on real text their values are far
 * from uniform (measured: each 16-bit band value shared by ~90 of 3,000
 * articles), so the band lookups returned seven times more rows than every
 * other key together — and a document within 3 SimHash bits of another
 * shares most of its shingles, so LSH or its sentences find it anyway. The
 * SimHash still decides which candidates are worth verifying.
 */
function keysOf(
  fp: Pick<Fingerprint, 'lshKeys' | 'sentenceHashes'>,
): { kind: number; key: number }[] {
  return [
    ...fp.lshKeys.map((key, band) => ({ kind: KEY_KIND.lsh, key: band * 4294967296 + key })),
    ...fp.sentenceHashes.map((key) => ({ kind: KEY_KIND.sentence, key })),
  ];
}

/**
 * Index keys of many texts as array literals ({1,2,3}): far cheaper for the
 * server to parse than JSON for ~10k rows. Article ids are [a-z0-9] only, so
 * they need no quoting inside the literal.
 */
function keyLiterals(
  sources: readonly { id: string; fp: Pick<Fingerprint, 'lshKeys' | 'sentenceHashes'> }[],
) {
  const rows = sources.flatMap((s) => keysOf(s.fp).map((k) => ({ src: s, ...k })));
  return {
    src: `{${rows.map((k) => k.src.id).join(',')}}`,
    kind: `{${rows.map((k) => k.kind).join(',')}}`,
    key: `{${rows.map((k) => k.key).join(',')}}`,
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
    simhash: string;
    minhash: number[] | null;
  }>(
    await db.execute(sql`
      WITH x AS MATERIALIZED (
        SELECT * FROM unnest(${keyArrays.src}::text[], ${keyArrays.kind}::smallint[], ${keyArrays.key}::bigint[])
          AS x(src, kind, key)
      ),
      h AS (
        SELECT x.src, k.article_id AS id, count(*)::int AS hits,
               count(*) FILTER (WHERE x.kind = ${KEY_KIND.sentence})::int AS sentences
        FROM x CROSS JOIN LATERAL (
          SELECT article_id FROM byline.fingerprint_keys k
          WHERE k.kind = x.kind AND k.key = x.key AND k.article_id <> x.src
        ) k
        GROUP BY x.src, k.article_id
      )
      SELECT h.*, f.simhash::text AS simhash,
             -- the MinHash only where it decides: candidates with nothing but LSH bands
             CASE WHEN h.sentences = 0 THEN f.minhash END AS minhash
      FROM h JOIN byline.article_fingerprints f ON f.article_id = h.id`),
  );
  const fpOf = new Map(sources.map((s) => [s.id, s.fp]));
  const bySource = new Map<string, { id: string; hits: number }[]>();
  for (const h of allHits) {
    const fp = fpOf.get(h.src)!;
    const worth = worthVerifying({
      sentenceHits: h.sentences,
      simhashNear: hammingDistance(BigInt(h.simhash), fp.simhash) <= SIMHASH_MAX_DISTANCE,
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
  /** It has a fingerprint already (whose keys a new one replaces). */
  readonly fingerprinted: boolean;
  readonly title: string;
  readonly body: string;
  readonly authorId: string;
  readonly firstPublished: Date;
  readonly updatedAt: string;
}

/**
 * Removes articles' rows from the key index. They are found through the
 * stored fingerprints (MinHash → LSH keys, and the sentence hashes), by the
 * index's own primary key: the table keeps no second index by article.
 */
async function deleteIndexedKeys(tx: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const stored = rowsOf<{ article_id: string; minhash: number[]; sentence_hashes: number[] }>(
    await tx.execute(sql`
      SELECT article_id, minhash, sentence_hashes FROM byline.article_fingerprints
      WHERE article_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`),
  );
  if (stored.length === 0) return;
  const keys = keyLiterals(
    stored.map((r) => ({
      id: r.article_id,
      fp: { lshKeys: lshKeys(r.minhash), sentenceHashes: r.sentence_hashes },
    })),
  );
  await tx.execute(sql`
    DELETE FROM byline.fingerprint_keys k
    USING unnest(${keys.src}::text[], ${keys.kind}::smallint[], ${keys.key}::bigint[]) AS x(src, kind, key)
    WHERE k.kind = x.kind AND k.key = x.key AND k.article_id = x.src`);
}

/** A batch with its fingerprints computed (pure CPU, no database). */
interface PreparedBatch {
  readonly batch: readonly PendingArticle[];
  readonly prints: ReadonlyMap<string, Fingerprint>;
}

/** Fingerprints of a batch, yielding now and then so queries in flight keep moving. */
async function prepareBatch(batch: readonly PendingArticle[]): Promise<PreparedBatch> {
  const prints = new Map<string, Fingerprint>();
  for (const [i, a] of batch.entries()) {
    if (i % 16 === 15) await new Promise((r) => setImmediate(r));
    prints.set(a.id, fingerprint(a.title, a.body));
  }
  return { batch, prints };
}

/**
 * The articles of a bulk run, by index key, in memory: candidates among
 * articles fingerprinted earlier in the same run (within a batch always;
 * across batches when the index was empty when the run began, so nothing
 * else can match and the database is not asked at all).
 */
class RunIndex {
  readonly #byKey = new Map<string, string[]>();
  readonly #entries = new Map<string, { article: PendingArticle; fp: Fingerprint }>();

  get size(): number {
    return this.#entries.size;
  }

  add(article: PendingArticle, fp: Fingerprint): void {
    this.#entries.set(article.id, { article, fp });
    for (const k of keysOf(fp)) {
      const key = `${k.kind}:${k.key}`;
      const seen = this.#byKey.get(key);
      if (seen) seen.push(article.id);
      else this.#byKey.set(key, [article.id]);
    }
  }

  /** Earlier articles sharing a key with `fp` and worth verifying (the index path's pruning). */
  candidates(a: PendingArticle, fp: Fingerprint): { article: PendingArticle; fp: Fingerprint }[] {
    const ids = new Set<string>();
    for (const k of keysOf(fp))
      for (const id of this.#byKey.get(`${k.kind}:${k.key}`) ?? []) ids.add(id);
    const out: { article: PendingArticle; fp: Fingerprint }[] = [];
    for (const id of ids) {
      const other = this.#entries.get(id)!;
      if (other.article.firstPublished >= a.firstPublished) continue;
      const worth = worthVerifying({
        sentenceHits: other.fp.sentenceHashes.some((x) => fp.sentenceHashes.includes(x)) ? 1 : 0,
        simhashNear: hammingDistance(other.fp.simhash, fp.simhash) <= SIMHASH_MAX_DISTANCE,
        estimatedJaccard: estimateJaccard(fp.minhash, other.fp.minhash),
      });
      if (worth) out.push(other);
    }
    return out;
  }
}

/**
 * The verified matches of each article of a batch: candidates from the
 * index (one query for the whole batch, unless `run.only`) and from the
 * articles of this run before it, in memory (copies imported together with
 * their original), verified by exact shingle comparison.
 */
async function matchBatch(
  db: Queryable,
  { batch, prints }: PreparedBatch,
  run: { index: RunIndex; only: boolean } = { index: new RunIndex(), only: false },
): Promise<Map<string, OriginalityMatch[]>> {
  const bySource = run.only
    ? new Map<string, { id: string; hits: number }[]>()
    : await indexCandidates(
        db,
        batch.map((a) => ({ id: a.id, fp: prints.get(a.id)! })),
      );
  const candidateIds = [...new Set([...bySource.values()].flat().map((h) => h.id))];
  const candidates = new Map((await loadCandidates(db, candidateIds)).map((c) => [c.id, c]));
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
        shingles?: ReadonlySet<number>;
      }
    >();
    for (const h of bySource.get(a.id) ?? []) {
      const c = candidates.get(h.id);
      if (!c || c.firstPublished >= a.firstPublished) continue;
      others.set(c.id, c);
    }
    for (const other of run.index.candidates(a, fp))
      if (!others.has(other.article.id))
        others.set(other.article.id, { ...other.article, shingles: other.fp.shingles });
    run.index.add(a, fp);
    const found: OriginalityMatch[] = [];
    for (const c of others.values()) {
      let other = c.shingles ?? shingleCache.get(c.id);
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
  return matchesOf;
}

/** Fingerprints, index keys and matches of a batch, in one transaction. */
async function writeBatch(
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
        updated: a.updatedAt,
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
 * Fingerprints published articles in one batch. Articles are taken in
 * publishing order, so a copy imported with its original is matched against it.
 */
async function fingerprintBatch(db: Queryable, batch: readonly PendingArticle[]): Promise<void> {
  if (batch.length === 0) return;
  const prepared = await prepareBatch(batch);
  await writeBatch(db, prepared, await matchBatch(db, prepared));
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
    fingerprinted: r.first !== null,
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
      await deleteIndexedKeys(tx, gone);
      await tx.execute(sql`
        UPDATE byline.article_fingerprints SET source_updated_at = '-infinity'
        WHERE article_id IN (SELECT jsonb_array_elements_text(${json}::jsonb))`);
    });
  }
  return pending.length;
}

/** Published articles without an up-to-date fingerprint (what fingerprintAll would do). */
export async function countUnfingerprinted(db: Queryable): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      SELECT count(*)::int AS n FROM byline.articles a
      LEFT JOIN byline.article_fingerprints f ON f.article_id = a.id
      WHERE a.status = 'published' AND (f.article_id IS NULL OR f.source_updated_at < a.updated_at)`),
  );
  return row?.n ?? 0;
}

/** Articles per batch when fingerprinting everything (bulk import, first start): fewer round trips. */
const BULK_FINGERPRINT_BATCH = 200;
/** Pending articles read at once by a bulk run, split into batches. */
const BULK_READ = 2_000;
/** Articles of one run kept in memory for matching (~1 MB per 300): a big import's demo-sized start. */
const RUN_INDEX_MAX = 20_000;

/**
 * Fingerprints everything pending (first start, import, seed), as a
 * pipeline: while one batch's rows are written, the next batch's
 * fingerprints are computed, so the database and this process work at the
 * same time. Each batch is matched only after the one before it is written
 * (its keys are then visible), so copies within a run are found. (Looking up
 * the next batch's candidates during the write was measured slower: on two
 * cores the two queries and this process only take turns.)
 */
export async function fingerprintAll(
  db: Queryable,
  onProgress?: (done: number) => void,
): Promise<number> {
  let done = 0;
  // A site fingerprinted for the first time (first start, import into a new site) has nothing
  // in its index: every candidate is an article of this run, found in memory.
  const indexEmpty =
    rowsOf(await db.execute(sql`SELECT 1 FROM byline.fingerprint_keys LIMIT 1`)).length === 0;
  let run = { index: new RunIndex(), only: indexEmpty };
  for (let round = 0; ; round++) {
    const pending = await loadPending(
      db,
      sql`(f.article_id IS NULL OR f.source_updated_at < a.updated_at)`,
      BULK_READ,
    );
    if (pending.length === 0) break;
    const batches: PendingArticle[][] = [];
    for (let i = 0; i < pending.length; i += BULK_FINGERPRINT_BATCH)
      batches.push(pending.slice(i, i + BULK_FINGERPRINT_BATCH));
    let prepared = await prepareBatch(batches[0]!);
    let writing: Promise<void> = Promise.resolve();
    for (let i = 0; i < batches.length; i++) {
      await writing;
      // A bulk run grows the key index from nothing: fresh statistics keep the plans index-based.
      if ((round * batches.length + i) % 10 === 1)
        await db.execute(sql`ANALYZE byline.fingerprint_keys, byline.article_fingerprints`);
      // Beyond this many, memory is not worth it: the rest is matched through the index.
      if (run.only && run.index.size >= RUN_INDEX_MAX) run = { index: new RunIndex(), only: false };
      const current = prepared;
      // Through the index, only the batch itself is kept in memory.
      const matches = await matchBatch(
        db,
        current,
        run.only ? run : { index: new RunIndex(), only: false },
      );
      writing = writeBatch(db, current, matches).then(() => {
        done += current.batch.length;
        onProgress?.(done);
      });
      // The write's first statement goes out before the next batch's CPU work starts.
      await new Promise((r) => setImmediate(r));
      if (i + 1 < batches.length) prepared = await prepareBatch(batches[i + 1]!);
    }
    await writing;
    if (pending.length < BULK_READ) break;
  }
  await fingerprintPendingArticles(db, 1);
  return done;
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
