/**
 * Search queries through the same pipeline as the index (normalise →
 * Simplified → jieba), so 網易 finds 网易 and 英偉達 finds 英伟达. Syntax:
 * words are all required; "a phrase" must appear in order; -word excludes.
 * The tsquery is built here from quoted lexemes, never parsed from user
 * input, so SQL or tsquery syntax in a query is just text.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { rowsOf } from '../db/client.js';
import type { Segmenter } from '../text/index.js';
import { fragmentTsqueries, queryFragments } from './grams.js';

/** Longest query looked at; the rest is ignored (and the page says so). */
export const QUERY_MAX_CHARS = 100;
/** Relevance weights for D, C, B, A (body C, author/summary B, title A): a title hit counts 5× a body hit. */
const RANK_WEIGHTS = '{0.05, 0.2, 0.5, 1.0}';
/** Recency: relevance is divided by (1 + age_days / 30), halving it for a month-old article. */
export const RECENCY_DAYS = 30;
/** Results per page. */
export const SEARCH_PAGE_SIZE = 20;
/** The most results one request may ask for (the API's `limit`). */
export const SEARCH_MAX_LIMIT = 100;
/**
 * Matches ranked per query, newest first: ranking reads each whole document,
 * and beyond this the recency factor has already pushed older matches down
 * (measured: 1,000 took p99 to ~90 ms at 100,000 articles on PostgreSQL).
 */
const RANKED_NEWEST = 400;
/** Title matches always ranked too, however old: a reader looking for a known article finds it. */
const RANKED_TITLE_MATCHES = 200;
/** Fragment-only matches ranked per query, newest first, after every word match. */
const RANKED_FRAGMENTS = 200;
/**
 * Documents holding every bigram of a fragment query that are read and checked
 * for the phrases, newest first: common characters (中国 人民) pair up in many
 * documents, and each check reads a whole gram document. The fragment part of
 * `total` counts matches among these.
 */
const FRAGMENT_CHECKED = 2_000;

export interface ParsedQuery {
  readonly terms: readonly string[];
  readonly phrases: readonly (readonly string[])[];
  readonly excluded: readonly string[];
  /** Normalised pieces for the fragment path (grams.ts): Han runs of 2+ characters, other words. */
  readonly fragments: readonly string[];
  readonly excludedFragments: readonly string[];
  readonly truncated: boolean;
}

export function parseQuery(raw: string, segmenter: Segmenter): ParsedQuery {
  const queryTokens = (text: string) => segmenter.queryTokens(text);
  const chars = Array.from(raw.replace(/\p{Cc}/gu, ' '));
  const truncated = chars.length > QUERY_MAX_CHARS;
  let text = chars.slice(0, QUERY_MAX_CHARS).join('');
  const phrases: string[][] = [];
  const fragments: string[] = [];
  text = text.replace(/["“”「」『』]([^"“”「」『』]+)["“”「」『』]/g, (_m, inner: string) => {
    const tokens = queryTokens(inner);
    if (tokens.length) phrases.push(tokens);
    fragments.push(...queryFragments(inner));
    return ' ';
  });
  const excluded: string[] = [];
  const excludedFragments: string[] = [];
  text = text.replace(/(^|\s)-(\S+)/g, (_m, lead: string, word: string) => {
    excluded.push(...queryTokens(word));
    excludedFragments.push(...queryFragments(word));
    return lead;
  });
  return {
    terms: [...new Set(queryTokens(text))],
    phrases,
    excluded: [...new Set(excluded)],
    fragments: [...new Set([...fragments, ...queryFragments(text)])],
    excludedFragments: [...new Set(excludedFragments)],
    truncated,
  };
}

