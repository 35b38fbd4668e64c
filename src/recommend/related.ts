/**
 * 相关推荐 (related articles), content-based and precomputed.
 *
 * 1. Keywords: each indexed article's search document (jieba tokens of the
 *    normalised Simplified text, title weighted) gives term frequencies; the
 *    index's document frequencies give IDF. The top KEYWORDS_PER_ARTICLE terms
 *    by sublinear TF-IDF — stop words, single characters, numbers, and terms
 *    no other article shares dropped — are stored L2-normalised, so the sum of
 *    products over shared terms is the cosine similarity.
 * 2. Candidates: articles sharing keywords (term index), scored by cosine +
 *    small same-channel and same-author bonuses. Never the article itself, an
 *    unpublished one, or a duplicate/copy (the same title, a match recorded
 *    by 原创保护, or a high cosine confirmed by the Jaccard overlap of the two
 *    articles' whole word sets).
 * 3. Stored: the best RELATED_STORED per article; the new article is also
 *    offered to each candidate's list (scores are symmetric), so older
 *    articles gain newer related items without a full recompute.
 *
 * Computed when an article is indexed (publish, edit) and refreshed by a job;
 * serving is one indexed read, with fallbacks (same channel, then hot, then
 * newest) only when the list is short.
 */
import { readFileSync } from 'node:fs';
import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { getArticleFacts, listPublishedArticles, type ArticleItem } from '../articles/index.js';
import { rowsOf, type Queryable } from '../db/client.js';
import {
  articleIdsOf,
  drainConsumer,
  runConsumer,
  type ConsumerHandler,
  type ConsumerRun,
} from '../events/index.js';
import { listMatchPairs } from '../originality/index.js';
import { distinctiveTerms, wordSetOverlap } from '../search/index.js';
import { articleKeywords, relatedArticles, relatedComputed, relatedQueue } from './schema.js';

/** Items in the 相关推荐 block and the API. */
export const RELATED_SIZE = 6;
/** Items kept per article: spares for when some are unpublished before the next refresh. */
export const RELATED_STORED = 12;
/** Enough distinctive terms to describe a news article; more adds storage and join cost, not recall (measured on the corpus). */
export const KEYWORDS_PER_ARTICLE = 32;
/** A title word counts as this many body occurrences: titles say what an article is about. */
const TITLE_TERM_WEIGHT = 3;
/** Author name and summary words: between title and body. */
const SUMMARY_TERM_WEIGHT = 2;
/** Terms in more than this share of articles describe the site, not the article. */
const MAX_DOCUMENT_SHARE = 0.2;
/** …except on a small site, where one topic can span a good part of it. */
const SMALL_SITE_DOCUMENT_CAP = 20;
/** Below this cosine two articles merely share a common word or two: not worth recommending. */
const MIN_SIMILARITY = 0.03;
/**
 * Keyword cosine above which a pair is checked for being a copy: halves of one
 * story score 0.2–0.7 on the corpus, short articles on one topic up to ~0.9.
 */
export const DUPLICATE_SIMILARITY = 0.7;
/**
 * A checked pair is a duplicate or a copy when their whole word sets overlap
 * this much (Jaccard): copies, re-scripted or lightly edited, score above 0.8;
 * different articles on one topic stay below 0.5.
 */
const COPY_WORD_JACCARD = 0.7;
/** Same channel: a tie-breaker worth a few shared keywords, never enough to beat real content overlap. */
const SAME_CHANNEL_BONUS = 0.03;
/** Same author: readers of a creator like their other pieces, a little. */
const SAME_AUTHOR_BONUS = 0.02;
/**
 * Candidates are found through the article's strongest keywords only: they
 * carry most of the cosine, and each one costs a walk of its posting list
 * (measured on the split-article test: 24 of 32 scores 94–95 %, like all 32;
 * 16 drops to 89–93 % depending on the run).
 */
