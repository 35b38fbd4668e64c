/**
 * Keeps the search index in step with the articles: every published article
 * whose text changed since it was indexed is (re)indexed, and documents of
 * articles no longer published are dropped. A job runs this every few
 * seconds, so publish, edit, unpublish and delete show in search within
 * seconds; `byline reindex` runs it until nothing is left.
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { rowsOf } from '../db/client.js';
import { searchTokens } from '../text/index.js';

/** Articles indexed per pass: bounded work per job tick. */
export const INDEX_BATCH = 200;
/** In bulk runs, statistics are refreshed this often (autovacuum is too slow for a table growing from empty). */
const ANALYZE_EVERY_BATCHES = 25;
/** Articles segmented between yields to the event loop (~5 ms of jieba). */
const SEGMENT_SLICE = 16;
/** tsvector positions stop at 16,383; later words add nothing to ranking anyway. */
const MAX_POSITION = 16_383;

/** A tsvector literal built here (no text-search parser involved, so any script survives). */
export function tsvectorLiteral(
  parts: readonly { tokens: readonly string[]; weight: 'A' | 'B' | 'C' | 'D' }[],
): string {
  let pos = 1;
  const out: string[] = [];
  for (const part of parts) {
    for (const token of part.tokens) {
      if (pos > MAX_POSITION) break;
      out.push(`'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}':${pos}${part.weight}`);
      pos++;
    }
  }
  return out.join(' ');
}

/** Serialises index writers (several servers on one PostgreSQL): term counts stay exact. */
const INDEX_LOCK = sql`SELECT pg_advisory_xact_lock(hashtext('byline.search_index'))`;

/** Lexeme counts of the given documents, subtracted from (or added to) the term frequencies. */
function adjustTermFrequencies(idsJson: string, sign: 1 | -1) {
  const counts = sql`SELECT lexeme, count(*)::int AS n
    FROM byline.search_documents d, unnest(tsvector_to_array(d.document)) AS lexeme
    WHERE d.article_id IN (SELECT jsonb_array_elements_text(${idsJson}::jsonb))
    GROUP BY lexeme`;
  return sign === 1
    ? sql`INSERT INTO byline.term_frequencies (term, documents) ${counts}
        ON CONFLICT (term) DO UPDATE SET documents = byline.term_frequencies.documents + excluded.documents`
    : sql`UPDATE byline.term_frequencies t SET documents = t.documents - c.n FROM (${counts}) c
        WHERE t.term = c.lexeme`;
}

interface PreparedBatch {
  readonly documents: readonly {
    id: string;
    doc: string;
    title: string;
    published: string | null;
    at: string;
  }[];
  /** The last article id read: the next batch starts after it. */
  readonly lastId: string | undefined;
}

/** Reads up to `limit` articles to (re)index, after `afterId`, and segments them (CPU only). */
async function prepareBatch(
  db: Queryable,
  limit: number,
  afterId: string | undefined,
): Promise<PreparedBatch> {
  const pending = rowsOf<{
    id: string;
    title: string;
    summary: string;
    body_source: string;
    author: string;
    published_at: string | null;
    updated_at: string;
  }>(
    await db.execute(sql`
      SELECT a.id, a.title, a.summary, a.body_source, p.display_name AS author,
             a.published_at::text AS published_at, a.updated_at::text AS updated_at
      FROM byline.articles a
      JOIN byline.creator_profiles p ON p.id = a.author_id
      LEFT JOIN byline.search_documents d ON d.article_id = a.id
      WHERE a.status = 'published' AND (d.article_id IS NULL OR d.source_updated_at < a.updated_at)
        AND a.id > ${afterId ?? ''}
      ORDER BY a.id
      LIMIT ${limit}`),
  );
  const documents = [];
  for (const [i, a] of pending.entries()) {
    // Yield now and then so a write in flight can send its next statement meanwhile.
    if (i % SEGMENT_SLICE === SEGMENT_SLICE - 1) await new Promise((r) => setImmediate(r));
    const titleTokens = searchTokens(a.title);
    documents.push({
      id: a.id,
      title: tsvectorLiteral([{ tokens: titleTokens, weight: 'A' }]),
      published: a.published_at,
      doc: tsvectorLiteral([
        { tokens: titleTokens, weight: 'A' },
        { tokens: [...searchTokens(a.author), ...searchTokens(a.summary)], weight: 'B' },
        { tokens: searchTokens(a.body_source), weight: 'C' },
      ]),
      at: a.updated_at,
    });
  }
  return { documents, lastId: pending.at(-1)?.id };
}

