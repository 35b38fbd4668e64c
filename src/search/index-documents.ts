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

export async function indexPendingArticles(
  db: Queryable,
  limit = INDEX_BATCH,
): Promise<{ indexed: number; removed: number }> {
  const pending = rowsOf<{
    id: string;
    title: string;
    summary: string;
    body_source: string;
    author: string;
    updated_at: string;
  }>(
    await db.execute(sql`
      SELECT a.id, a.title, a.summary, a.body_source, p.display_name AS author, a.updated_at::text AS updated_at
      FROM byline.articles a
      JOIN byline.creator_profiles p ON p.id = a.author_id
      LEFT JOIN byline.search_documents d ON d.article_id = a.id
      WHERE a.status = 'published' AND (d.article_id IS NULL OR d.source_updated_at < a.updated_at)
      LIMIT ${limit}`),
  );
  for (const a of pending) {
    const literal = tsvectorLiteral([
      { tokens: searchTokens(a.title), weight: 'A' },
      { tokens: [...searchTokens(a.author), ...searchTokens(a.summary)], weight: 'B' },
      { tokens: searchTokens(a.body_source), weight: 'C' },
    ]);
    await db.execute(sql`
      INSERT INTO byline.search_documents (article_id, document, source_updated_at)
      VALUES (${a.id}, ${literal}::tsvector, ${a.updated_at}::timestamptz)
      ON CONFLICT (article_id) DO UPDATE SET document = excluded.document, source_updated_at = excluded.source_updated_at`);
  }
  const removed = rowsOf<{ article_id: string }>(
    await db.execute(sql`
      DELETE FROM byline.search_documents d USING byline.articles a
      WHERE a.id = d.article_id AND a.status <> 'published' RETURNING d.article_id`),
  );
  return { indexed: pending.length, removed: removed.length };
}

export async function countUnindexed(db: Queryable): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      SELECT count(*)::int AS n FROM byline.articles a LEFT JOIN byline.search_documents d ON d.article_id = a.id
      WHERE a.status = 'published' AND (d.article_id IS NULL OR d.source_updated_at < a.updated_at)`),
  );
  return row?.n ?? 0;
}

/** Indexes everything pending (after an import, or `byline reindex` after clearing). */
export async function indexAll(
  db: Queryable,
  onProgress?: (done: number) => void,
): Promise<number> {
  let done = 0;
  for (;;) {
    const { indexed } = await indexPendingArticles(db);
    done += indexed;
    onProgress?.(done);
    if (indexed < INDEX_BATCH) return done;
  }
}

/** Drops the whole index (the next passes rebuild it). */
export async function clearSearchIndex(db: Queryable): Promise<void> {
  await db.execute(sql`DELETE FROM byline.search_documents`);
}