function lexeme(token: string): string {
  return `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The tsquery text for a parsed query, or undefined when it has no positive word. */
export function toTsquery(q: ParsedQuery): string | undefined {
  const positive = [
    ...q.terms.map(lexeme),
    ...q.phrases.map((p) => `(${p.map(lexeme).join(' <-> ')})`),
  ];
  if (positive.length === 0) return undefined;
  return [...positive, ...q.excluded.map((t) => `!${lexeme(t)}`)].join(' & ');
}

export interface SearchFilters {
  readonly channelId?: number;
  readonly authorId?: string;
  readonly from?: Date;
  readonly to?: Date;
  /** Page of SEARCH_PAGE_SIZE results (pages); or `offset` and `limit` (the API). */
  readonly page?: number;
  readonly offset?: number;
  readonly limit?: number;
}

export interface SearchResult {
  readonly total: number;
  /** Results that can be paged through (the ranked candidates; see RANKED_NEWEST). */
  readonly ranked: number;
  readonly hits: readonly { id: string; score: number }[];
  readonly query: ParsedQuery;
}

export async function searchArticleIds(
  db: Queryable,
  segmenter: Segmenter,
  raw: string,
  filters: SearchFilters = {},
): Promise<SearchResult> {
  const query = parseQuery(raw, segmenter);
  const tsq = toTsquery(query);
  const grams = fragmentTsqueries(query.fragments, query.excludedFragments);
  if (!tsq && !grams) return { total: 0, ranked: 0, hits: [], query };
  const limit = Math.max(1, Math.min(filters.limit ?? SEARCH_PAGE_SIZE, SEARCH_MAX_LIMIT));
  const offset = Math.max(0, filters.offset ?? (Math.max(1, filters.page ?? 1) - 1) * limit);
  // The documents carry what the filters need (channel, author, time): the index answers alone.
  // It holds only published articles; callers load the cards of published articles only.
  const where: SQL[] = [];
  if (filters.channelId !== undefined) where.push(sql`d.channel_id = ${filters.channelId}`);
  if (filters.authorId !== undefined) where.push(sql`d.author_id = ${filters.authorId}`);
  if (filters.from) where.push(sql`d.published_at >= ${filters.from.toISOString()}::timestamptz`);
  if (filters.to) where.push(sql`d.published_at < ${filters.to.toISOString()}::timestamptz`);
  const matching = (match: SQL) =>
    sql`SELECT d.article_id, d.published_at FROM byline.search_documents d, q
        WHERE ${match}${where.length ? sql` AND ${sql.join(where, sql` AND `)}` : sql``}`;
  // Fragment matches the words missed: documents holding every bigram (the GIN index answers
  // that alone), newest first and bounded, then checked for the phrases. ts_match_vq is @@ in a
  // form the planner cannot turn into an index scan that would recheck every document.
  const gramMatches = grams
    ? sql`SELECT g.article_id, g.published_at FROM (
          ${matching(sql`d.gram_document @@ q.any_grams AND d.article_id NOT IN (SELECT article_id FROM matches)`)}
          ORDER BY d.published_at DESC NULLS LAST LIMIT ${FRAGMENT_CHECKED}) g
        CROSS JOIN LATERAL (
          SELECT gram_document FROM byline.search_documents WHERE article_id = g.article_id
        ) d, q
        WHERE ts_match_vq(d.gram_document, q.grams)`
    : sql`SELECT NULL::text AS article_id, NULL::timestamptz AS published_at WHERE false`;
  // Ranking reads every candidate's whole document, so a common word on a big site would rank
  // tens of thousands: rank the newest matches and every title match (known items), count the
  // rest. Word matches (tier 0) come before fragment-only matches (tier 1).
  const rows = rowsOf<{ id: string; score: number; total: number; ranked: number }>(
    await db.execute(sql`
      WITH q AS (SELECT ${tsq ?? null}::tsquery AS query, ${grams?.any ?? null}::tsquery AS any_grams,
                        ${grams?.exact ?? null}::tsquery AS grams),
      matches AS MATERIALIZED (${tsq ? matching(sql`d.document @@ q.query`) : sql`SELECT NULL::text AS article_id, NULL::timestamptz AS published_at WHERE false`}),
      gram_matches AS MATERIALIZED (${gramMatches}),
      candidates AS MATERIALIZED (
        (SELECT article_id, 0 AS tier FROM matches ORDER BY published_at DESC NULLS LAST LIMIT ${RANKED_NEWEST})
        UNION
        (SELECT article_id, 0 AS tier FROM (${matching(sql`d.title_document @@ q.query`)}) t
         ORDER BY published_at DESC NULLS LAST LIMIT ${RANKED_TITLE_MATCHES})
        UNION ALL
        (SELECT article_id, 1 AS tier FROM gram_matches
         ORDER BY published_at DESC NULLS LAST LIMIT ${RANKED_FRAGMENTS})
      )
      SELECT c.article_id AS id,
             CASE c.tier WHEN 0 THEN ts_rank_cd(${RANK_WEIGHTS}::float4[], d.document, q.query)
                         ELSE ts_rank_cd(${RANK_WEIGHTS}::float4[], d.gram_document, q.grams) END
               / (1 + extract(epoch FROM (now() - d.published_at)) / 86400.0 / ${RECENCY_DAYS}) AS score,
             (SELECT count(*) FROM matches) + (SELECT count(*) FROM gram_matches) AS total,
             (SELECT count(*) FROM candidates) AS ranked
      FROM candidates c
      CROSS JOIN LATERAL (
        SELECT document, gram_document, published_at FROM byline.search_documents
        WHERE article_id = c.article_id
      ) d, q
      ORDER BY c.tier, score DESC, d.published_at DESC, c.article_id
      LIMIT ${limit} OFFSET ${offset}`),
  );
  return {
    total: Number(rows[0]?.total ?? 0),
    ranked: Number(rows[0]?.ranked ?? 0),
    hits: rows.map((r) => ({ id: r.id, score: Number(r.score) })),
    query,
  };
}
