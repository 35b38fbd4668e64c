/**
 * Keeps the search index in step with the articles. Article events drive it
 * (the `search.index` consumer, within seconds of a publish, edit or
 * withdrawal); a sweep at start-up and after imports repairs anything missed
 * by comparing published articles' change times with the documents'.
 *
 * Each indexed batch announces `search.indexed` (or `search.removed`) in its
 * own transaction, so related lists follow the index, never run ahead of it.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import {
  getArticleTexts,
  listArticleIdsOfAuthor,
  listPublishedStamps,
  type ArticleText,
} from '../articles/index.js';
import { getCreatorRefs } from '../creators/index.js';
import { rowsOf, type Queryable } from '../db/client.js';
import { articleIdsOf, recordEvents, runConsumer, type ConsumerRun } from '../events/index.js';
import type { Segmenter } from '../text/index.js';
import { gramVectorLiteral } from './grams.js';
import { searchDocuments } from './schema.js';

/** Articles indexed per pass: bounded work per job tick and per transaction. */
export const INDEX_BATCH = 200;
/** In bulk runs, statistics are refreshed this often (autovacuum is too slow for a table growing from empty). */
const ANALYZE_EVERY_BATCHES = 25;
/** Articles segmented between yields to the event loop (~5 ms of jieba). */
const SEGMENT_SLICE = 16;
/** tsvector positions stop at 16,383; later words add nothing to ranking anyway. */
const MAX_POSITION = 16_383;
/** Published articles compared per query when sweeping. */
const SWEEP_PAGE = 5_000;
/** The consumer that follows article events. */
export const SEARCH_CONSUMER = 'search.index';
const ARTICLE_EVENTS = [
  'article.published',
  'article.revised',
  'article.withdrawn',
  'articles.imported',
] as const;
/** What the search consumer follows: article changes, and creators renamed. */
const SEARCH_EVENTS = [...ARTICLE_EVENTS, 'creator.updated'] as const;

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
export const INDEX_LOCK = sql`SELECT pg_advisory_xact_lock(hashtext('byline.search_index'))`;

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
    grams: string;
    published: string | null;
    at: string;
    channel: number;
    author: string;
  }[];
  /** Asked for, but not published (or gone): their documents are dropped. */
  readonly gone: readonly string[];
}

/** Reads these articles and segments the published ones (CPU only, no transaction). */
async function prepareBatch(
  db: Queryable,
  segmenter: Segmenter,
  ids: readonly string[],
): Promise<PreparedBatch> {
  const texts = await getArticleTexts(db, ids);
  const published = texts.filter((a) => a.status === 'published');
  const authors = await getCreatorRefs(
    db,
    published.map((a) => a.authorId),
  );
  const live = new Set(published.map((a) => a.id));
  const documents = [];
  for (const [i, a] of published.entries()) {
    // Yield now and then so a write in flight can send its next statement meanwhile.
    if (i % SEGMENT_SLICE === SEGMENT_SLICE - 1) await new Promise((r) => setImmediate(r));
    documents.push(documentOf(segmenter, a, authors.get(a.authorId)?.displayName ?? ''));
  }
  return { documents, gone: ids.filter((id) => !live.has(id)) };
}

function documentOf(
  segmenter: Segmenter,
  a: ArticleText,
  author: string,
): PreparedBatch['documents'][number] {
  const titleTokens = segmenter.searchTokens(a.title);
  return {
    id: a.id,
    title: tsvectorLiteral([{ tokens: titleTokens, weight: 'A' }]),
    published: a.publishedAt?.toISOString() ?? null,
    grams: gramVectorLiteral([
      { text: a.title, weight: 'A' },
      { text: a.summary, weight: 'B' },
      { text: a.bodySource, weight: 'C' },
    ]),
    doc: tsvectorLiteral([
      { tokens: titleTokens, weight: 'A' },
      {
        tokens: [...segmenter.searchTokens(author), ...segmenter.searchTokens(a.summary)],
        weight: 'B',
      },
      { tokens: segmenter.searchTokens(a.bodySource), weight: 'C' },
    ]),
    at: a.updatedAt.toISOString(),
    channel: a.channelId,
    author: a.authorId,
  };
}