/** Writes a prepared batch and drops documents of articles no longer published: a few set-based statements. */
async function writeBatch(
  db: Queryable,
  batch: PreparedBatch,
): Promise<{ indexed: number; removed: number }> {
  const { documents } = batch;
  const ids = JSON.stringify(documents.map((d) => d.id));
  return db.transaction(async (tx) => {
    await tx.execute(INDEX_LOCK);
    if (documents.length > 0) {
      await tx.execute(adjustTermFrequencies(ids, -1));
      await tx.execute(sql`
        INSERT INTO byline.search_documents (article_id, document, title_document, published_at, source_updated_at)
        SELECT x.id, x.doc::tsvector, x.title::tsvector, x.published::timestamptz, x.at::timestamptz
        FROM jsonb_to_recordset(${JSON.stringify(documents)}::jsonb)
          AS x(id text, doc text, title text, published text, at text)
        ON CONFLICT (article_id) DO UPDATE SET document = excluded.document,
          title_document = excluded.title_document, published_at = excluded.published_at,
          source_updated_at = excluded.source_updated_at`);
      await tx.execute(adjustTermFrequencies(ids, 1));
      // Keywords and 相关推荐 follow every new or changed document.
      await tx.execute(sql`
        INSERT INTO byline.related_queue (article_id)
        SELECT jsonb_array_elements_text(${ids}::jsonb) ON CONFLICT DO NOTHING`);
    }
    const gone = rowsOf<{ article_id: string }>(
      await tx.execute(sql`
        SELECT d.article_id FROM byline.search_documents d JOIN byline.articles a ON a.id = d.article_id
        WHERE a.status <> 'published'`),
    ).map((r) => r.article_id);
    if (gone.length > 0) {
      const goneJson = JSON.stringify(gone);
      await tx.execute(adjustTermFrequencies(goneJson, -1));
      await tx.execute(sql`
        DELETE FROM byline.search_documents
        WHERE article_id IN (SELECT jsonb_array_elements_text(${goneJson}::jsonb))`);
      // An unpublished article leaves every 相关推荐 list at once (serving also filters by status).
      await tx.execute(sql`
        DELETE FROM byline.related_articles
        WHERE related_id IN (SELECT jsonb_array_elements_text(${goneJson}::jsonb))`);
    }
    return { indexed: documents.length, removed: gone.length };
  });
}

export async function indexPendingArticles(
  db: Queryable,
  limit = INDEX_BATCH,
): Promise<{ indexed: number; removed: number }> {
  return writeBatch(db, await prepareBatch(db, limit, undefined));
}

export async function countUnindexed(db: Queryable): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      SELECT count(*)::int AS n FROM byline.articles a LEFT JOIN byline.search_documents d ON d.article_id = a.id
      WHERE a.status = 'published' AND (d.article_id IS NULL OR d.source_updated_at < a.updated_at)`),
  );
  return row?.n ?? 0;
}

/**
 * Indexes everything pending (after an import, or `byline reindex` after
 * clearing). The next batch is read and segmented while the current one is
 * written, so on PostgreSQL jieba and the database work at the same time.
 */
export async function indexAll(
  db: Queryable,
  onProgress?: (done: number) => void,
): Promise<number> {
  let done = 0;
  let next = await prepareBatch(db, INDEX_BATCH, undefined);
  for (let batch = 0; ; batch++) {
    // A bulk run grows these tables from nothing: fresh statistics keep the plans index-based.
    if (batch % ANALYZE_EVERY_BATCHES === 1)
      await db.execute(sql`ANALYZE byline.search_documents, byline.term_frequencies`);
    const writing = writeBatch(db, next);
    const following =
      next.documents.length < INDEX_BATCH ? undefined : prepareBatch(db, INDEX_BATCH, next.lastId);
    // Both settle before either result is used: a failed write is never left unobserved.
    const [written, prepared] = await Promise.all([writing, following]);
    done += written.indexed;
    onProgress?.(done);
    if (!prepared || prepared.documents.length === 0) {
      // A bulk run leaves entries in the GIN pending lists, which every search scans: merge them now.
      await db.execute(sql`SELECT gin_clean_pending_list('byline.search_documents_document_idx'::regclass),
                                  gin_clean_pending_list('byline.search_documents_title_idx'::regclass)`);
      return done;
    }
    next = prepared;
  }
}

/** Drops the whole index (the next passes rebuild it). */
export async function clearSearchIndex(db: Queryable): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(INDEX_LOCK);
    await tx.execute(sql`DELETE FROM byline.search_documents`);
    await tx.execute(sql`DELETE FROM byline.term_frequencies`);
  });
}
