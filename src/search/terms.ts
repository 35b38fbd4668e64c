/**
 * What the index knows about words, for 相关推荐: each document's most
 * distinctive terms (sublinear TF-IDF over the index's own document
 * frequencies) and how much two documents' word sets overlap. The related
 * lists (recommend) call these; only this domain reads its tables.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '../db/client.js';
import { INDEX_LOCK } from './index-documents.js';

export interface TermOptions {
  /** Terms kept per document. */
  readonly perDocument: number;
  /** A title word counts as this many body occurrences. */
  readonly titleWeight: number;
  /** Author name and summary words: between title and body. */
  readonly summaryWeight: number;
  /** Terms in more than this share of documents describe the site, not the document. */
  readonly maxDocumentShare: number;
  /** …except on a small site, where one topic can span a good part of it. */
  readonly smallSiteDocumentCap: number;
  /** Words never kept (function words). */
  readonly stopWords: readonly string[];
}

/**
 * The documents' top terms by (1 + ln tf) · ln(N / df), L2-normalised per
 * document (the sum of products over shared terms is then the cosine).
 * Single characters, numbers, stop words and terms no other document has are
 * left out. Takes the index lock, so documents and counts do not move while
 * the caller's transaction reads them.
 */
export async function distinctiveTerms(
  tx: Queryable,
  articleIds: readonly string[],
  o: TermOptions,
): Promise<{ articleId: string; term: string; weight: number }[]> {
  if (articleIds.length === 0) return [];
  await tx.execute(INDEX_LOCK);
  const ids = JSON.stringify(articleIds);
  return rowsOf<{ article_id: string; term: string; weight: number }>(
    await tx.execute(sql`
      WITH total AS (SELECT count(*)::float8 AS n FROM byline.search_documents),
      tf AS (
        SELECT d.article_id, u.lexeme,
          (cardinality(u.positions)
            + ${o.titleWeight - 1}::int * cardinality(array_positions(u.weights, 'A'))
            + ${o.summaryWeight - 1}::int * cardinality(array_positions(u.weights, 'B')))::float8 AS tf
        FROM byline.search_documents d, unnest(d.document) AS u
        WHERE d.article_id IN (SELECT jsonb_array_elements_text(${ids}::jsonb))
      ),
      scored AS (
        SELECT tf.article_id, tf.lexeme, (1 + ln(tf.tf)) * ln(total.n / f.documents) AS w
        FROM tf JOIN byline.term_frequencies f ON f.term = tf.lexeme, total
        WHERE f.documents >= 2 AND f.documents < total.n
          AND f.documents <= greatest(${o.smallSiteDocumentCap}, ${o.maxDocumentShare} * total.n)
          AND char_length(tf.lexeme) >= 2 AND tf.lexeme !~ '^[0-9.,]+$'
          AND tf.lexeme NOT IN (SELECT jsonb_array_elements_text(${JSON.stringify(o.stopWords)}::jsonb))
      ),
      top AS (
        SELECT article_id, lexeme, w,
          row_number() OVER (PARTITION BY article_id ORDER BY w DESC, lexeme) AS rn
        FROM scored
      ),
      norms AS (
        SELECT article_id, sqrt(sum(w * w)) AS norm FROM top WHERE rn <= ${o.perDocument}
        GROUP BY article_id
      )
      SELECT top.article_id, top.lexeme AS term, top.w / norms.norm AS weight
      FROM top JOIN norms ON norms.article_id = top.article_id
      WHERE top.rn <= ${o.perDocument} AND norms.norm > 0`),
  ).map((r) => ({ articleId: r.article_id, term: r.term, weight: Number(r.weight) }));
}

/**
 * For each pair, the Jaccard overlap of the two documents' whole word sets
 * (copies and re-posts score above 0.8; different articles on one topic stay
 * below 0.5). Pairs with a missing document score 0.
 */
export async function wordSetOverlap(
  db: Queryable,
  pairs: readonly { source: string; target: string }[],
): Promise<Map<string, number>> {
  if (pairs.length === 0) return new Map();
  const rows = rowsOf<{ source: string; target: string; jaccard: number }>(
    await db.execute(sql`
      SELECT p.source, p.target, (
        SELECT count(*) FILTER (WHERE n = 2)::float8 / greatest(count(*), 1)
        FROM (
          SELECT w, count(*) AS n FROM (
            SELECT unnest(tsvector_to_array(ds.document)) AS w
            FROM byline.search_documents ds WHERE ds.article_id = p.source
            UNION ALL
            SELECT unnest(tsvector_to_array(dt.document))
            FROM byline.search_documents dt WHERE dt.article_id = p.target
          ) both_words GROUP BY w
        ) per_word
      ) AS jaccard
      FROM jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) AS p(source text, target text)`),
  );
  return new Map(rows.map((r) => [`${r.source}|${r.target}`, Number(r.jaccard)]));
}