/** Writes a prepared batch and drops the documents of articles no longer published. */
async function writeBatch(
  db: Queryable,
  batch: PreparedBatch,
): Promise<{ indexed: number; removed: number }> {
  const { documents } = batch;
  return db.transaction(async (tx) => {
    await tx.execute(INDEX_LOCK);
    if (documents.length > 0) {
      const ids = JSON.stringify(documents.map((d) => d.id));
      await tx.execute(adjustTermFrequencies(ids, -1));
      await tx.execute(sql`
        INSERT INTO byline.search_documents
          (article_id, document, title_document, gram_document, published_at, source_updated_at,
           channel_id, author_id)
        SELECT x.id, x.doc::tsvector, x.title::tsvector, x.grams::tsvector, x.published::timestamptz,
               x.at::timestamptz, x.channel, x.author::uuid
        FROM jsonb_to_recordset(${JSON.stringify(documents)}::jsonb)
          AS x(id text, doc text, title text, grams text, published text, at text, channel smallint,
               author text)
        ON CONFLICT (article_id) DO UPDATE SET document = excluded.document,
          title_document = excluded.title_document, gram_document = excluded.gram_document,
          published_at = excluded.published_at,
          source_updated_at = excluded.source_updated_at, channel_id = excluded.channel_id,
          author_id = excluded.author_id`);
      await tx.execute(adjustTermFrequencies(ids, 1));
      await recordEvents(tx, [{ type: 'search.indexed', articleIds: documents.map((d) => d.id) }]);
    }
    let removed = 0;
    if (batch.gone.length > 0) {
      const present = await tx
        .select({ id: searchDocuments.articleId })
        .from(searchDocuments)
        .where(inArray(searchDocuments.articleId, [...batch.gone]));
      if (present.length > 0) {
        const goneJson = JSON.stringify(present.map((r) => r.id));
        await tx.execute(adjustTermFrequencies(goneJson, -1));
        await tx.execute(sql`
          DELETE FROM byline.search_documents
          WHERE article_id IN (SELECT jsonb_array_elements_text(${goneJson}::jsonb))`);
        await recordEvents(tx, [{ type: 'search.removed', articleIds: present.map((r) => r.id) }]);
        removed = present.length;
      }
    }
    return { indexed: documents.length, removed };
  });
}

/** (Re)indexes these articles now: published ones are written, the rest dropped from the index. */
export async function indexArticles(
  db: Queryable,
  segmenter: Segmenter,
  ids: readonly string[],
): Promise<{ indexed: number; removed: number }> {
  let indexed = 0;
  let removed = 0;
  for (let i = 0; i < ids.length; i += INDEX_BATCH) {
    const done = await writeBatch(
      db,
      await prepareBatch(db, segmenter, ids.slice(i, i + INDEX_BATCH)),
    );
    indexed += done.indexed;
    removed += done.removed;
  }
  return { indexed, removed };
}

/**
 * Follows article events: what was published, edited or withdrawn since the
 * last run. Documents already as new as their article are left alone (an
 * event seen twice, or one the start-up sweep already handled).
 */
export function runSearchConsumer(db: Queryable, segmenter: Segmenter): Promise<ConsumerRun> {
  return runConsumer(db, SEARCH_CONSUMER, SEARCH_EVENTS, async (tx, list) => {
    const ids = articleIdsOf(list);
    // A renamed creator: every article of theirs is indexed again (the author's name is searchable).
    const renamed = new Set<string>();
    for (const e of list)
      if (e.type === 'creator.updated')
        for (const id of await listArticleIdsOfAuthor(tx, e.creatorId)) renamed.add(id);
    const texts = new Map((await getArticleTexts(tx, [...ids, ...renamed])).map((t) => [t.id, t]));
    const current = await indexedStamps(tx, [...ids, ...renamed]);
    const stale = ids.filter((id) => {
      const text = texts.get(id);
      const indexedAt = current.get(id);
      // Published and newer than its document, or a document whose article is not published.
      return text?.status === 'published'
        ? (indexedAt ?? -Infinity) < text.updatedAt.getTime()
        : indexedAt !== undefined;
    });
    const again = [...renamed].filter((id) => texts.get(id)?.status === 'published');
    await indexArticles(tx, segmenter, [...new Set([...stale, ...again])]);
  });
}

