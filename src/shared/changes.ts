/**
 * What changed in the published content, for whoever keeps copies of pages
 * (the page cache). Domain commands announce a change after their own
 * transaction has committed; listeners must be quick and never throw.
 *
 * In-process only: with several server processes on one PostgreSQL, each
 * process's copies expire by age (web/page-cache.ts) instead.
 */
export type ContentChange =
  /** Published, edited, unpublished, held, removed or restored: the article, its author's and channel's pages, and every list. */
  | { readonly kind: 'article'; readonly articleId: string }
  /** Something shown only on the article's own page: comments, shares. */
  | { readonly kind: 'article-page'; readonly articleId: string }
  /** A creator's card or profile: follower counts, profile fields. */
  | { readonly kind: 'creator'; readonly creatorId: string }
  /** Site-wide: settings, channels, a bulk import. */
  | { readonly kind: 'site' };

import { PgTransaction } from 'drizzle-orm/pg-core';

type Listener = (change: ContentChange) => void;
const listeners = new Set<Listener>();

/**
 * A command called inside a caller's transaction announces before that
 * commits; announcing again a moment later drops any copy rendered in
 * between from the old data. Longer than any transaction we run.
 */
const ANNOUNCE_AGAIN_MS = 2_000;

/** Whether `db` is an open transaction (its changes are not visible to others yet). */
function insideTransaction(db: unknown): boolean {
  return db instanceof PgTransaction;
}

export function onContentChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Announces a change made through `db` (after its own transaction, if it opened one). */
export function contentChanged(db: unknown, change: ContentChange): void {
  if (listeners.size === 0) return;
  for (const listener of listeners) listener(change);
  if (!insideTransaction(db)) return;
  setTimeout(() => {
    for (const listener of listeners) listener(change);
  }, ANNOUNCE_AGAIN_MS).unref();
}
