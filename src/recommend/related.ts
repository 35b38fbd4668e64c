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
import { and, desc, eq, sql } from 'drizzle-orm';
import { listPublishedArticles, selectArticleCards, type ArticleCard } from '../articles/index.js';
import type { Queryable } from '../db/client.js';
import { rowsOf } from '../db/client.js';
import { articles, relatedArticles } from '../db/schema.js';

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

let stopWords: string | undefined;

/** The shipped stop-word list, as a JSON array for SQL (read once, on first use). */
function stopWordsJson(): string {
  stopWords ??= JSON.stringify(
    readFileSync(new URL('./stop-words.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#')),
  );
  return stopWords;
}

/** Recomputes keywords and related lists of up to `limit` queued articles. */
export async function computePendingRelated(db: Queryable, limit = RELATED_BATCH): Promise<number> {
  const ids = rowsOf<{ article_id: string }>(
    await db.execute(sql`
      SELECT article_id FROM byline.related_queue ORDER BY queued_at, article_id LIMIT ${limit}`),
  ).map((r) => r.article_id);
  if (ids.length > 0) await computeRelated(db, ids);
  return ids.length;
}

/**
 * Queues the next `limit` indexed articles after `cursor` (by id) for a
 * recomputation, so every list is refreshed in turn: older articles see newer
 * ones and IDF drift is absorbed. Returns the cursor for the next pass
 * (undefined after the last article: start again).
 */
export async function queueRelatedRefresh(
  db: Queryable,
  cursor: string | undefined,
  limit = RELATED_REFRESH_BATCH,
): Promise<string | undefined> {
  const [row] = rowsOf<{ last: string | null }>(
    await db.execute(sql`
      WITH next AS (
        SELECT article_id FROM byline.search_documents
        WHERE article_id > ${cursor ?? ''} ORDER BY article_id LIMIT ${limit}
      ), queued AS (
        INSERT INTO byline.related_queue (article_id) SELECT article_id FROM next ON CONFLICT DO NOTHING
      )
      SELECT max(article_id) AS last FROM next`),
  );
  return row?.last ?? undefined;
}