/**
 * When each document's article text was indexed, in epoch milliseconds (a
 * document the dictionary made stale is -Infinity); all of them, or these.
 */
async function indexedStamps(db: Queryable, ids?: readonly string[]): Promise<Map<string, number>> {
  const rows = rowsOf<{ article_id: string; at: number }>(
    await db.execute(sql`
      SELECT article_id, (extract(epoch FROM source_updated_at) * 1000)::float8 AS at
      FROM byline.search_documents
      ${ids ? sql`WHERE article_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))` : sql``}`),
  );
  return new Map(rows.map((r) => [r.article_id, Number(r.at)]));
}

/** Reindexes up to `limit` documents the dictionary made stale (a word was added or removed). */
export async function reindexStale(
  db: Queryable,
  segmenter: Segmenter,
  limit = INDEX_BATCH,
): Promise<number> {
  const rows = await db
    .select({ id: searchDocuments.articleId })
    .from(searchDocuments)
    .where(eq(searchDocuments.sourceUpdatedAt, sql`'-infinity'::timestamptz`))
    .limit(limit);
  if (rows.length === 0) return 0;
  await indexArticles(
    db,
    segmenter,
    rows.map((r) => r.id),
  );
  return rows.length;
}

/** The articles whose documents are missing or older than the article, and documents of articles no longer published. */
export async function findUnindexed(db: Queryable): Promise<{ stale: string[]; gone: string[] }> {
  const indexed = new Map<string, number>();
  for (const [id, at] of await indexedStamps(db)) indexed.set(id, at);
  const stale: string[] = [];
  const seen = new Set<string>();
  for (let after = ''; ;) {
    const page = await listPublishedStamps(db, after, SWEEP_PAGE);
    for (const a of page) {
      seen.add(a.id);
      const at = indexed.get(a.id);
      if (at === undefined || at < a.updatedAt.getTime()) stale.push(a.id);
    }
    if (page.length < SWEEP_PAGE) break;
    after = page.at(-1)!.id;
  }
  return { stale, gone: [...indexed.keys()].filter((id) => !seen.has(id)) };
}

export async function countUnindexed(db: Queryable): Promise<number> {
  const { stale, gone } = await findUnindexed(db);
  return stale.length + gone.length;
}

/**
 * Indexes everything pending (start-up, after an import, `byline reindex`
 * after clearing). The next batch is read and segmented while the current
 * one is written, so on PostgreSQL jieba and the database work at once.
 */
export async function indexAll(
  db: Queryable,
  segmenter: Segmenter,
  onProgress?: (done: number) => void,
): Promise<number> {
  const { stale, gone } = await findUnindexed(db);
  const ids = [...stale, ...gone];
  let done = 0;
  if (ids.length === 0) return 0;
  let next = await prepareBatch(db, segmenter, ids.slice(0, INDEX_BATCH));
  for (let batch = 0, at = INDEX_BATCH; ; batch++, at += INDEX_BATCH) {
    // A bulk run grows these tables from nothing: fresh statistics keep the plans index-based.
    if (batch % ANALYZE_EVERY_BATCHES === 1)
      await db.execute(sql`ANALYZE byline.search_documents, byline.term_frequencies`);
    const writing = writeBatch(db, next);
    const following =
      at < ids.length ? prepareBatch(db, segmenter, ids.slice(at, at + INDEX_BATCH)) : undefined;
    // Both settle before either result is used: a failed write is never left unobserved.
    const [written, prepared] = await Promise.all([writing, following]);
    done += written.indexed;
    onProgress?.(done);
    if (!prepared) {
      // A bulk run leaves entries in the GIN pending lists, which every search scans: merge them now.
      await db.execute(sql`SELECT gin_clean_pending_list('byline.search_documents_document_idx'::regclass),
                                  gin_clean_pending_list('byline.search_documents_title_idx'::regclass),
                                  gin_clean_pending_list('byline.search_documents_gram_idx'::regclass)`);
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
