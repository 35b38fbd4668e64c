/**
 * Old addresses of imported articles (their permalinks on the old site):
 * stored as paths, so the same site moved here answers them with a 301 to
 * the article. Paths compare without a trailing slash; `?p=123` (WordPress's
 * plain permalinks) is part of the path.
 */
import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { redirects } from './schema.js';

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

export async function saveRedirects(
  db: Queryable,
  articleId: string,
  links: readonly string[],
): Promise<void> {
  const paths = [...new Set(links.map(normalizePath).filter((p): p is string => !!p))];
  // Our own addresses are never taken over by an old one.
  const free = paths.filter(
    (p) => !/^\/(article|a|api|admin|studio|media|assets|channel|author|tag|search)(\/|$)/.test(p),
  );
  if (free.length === 0) return;
  await db
    .insert(redirects)
    .values(free.map((path) => ({ path, articleId })))
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
