import { and, desc, eq, ilike, or } from 'drizzle-orm';
import { listPublishedArticles, type ArticleCard } from '../articles/index.js';
import type { Queryable } from '../db/client.js';
import { articles } from '../db/schema.js';
import { toSimplified } from '../text/index.js';

/** Longest query we look at; longer input is cut (and the page says so). */
export const QUERY_MAX_CHARS = 100;

/**
 * Substring search over titles and summaries, Traditional input folded to
 * Simplified first (網易 finds 网易). The segmented full-text index replaces
 * this; the contract (normalised query in, newest matches out) stays.
 */
export async function searchArticles(
  db: Queryable,
  rawQuery: string,
  limit: number,
): Promise<ArticleCard[]> {
  const query = normalizeQuery(rawQuery);
  if (query === '') return [];
  const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const ids = await db
    .select({ id: articles.id })
    .from(articles)
    .where(
      and(
        eq(articles.status, 'published'),
        or(ilike(articles.title, pattern), ilike(articles.summary, pattern)),
      ),
    )
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit);
  if (ids.length === 0) return [];
  const found = await listPublishedArticles(db, { limit, onlyIds: ids.map((r) => r.id) });
  return found;
}

export function normalizeQuery(raw: string): string {
  const chars = Array.from(
    raw
      .normalize('NFKC')
      .replace(/\p{Cc}/gu, ' ')
      .trim(),
  );
  return toSimplified(chars.slice(0, QUERY_MAX_CHARS).join('')).replace(/\s+/g, ' ');
}
