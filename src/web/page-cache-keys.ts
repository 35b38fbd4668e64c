/**
 * Which requests the page cache (page-cache.ts) may answer, under which key,
 * and which tags a page and a change carry.
 */
import type { DomainEvent, EventRelay } from '../events/index.js';

/** Query parameters that select content (paging, sort); any other parameter bypasses the cache. */
const CACHEABLE_PARAMS: ReadonlySet<string> = new Set(['before', 'comments', 'page']);

/**
 * Public pages that may be kept: reader pages, feeds and sitemaps, in either
 * script. Not search (endless distinct queries), not forms, the studio, the
 * API or assets (already served from memory).
 */
const CACHEABLE_PATH =
  /^(?:\/zh-hant)?(?:\/|\/hot|\/authors|\/accessibility|\/channel\/[a-z0-9-]+(?:\/feed\.(?:xml|atom|json))?|\/article\/[a-z0-9]+(?:\/receipt)?|\/author\/[a-z0-9_-]+(?:\/feed\.(?:xml|atom|json))?|\/feed\.(?:xml|atom|json)|\/sitemap[a-z0-9_.-]*\.xml|\/robots\.txt)$/;

/** The cache key of a request, or undefined when it must not use the cache. */
export function cacheKeyOf(url: string, care: boolean): string | undefined {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (!CACHEABLE_PATH.test(path)) return undefined;
  if (q !== -1) {
    for (const name of new URLSearchParams(url.slice(q + 1)).keys())
      if (!CACHEABLE_PARAMS.has(name)) return undefined;
  }
  return `${care ? 'care' : 'std'} ${url}`;
}

/** Tags every copy of this URL gets; routes add the ids they know (article → author, channel). */
export function tagsOfUrl(url: string): string[] {
  const path = url.replace(/\?.*$/, '').replace(/^\/zh-hant(?=\/|$)/, '') || '/';
  if (path === '/') return ['portal'];
  if (path === '/hot') return ['hot'];
  if (path === '/authors') return ['creators'];
  if (path === '/accessibility' || path === '/robots.txt') return ['site'];
  if (path.startsWith('/sitemap')) return ['sitemaps'];
  if (/^\/feed\./.test(path)) return ['feeds'];
  const article = /^\/article\/([a-z0-9]+)/.exec(path);
  if (article) return [`article:${article[1]}`];
  return [];
}

/** The article an article page shows (its hits still count views). */
export function articleIdOfUrl(url: string): string | undefined {
  return /^(?:\/zh-hant)?\/article\/([a-z0-9]+)(?:\?|$)/.exec(url)?.[1];
}

/**
 * The tags an event drops. An article event reaches its own pages, its
 * author's and channel's pages, and every list that might include it.
 */
export function tagsOfEvent(event: DomainEvent): string[] | 'all' {
  switch (event.type) {
    // A creator's name or avatar (creator.updated) shows on every page of its articles and in lists.
    case 'site.settings_changed':
    case 'site.channels_changed':
    case 'articles.imported':
    case 'creator.updated':
    case 'account.deleted':
      return 'all';
    case 'comment.published':
    case 'comment.liked':
    case 'moderation.decided':
      return [`article:${event.articleId}`];
    // CASE: no page shows these (the publish or the profile that follows has its own event).
    case 'originality.copied':
    case 'application.decided':
      return [];
    case 'comment.changed':
    case 'article.shared':
    case 'article.liked':
      return [`article:${event.articleId}`];
    // CASE: the index changed, no page did (related lists refresh within the cache's TTL).
    case 'search.indexed':
    case 'search.removed':
      return [];
    case 'creator.followed':
    case 'creator.unfollowed':
    case 'creator.created':
      return [`author:${event.creatorId}`, 'creators'];
    case 'article.published':
    case 'article.revised':
    case 'article.withdrawn':
      return [
        `article:${event.articleId}`,
        `author:${event.authorId}`,
        `channel:${event.channelId}`,
        'portal',
        'hot',
        'feeds',
        'sitemaps',
        'creators',
      ];
  }
}

/**
 * Keeps a cache in step with committed changes: each event drops the tags it
 * names (or everything), and a resync (events may have been missed) drops
 * everything. Returns the unsubscribe.
 */
export function followChanges(
  events: EventRelay,
  cache: { invalidate(tags: readonly string[]): unknown; clear(): void },
): () => void {
  const stop = events.subscribe((event) => {
    const tags = tagsOfEvent(event);
    if (tags === 'all') cache.clear();
    else cache.invalidate(tags);
  });
  const stopResync = events.onResync(() => cache.clear());
  return () => {
    stop();
    stopResync();
  };
}
