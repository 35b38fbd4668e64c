/**
 * Rendered pages kept in memory for signed-out readers, precompressed (gzip
 * and brotli) with an ETag, bounded by bytes (least recently used goes
 * first), and dropped precisely when what they show changes.
 *
 * Key: the URL as requested (so the script prefix and query are in it) plus
 * care mode. Signed-in requests never read or fill the cache: their pages
 * carry a name, a CSRF token and "following" states.
 *
 * Each copy carries tags — `article:<id>`, `author:<creatorId>`,
 * `channel:<channelId>`, and list tags (`portal`, `hot`, `feeds`, `sitemaps`,
 * `creators`) — and a committed event (events/) drops the copies whose tags
 * it names. Blocks that follow other articles (hot, related, other
 * channels' top news) are allowed to lag: every copy is re-rendered after
 * PAGE_TTL_MS.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { DomainEvent } from '../events/index.js';

/** Hot lists and related blocks may lag by at most a minute (issue 9); BYLINE_PAGE_CACHE_TTL_S. */
export const PAGE_TTL_MS = 60_000;
/**
 * An expired copy is kept (space permitting) this long to be served when
 * rendering fails — the database is down (stale-if-error): readers get the
 * page as it was rather than an error page.
 */
export const STALE_IF_ERROR_MS = 24 * 3_600_000;
/** Default memory bound: ~2,000 article pages of 25 KB with their two compressed copies. */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;
/** A single response larger than this is not worth a slot (it would push out dozens of pages). */
const MAX_ENTRY_SHARE = 1 / 16;
/**
 * Brotli quality 9: within 2 % of quality 11's size on our pages, at a tenth
 * of the time (each copy is compressed once, on the request that misses).
 */
const BROTLI_QUALITY = 9;
/** What a CDN may do with a cached page: keep it a minute, serve it stale while refetching. */
export const CDN_CACHE_CONTROL = 'public, max-age=0, s-maxage=60, stale-while-revalidate=300';

export interface CachedPage {
  readonly status: number;
  readonly type: string;
  readonly identity: Buffer;
  readonly gzip: Buffer;
  readonly br: Buffer;
  readonly etag: string;
  readonly tags: readonly string[];
  readonly storedAt: number;
  readonly bytes: number;
  /** An article page: a hit still counts a view. */
  readonly articleId: string | undefined;
  /** Its response headers per encoding and scheme, built on the first hit of each (page-cache-hooks.ts). */
  readonly rawHeaders: Map<string, string[]>;
}

export interface PageCacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
  evictions: number;
  invalidations: number;
}

export class PageCache {
  readonly #entries = new Map<string, CachedPage>();
  readonly #byTag = new Map<string, Set<string>>();
  #bytes = 0;
  /** Bumped by every invalidation: a render that saw an older value is not stored. */
  #version = 0;
  readonly stats = { hits: 0, misses: 0, evictions: 0, invalidations: 0 };

  constructor(
    readonly maxBytes: number = DEFAULT_CACHE_BYTES,
    private readonly now: () => number = Date.now,
    readonly ttlMs: number = PAGE_TTL_MS,
  ) {}

  get version(): number {
    return this.#version;
  }

  /** A fresh copy (younger than the TTL), or undefined: the page is rendered again. */
  get(key: string): CachedPage | undefined {
    const page = this.#entries.get(key);
    if (!page) {
      this.stats.misses++;
      return undefined;
    }
    const age = this.now() - page.storedAt;
    if (age > this.ttlMs) {
      // Expired: kept for stale-if-error until it is replaced, evicted or too old.
      if (age > STALE_IF_ERROR_MS) this.#delete(key);
      this.stats.misses++;
      return undefined;
    }
    // Most recently used moves to the end; eviction takes from the front.
    this.#entries.delete(key);
    this.#entries.set(key, page);
    this.stats.hits++;
    return page;
  }

  /**
   * Stores a rendered response. `seenVersion` is `version` when rendering
   * began: if content changed meanwhile, the render may show the old content
   * and is not kept.
   */
  set(
    key: string,
    seenVersion: number,
    response: {
      status: number;
      type: string;
      body: string | Buffer;
      tags: readonly string[];
      articleId?: string;
    },
  ): CachedPage | undefined {
    if (seenVersion !== this.#version) return undefined;
    const identity = Buffer.isBuffer(response.body)
      ? response.body
      : Buffer.from(response.body, 'utf8');
    const gzip = gzipSync(identity, { level: 6 });
    const br = brotliCompressSync(identity, {
      params: {
        [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [zlib.BROTLI_PARAM_SIZE_HINT]: identity.length,
      },
    });
    const bytes = identity.length + gzip.length + br.length + key.length * 2 + 200;
    if (bytes > this.maxBytes * MAX_ENTRY_SHARE) return undefined;
    const page: CachedPage = {
      status: response.status,
      type: response.type,
      identity,
      gzip,
      br,
      etag: `"${createHash('sha1').update(identity).digest('base64url').slice(0, 22)}"`,
      tags: [...new Set(response.tags)],
      storedAt: this.now(),
      bytes,
      articleId: response.articleId,
      rawHeaders: new Map(),
    };
    this.#delete(key);
    this.#entries.set(key, page);
    this.#bytes += bytes;
    for (const tag of page.tags) {
      let keys = this.#byTag.get(tag);
      if (!keys) this.#byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    while (this.#bytes > this.maxBytes) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#delete(oldest);
      this.stats.evictions++;
    }
    return page;
  }

  /** Drops every copy carrying one of `tags`; returns how many. */
  invalidate(tags: readonly string[]): number {
    this.#version++;
    this.stats.invalidations++;
    let dropped = 0;
    for (const tag of tags) {
      for (const key of [...(this.#byTag.get(tag) ?? [])]) {
        this.#delete(key);
        dropped++;
      }
    }
    return dropped;
  }

  clear(): void {
    this.#version++;
    this.stats.invalidations++;
    this.#entries.clear();
    this.#byTag.clear();
    this.#bytes = 0;
  }

  /** The copy kept for this key however old (up to STALE_IF_ERROR_MS), for when rendering fails. */
  stale(key: string): CachedPage | undefined {
    const page = this.#entries.get(key);
    if (!page || this.now() - page.storedAt > STALE_IF_ERROR_MS) return undefined;
    return page;
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  snapshot(): PageCacheStats {
    return {
      entries: this.#entries.size,
      bytes: this.#bytes,
      maxBytes: this.maxBytes,
      ...this.stats,
    };
  }

  #delete(key: string): void {
    const page = this.#entries.get(key);
    if (!page) return;
    this.#entries.delete(key);
    this.#bytes -= page.bytes;
    for (const tag of page.tags) {
      const keys = this.#byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.#byTag.delete(tag);
    }
  }
}

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