const QUERY_KEYWORDS = 24;
/** Candidates scored per article before the best are kept. */
const CANDIDATES_PER_ARTICLE = 200;
/** Articles whose related lists are computed per pass: bounded work per job tick. */
export const RELATED_BATCH = 100;
/** In bulk runs, statistics are refreshed this often (autovacuum is too slow for a table growing from empty). */
const ANALYZE_EVERY_BATCHES = 25;
/** Lists refreshed per refresh pass (new articles and changed IDF reach older lists). */
export const RELATED_REFRESH_BATCH = 100;

/** Rows per insert statement (keywords of a batch: up to 100 × 32). */
const INSERT_BATCH = 1_000;

/** The shipped stop-word list (a small file, read when a batch is computed). */
function stopWords(): string[] {
  return readFileSync(new URL('./stop-words.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** The consumer that follows the search index. */
export const RELATED_CONSUMER = 'recommend.related';

/**
 * Follows the search index: newly indexed articles are queued for their
 * keywords and lists; articles that left the index leave every list at once
 * (serving also checks that an item is still published).
 */
export function runRelatedConsumer(db: Queryable): Promise<ConsumerRun> {
  return runConsumer(db, RELATED_CONSUMER, INDEX_EVENTS, followIndex);
}

const INDEX_EVENTS = ['search.indexed', 'search.removed'] as const;

const followIndex: ConsumerHandler<(typeof INDEX_EVENTS)[number]> = async (tx, list) => {
  const indexed = articleIdsOf(list.filter((e) => e.type === 'search.indexed'));
  const removed = new Set(articleIdsOf(list.filter((e) => e.type === 'search.removed')));
  const queue = indexed.filter((id) => !removed.has(id));
  if (queue.length > 0)
    await tx
      .insert(relatedQueue)
      .values(queue.map((articleId) => ({ articleId })))
      .onConflictDoNothing();
  if (removed.size > 0) {
    const gone = [...removed];
    await tx.delete(relatedArticles).where(inArray(relatedArticles.relatedId, gone));
    await tx.delete(relatedArticles).where(inArray(relatedArticles.articleId, gone));
    await tx.delete(articleKeywords).where(inArray(articleKeywords.articleId, gone));
    await tx.delete(relatedComputed).where(inArray(relatedComputed.articleId, gone));
    await tx.delete(relatedQueue).where(inArray(relatedQueue.articleId, gone));
  }
};

/** Recomputes keywords and related lists of up to `limit` queued articles. */
export async function computePendingRelated(db: Queryable, limit = RELATED_BATCH): Promise<number> {
  const ids = (
    await db
      .select({ id: relatedQueue.articleId })
      .from(relatedQueue)
      .orderBy(asc(relatedQueue.queuedAt), asc(relatedQueue.articleId))
      .limit(limit)
  ).map((r) => r.id);
  if (ids.length > 0) await computeRelated(db, ids);
  return ids.length;
}

/**
 * Queues the `limit` lists computed longest ago for a recomputation, so
 * every list is refreshed in turn: older articles see newer ones and IDF
 * drift is absorbed.
 */
export async function queueRelatedRefresh(
  db: Queryable,
  limit = RELATED_REFRESH_BATCH,
): Promise<number> {
  const oldest = await db
    .select({ articleId: relatedComputed.articleId })
    .from(relatedComputed)
    .orderBy(asc(relatedComputed.computedAt), asc(relatedComputed.articleId))
    .limit(limit);
  if (oldest.length > 0) await db.insert(relatedQueue).values(oldest).onConflictDoNothing();
  return oldest.length;
}

/** Computes everything pending (seeding, `byline reindex`). */
export async function computeAllRelated(
  db: Queryable,
  onProgress?: (done: number) => void,
): Promise<number> {
  await drainConsumer(db, RELATED_CONSUMER, INDEX_EVENTS, followIndex);
  let done = 0;
  for (let batch = 0; ; batch++) {
    // Bulk runs grow these tables from nothing: fresh statistics keep the plans index-based.
    if (batch % ANALYZE_EVERY_BATCHES === 1)
      await db.execute(sql`ANALYZE byline.article_keywords, byline.related_articles`);
    const n = await computePendingRelated(db);
    done += n;
    onProgress?.(done);
    if (n < RELATED_BATCH) return done;
  }
}

/** Candidate pairs by keyword cosine: the article_keywords self-join (this domain's own table). */
async function keywordSimilarities(
  tx: Queryable,
  ids: readonly string[],
): Promise<{ source: string; target: string; sim: number }[]> {
  return rowsOf<{ source: string; target: string; sim: number }>(
    await tx.execute(sql`
      WITH strongest AS (
        SELECT article_id, term, weight FROM (
          SELECT article_id, term, weight,
            row_number() OVER (PARTITION BY article_id ORDER BY weight DESC, term) AS rn
          FROM byline.article_keywords
          WHERE article_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
        ) k WHERE rn <= ${QUERY_KEYWORDS}
      ),
      sims AS (
        SELECT k1.article_id AS source, k2.article_id AS target, sum(k1.weight * k2.weight) AS sim
        FROM strongest k1
        JOIN byline.article_keywords k2 ON k2.term = k1.term AND k2.article_id <> k1.article_id
        GROUP BY k1.article_id, k2.article_id
      )
      SELECT source, target, sim FROM (
        SELECT source, target, sim,
          row_number() OVER (PARTITION BY source ORDER BY sim DESC, target) AS rn
        FROM sims WHERE sim >= ${MIN_SIMILARITY}
      ) best WHERE rn <= ${CANDIDATES_PER_ARTICLE}`),
  ).map((r) => ({ ...r, sim: Number(r.sim) }));
}

async function computeRelated(db: Queryable, articleIds: readonly string[]): Promise<void> {
  await db.transaction(async (tx) => {
    // The search index's terms (it holds its lock for the rest of this transaction).
    const keywords = await distinctiveTerms(tx, articleIds, {
      perDocument: KEYWORDS_PER_ARTICLE,
      titleWeight: TITLE_TERM_WEIGHT,
      summaryWeight: SUMMARY_TERM_WEIGHT,
      maxDocumentShare: MAX_DOCUMENT_SHARE,
      smallSiteDocumentCap: SMALL_SITE_DOCUMENT_CAP,
      stopWords: stopWords(),
    });
    await tx.delete(articleKeywords).where(inArray(articleKeywords.articleId, [...articleIds]));
    for (let i = 0; i < keywords.length; i += INSERT_BATCH)
      await tx.insert(articleKeywords).values(keywords.slice(i, i + INSERT_BATCH));
    await tx.delete(relatedArticles).where(inArray(relatedArticles.articleId, [...articleIds]));
    const sims = await keywordSimilarities(tx, articleIds);
    const facts = await getArticleFacts(tx, [...articleIds, ...sims.map((s) => s.target)]);
    const copies = await listMatchPairs(tx, articleIds);
    const scored = sims.flatMap(({ source, target, sim }) => {
      const s = facts.get(source);
      const t = facts.get(target);
      if (!s || !t || t.status !== 'published') return [];
      if (t.title.toLowerCase() === s.title.toLowerCase()) return [];
      // A copy found by 原创保护 (either direction) is never recommended for its original.
      if (copies.has(`${source}|${target}`) || copies.has(`${target}|${source}`)) return [];
      const score =
        sim +
        (s.channelId === t.channelId ? SAME_CHANNEL_BONUS : 0) +
        (s.authorId === t.authorId ? SAME_AUTHOR_BONUS : 0);
      return [{ source, target, sim, score }];
    });
    // A high cosine may be a duplicate or a copy: confirmed by the overlap of the whole word sets.
    const overlap = await wordSetOverlap(
      tx,
      scored.filter((p) => p.sim >= DUPLICATE_SIMILARITY),
    );
    const kept = scored.filter(
      (p) => (overlap.get(`${p.source}|${p.target}`) ?? 0) < COPY_WORD_JACCARD,
    );
    const bySource = new Map<string, typeof kept>();
    for (const p of kept) bySource.set(p.source, [...(bySource.get(p.source) ?? []), p]);
    const pairs = [...bySource.values()].flatMap((list) =>
      list
        .sort((a, b) => b.score - a.score || (a.target < b.target ? -1 : 1))
        .slice(0, RELATED_STORED),
    );
    if (pairs.length > 0) {
      const json = JSON.stringify(
        pairs.map(({ source, target, score }) => ({ source, target, score })),
      );
      await tx.execute(sql`
        INSERT INTO byline.related_articles (article_id, related_id, score)
        SELECT x.source, x.target, x.score
        FROM jsonb_to_recordset(${json}::jsonb) AS x(source text, target text, score float8)`);
      // Offer each article to its candidates' lists, then keep only their best.
      await tx.execute(sql`
        INSERT INTO byline.related_articles (article_id, related_id, score)
        SELECT x.target, x.source, x.score
        FROM jsonb_to_recordset(${json}::jsonb) AS x(source text, target text, score float8)
        ON CONFLICT (article_id, related_id) DO UPDATE SET score = excluded.score`);
      await tx.execute(sql`
        DELETE FROM byline.related_articles r USING (
          SELECT article_id, related_id,
            row_number() OVER (PARTITION BY article_id ORDER BY score DESC, related_id) AS rn
          FROM byline.related_articles
          WHERE article_id IN (SELECT DISTINCT x.target
            FROM jsonb_to_recordset(${json}::jsonb) AS x(source text, target text, score float8))
        ) ranked
        WHERE r.article_id = ranked.article_id AND r.related_id = ranked.related_id
          AND ranked.rn > ${RELATED_STORED}`);
    }
    await tx
      .insert(relatedComputed)
      .values(articleIds.map((articleId) => ({ articleId, computedAt: sql`now()` })))
      .onConflictDoUpdate({ target: relatedComputed.articleId, set: { computedAt: sql`now()` } });
    await tx.delete(relatedQueue).where(inArray(relatedQueue.articleId, [...articleIds]));
  });
}

/** The stored list, best first: one query. */
export async function listStoredRelated(
  db: Queryable,
  articleId: string,
  limit = RELATED_SIZE,
): Promise<ArticleItem[]> {
  // Spares beyond `limit` stand in for stored items no longer published.
  const stored = await db
    .select({ id: relatedArticles.relatedId })
    .from(relatedArticles)
    .where(eq(relatedArticles.articleId, articleId))
    .orderBy(desc(relatedArticles.score), relatedArticles.relatedId)
    .limit(RELATED_STORED);
  if (stored.length === 0) return [];
  const cards = new Map(
    (
      await listPublishedArticles(db, { onlyIds: stored.map((r) => r.id), limit: stored.length })
    ).map((c) => [c.id, c]),
  );
  return stored.flatMap((r) => cards.get(r.id) ?? []).slice(0, limit);
}

/**
 * 相关推荐 for an article page or the API: the stored list, filled when short
 * from the same channel's newest, then `hot` (the page's hot list, or a loader
 * called only when needed), then the site's newest. Never the article itself.
 */
export async function listRelatedArticles(
  db: Queryable,
  article: { id: string; title: string; channelId: number },
  options: {
    hot?: readonly ArticleItem[] | (() => Promise<readonly ArticleItem[]>);
    limit?: number;
  } = {},
): Promise<ArticleItem[]> {
  const limit = options.limit ?? RELATED_SIZE;
  const items = await listStoredRelated(db, article.id, limit);
  if (items.length >= limit) return items;
  const seen = new Set([article.id, ...items.map((a) => a.id)]);
  const title = article.title.toLowerCase();
  const add = (more: readonly ArticleItem[]) => {
    for (const a of more) {
      if (items.length >= limit) return;
      if (seen.has(a.id) || a.title.toLowerCase() === title) continue;
      seen.add(a.id);
      items.push(a);
    }
  };
  add(
    await listPublishedArticles(db, {
      channelId: article.channelId,
      excludeIds: [...seen],
      limit: limit - items.length + 1,
    }),
  );
  if (items.length < limit && options.hot) {
    add(typeof options.hot === 'function' ? await options.hot() : options.hot);
  }
  if (items.length < limit) {
    add(await listPublishedArticles(db, { excludeIds: [...seen], limit: limit + 1 }));
  }
  return items;
}
