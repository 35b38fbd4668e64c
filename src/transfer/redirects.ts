/**
 * Old addresses of imported articles (their permalinks on the old site):
 * stored as paths, so the same site moved here answers them with a 301 to
 * the article. Paths compare without a trailing slash; `?p=123` (WordPress's
 * plain permalinks) is part of the path.
 */
import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { redirects } from './schema.js';

/** The site's own top-level paths: an old address there would shadow a page. */
const OWN_PATHS = /^\/(article|a|api|admin|studio|media|assets|channel|author|tag|search)(\/|$)/;
/** Longer than any real permalink; bounds what a lookup can be asked. */
const PATH_MAX = 1000;

export function normalizePath(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link, 'http://old.invalid');
  } catch {
    return undefined;
  }
  let path = url.pathname;
  try {
    path = decodeURI(path);
  } catch {
    // CASE: a malformed escape: kept as written.
  }
  path = path.replace(/\/+$/, '') || '/';
  const keep = url.searchParams.get('p') ?? url.searchParams.get('page_id');
  const full = keep ? `${path}?${url.searchParams.has('p') ? 'p' : 'page_id'}=${keep}` : path;
  return full === '/' || full.length > PATH_MAX ? undefined : full;
}

/** Stores the old addresses of written articles (one statement for a whole batch). */
export async function saveRedirects(
  db: Queryable,
  written: readonly { articleId: string; links: readonly string[] }[],
): Promise<void> {
  const rows = new Map<string, string>();
  for (const { articleId, links } of written)
    for (const path of links.map(normalizePath))
      // Our own addresses are never taken over by an old one.
      if (path && !OWN_PATHS.test(path) && !rows.has(path)) rows.set(path, articleId);
  if (rows.size === 0) return;
  await db
    .insert(redirects)
    .values([...rows].map(([path, articleId]) => ({ path, articleId })))
    .onConflictDoNothing();
}

/** The article an old address now lives at, if it is one. */
export async function findRedirect(
  db: Queryable,
  pathAndQuery: string,
): Promise<string | undefined> {
  const path = normalizePath(pathAndQuery);
  if (!path) return undefined;
  const [row] = await db
    .select({ articleId: redirects.articleId })
    .from(redirects)
    .where(eq(redirects.path, path));
  return row?.articleId;
}