/** Computes everything pending (seeding, `byline reindex`). */
export async function computeAllRelated(
  db: Queryable,
  onProgress?: (done: number) => void,
): Promise<number> {
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

async function computeRelated(db: Queryable, articleIds: readonly string[]): Promise<void> {
  const ids = JSON.stringify(articleIds);
  await db.transaction(async (tx) => {
    // Same lock as the indexer: documents and term counts do not move underneath.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('byline.search_index'))`);
    await tx.execute(sql`
      DELETE FROM byline.article_keywords
      WHERE article_id IN (SELECT jsonb_array_elements_text(${ids}::jsonb))`);
    await tx.execute(sql`
      WITH total AS (SELECT count(*)::float8 AS n FROM byline.search_documents),
      tf AS (
        SELECT d.article_id, u.lexeme,
          (cardinality(u.positions)
            + ${TITLE_TERM_WEIGHT - 1}::int * cardinality(array_positions(u.weights, 'A'))
            + ${SUMMARY_TERM_WEIGHT - 1}::int * cardinality(array_positions(u.weights, 'B')))::float8 AS tf
        FROM byline.search_documents d, unnest(d.document) AS u
        WHERE d.article_id IN (SELECT jsonb_array_elements_text(${ids}::jsonb))
      ),
      scored AS (
        SELECT tf.article_id, tf.lexeme, (1 + ln(tf.tf)) * ln(total.n / f.documents) AS w
        FROM tf JOIN byline.term_frequencies f ON f.term = tf.lexeme, total
        WHERE f.documents >= 2 AND f.documents < total.n
          AND f.documents <= greatest(${SMALL_SITE_DOCUMENT_CAP}, ${MAX_DOCUMENT_SHARE} * total.n)
          AND char_length(tf.lexeme) >= 2 AND tf.lexeme !~ '^[0-9.,]+$'
          AND tf.lexeme NOT IN (SELECT jsonb_array_elements_text(${stopWordsJson()}::jsonb))
      ),
      top AS (
        SELECT article_id, lexeme, w,
          row_number() OVER (PARTITION BY article_id ORDER BY w DESC, lexeme) AS rn
        FROM scored
      ),
      norms AS (
        SELECT article_id, sqrt(sum(w * w)) AS norm FROM top WHERE rn <= ${KEYWORDS_PER_ARTICLE}
        GROUP BY article_id
      )
      INSERT INTO byline.article_keywords (article_id, term, weight)
      SELECT top.article_id, top.lexeme, top.w / norms.norm
      FROM top JOIN norms ON norms.article_id = top.article_id
      WHERE top.rn <= ${KEYWORDS_PER_ARTICLE} AND norms.norm > 0`);
    await tx.execute(sql`
      DELETE FROM byline.related_articles
      WHERE article_id IN (SELECT jsonb_array_elements_text(${ids}::jsonb))`);
    const pairs = rowsOf<{ source: string; target: string; score: number }>(
      await tx.execute(sql`
        WITH strongest AS (
          SELECT article_id, term, weight FROM (
            SELECT article_id, term, weight,
              row_number() OVER (PARTITION BY article_id ORDER BY weight DESC, term) AS rn
            FROM byline.article_keywords
            WHERE article_id IN (SELECT jsonb_array_elements_text(${ids}::jsonb))
          ) k WHERE rn <= ${QUERY_KEYWORDS}
        ),
        sims AS (
          SELECT k1.article_id AS source, k2.article_id AS target, sum(k1.weight * k2.weight) AS sim
          FROM strongest k1
          JOIN byline.article_keywords k2 ON k2.term = k1.term AND k2.article_id <> k1.article_id
          GROUP BY k1.article_id, k2.article_id
        ),
        best AS (
          SELECT source, target, sim,
            row_number() OVER (PARTITION BY source ORDER BY sim DESC, target) AS rn
          FROM sims WHERE sim >= ${MIN_SIMILARITY}
        ),
        scored AS (
          SELECT b.source, b.target,
            b.sim + CASE WHEN s.channel_id = t.channel_id THEN ${SAME_CHANNEL_BONUS}::float8 ELSE 0 END
                  + CASE WHEN s.author_id = t.author_id THEN ${SAME_AUTHOR_BONUS}::float8 ELSE 0 END AS score
          FROM best b
          JOIN byline.articles s ON s.id = b.source
          JOIN byline.articles t ON t.id = b.target
          WHERE b.rn <= ${CANDIDATES_PER_ARTICLE} AND t.status = 'published'
            AND lower(t.title) <> lower(s.title)
            -- a copy found by 原创保护 (either direction) is never recommended for its original
            AND NOT EXISTS (
              SELECT 1 FROM byline.originality_matches m
              WHERE (m.article_id = b.source AND m.original_id = b.target)
                 OR (m.article_id = b.target AND m.original_id = b.source))
            AND (b.sim < ${DUPLICATE_SIMILARITY} OR (
              SELECT count(*) FILTER (WHERE n = 2)::float8 / greatest(count(*), 1)
              FROM (
                SELECT w, count(*) AS n FROM (
                  SELECT unnest(tsvector_to_array(ds.document)) AS w
                  FROM byline.search_documents ds WHERE ds.article_id = b.source
                  UNION ALL
                  SELECT unnest(tsvector_to_array(dt.document))
                  FROM byline.search_documents dt WHERE dt.article_id = b.target
                ) both_words GROUP BY w
              ) per_word
            ) < ${COPY_WORD_JACCARD})
        )
        SELECT source, target, score FROM (
          SELECT source, target, score,
            row_number() OVER (PARTITION BY source ORDER BY score DESC, target) AS rn
          FROM scored) r
        WHERE rn <= ${RELATED_STORED}`),
    );
    if (pairs.length > 0) {
      const json = JSON.stringify(pairs);
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
    await tx.execute(sql`
      DELETE FROM byline.related_queue
      WHERE article_id IN (SELECT jsonb_array_elements_text(${ids}::jsonb))`);
  });
}

/** The stored list, best first: one query. */
export async function listStoredRelated(
  db: Queryable,
  articleId: string,
  limit = RELATED_SIZE,
): Promise<ArticleCard[]> {
  return selectArticleCards(db)
    .innerJoin(
      relatedArticles,
      and(eq(relatedArticles.relatedId, articles.id), eq(relatedArticles.articleId, articleId)),
    )
    .where(eq(articles.status, 'published'))
    .orderBy(desc(relatedArticles.score), articles.id)
    .limit(limit);
}

/**
 * 相关推荐 for an article page or the API: the stored list, filled when short
 * from the same channel's newest, then `hot` (the page's hot list, or a loader
 * called only when needed), then the site's newest. Never the article itself.
 */
export async function listRelatedArticles(
  db: Queryable,
  article: { id: string; title: string; channel: { id: number } },
  options: {
    hot?: readonly ArticleCard[] | (() => Promise<readonly ArticleCard[]>);
    limit?: number;
  } = {},
): Promise<ArticleCard[]> {
  const limit = options.limit ?? RELATED_SIZE;
  const items = await listStoredRelated(db, article.id, limit);
  if (items.length >= limit) return items;
  const seen = new Set([article.id, ...items.map((a) => a.id)]);
  const title = article.title.toLowerCase();
  const add = (more: readonly ArticleCard[]) => {
    for (const a of more) {
      if (items.length >= limit) return;
      if (seen.has(a.id) || a.title.toLowerCase() === title) continue;
      seen.add(a.id);
      items.push(a);
    }
  };
  add(
    await listPublishedArticles(db, {
      channelId: article.channel.id,
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
