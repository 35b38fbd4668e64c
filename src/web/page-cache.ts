/**
 * Rendered pages kept in memory for signed-out readers, precompressed (gzip
 * and brotli) with an ETag, bounded by bytes (least recently used goes
 * first), and dropped precisely when what they show changes.
 *
 * Key: the URL as requested (so the script prefix and query are in it) plus
 * care mode (page-cache-keys.ts). Pages are the same for every reader; a
 * signed-in reader's own parts come from page-state.tsx.
 *
 * One render per key at a time (single flight): while it runs, other
 * requests get the copy as it was — expired, or dropped by a change — or wait
 * for it when there is none. Compression runs on the thread pool.
 *
 * Each copy carries tags — `article:<id>`, `author:<creatorId>`,
 * `channel:<channelId>`, and list tags (`portal`, `hot`, `feeds`, `sitemaps`,
 * `creators`) — and a committed event (events/) drops the copies whose tags
 * it names. Blocks that follow other articles (hot, related, other
 * channels' top news) are allowed to lag: every copy is re-rendered after
 * PAGE_TTL_MS.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';

// Compression runs on libuv's thread pool, never on the event loop (a 25 KB page at brotli 9
// took ~4 ms of loop time per miss, and every concurrent miss paid it).
const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

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
 * Brotli for a page's first delivery: quality 5 takes 1.8 ms for a 25 KB
 * article (7.3 KB). Quality 9, used before, took 63 ms here (with a size
 * hint; 0.9 ms without one) — the stall and the crawler's 15 pages/s.
 */
const BROTLI_FIRST_QUALITY = 5;
/**
 * A page read again is recompressed at quality 11 on the thread pool (25 ms,
 * 6.5 KB: 11 % smaller) and the copy swapped in; pages read once never pay it.
 */
const BROTLI_BEST_QUALITY = 11;
/** What a CDN may do with a cached page: keep it a minute, serve it stale while refetching. */
export const CDN_CACHE_CONTROL = 'public, max-age=0, s-maxage=60, stale-while-revalidate=300';

export interface CachedPage {
  readonly status: number;
  readonly type: string;
  readonly identity: Buffer;
  readonly gzip: Buffer;
  /** Replaced once by the best-compressed version when the page is read again. */
  br: Buffer;
  brBest: boolean;
  readonly etag: string;
  readonly tags: readonly string[];
  readonly storedAt: number;
  bytes: number;
  /** An article page: a hit still counts a view. */
  readonly articleId: string | undefined;
  /** Its response headers per encoding and scheme, built on the first hit of each (page-cache-hooks.ts). */
  readonly rawHeaders: Map<string, string[]>;
}

/** A render in flight for a key: what concurrent requests for it wait on (or serve stale meanwhile). */
export interface RenderTicket {
  /** Ends the render: the copy stored, or undefined when nothing was kept (each caller renders). */
  done(page: CachedPage | undefined): void;
}

/** A render that has not finished after this long no longer holds other requests back. */
const RENDER_WAIT_MS = 10_000;

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
  /**
   * Copies dropped by an invalidation, kept (space permitting) to be served while the page is
   * rendered again by one request (stale-while-revalidate) or when rendering fails.
   */
  readonly #dropped = new Map<string, CachedPage>();
  readonly #byTag = new Map<string, Set<string>>();
  readonly #inflight = new Map<string, { promise: Promise<CachedPage | undefined>; at: number }>();
  #bytes = 0;
  /** Bumped by every invalidation: a render that saw an older value is not stored. */
  #version = 0;
  readonly stats = { hits: 0, misses: 0, evictions: 0, invalidations: 0, renders: 0 };

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
    if (!page.brBest) this.#recompress(key, page);
    return page;
  }

  /**
   * Stores a rendered response. `seenVersion` is `version` when rendering
   * began: if content changed meanwhile, the render may show the old content
   * and is not kept.
   */
  async set(
    key: string,
    seenVersion: number,
    response: {
      status: number;
      type: string;
      body: string | Buffer;
      tags: readonly string[];
      articleId?: string;
    },
  ): Promise<CachedPage | undefined> {
    if (seenVersion !== this.#version) return undefined;
    const identity = Buffer.isBuffer(response.body)
      ? response.body
      : Buffer.from(response.body, 'utf8');
    if (identity.length * 2 > this.maxBytes * MAX_ENTRY_SHARE) return undefined;
    const [gz, br] = await Promise.all([
      gzipAsync(identity, { level: 6 }),
      brotliAsync(identity, {
        params: {
          [zlib.BROTLI_PARAM_QUALITY]: BROTLI_FIRST_QUALITY,
        },
      }),
    ]);
    // CASE: content changed while the copies were being compressed: this render may be old.
    if (seenVersion !== this.#version) return undefined;
    const bytes = identity.length + gz.length + br.length + key.length * 2 + 200;
    if (bytes > this.maxBytes * MAX_ENTRY_SHARE) return undefined;
    const page: CachedPage = {
      status: response.status,
      type: response.type,
      identity,
      gzip: gz,
      br,
      etag: `"${createHash('sha1').update(identity).digest('base64url').slice(0, 22)}"`,
      tags: [...new Set(response.tags)],
      storedAt: this.now(),
      bytes,
      articleId: response.articleId,
      rawHeaders: new Map(),
      brBest: false,
    };
    this.#delete(key);
    this.#forget(key);
    this.#entries.set(key, page);
    this.#bytes += bytes;
    for (const tag of page.tags) {
      let keys = this.#byTag.get(tag);
      if (!keys) this.#byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    this.#evict();
    return page;
  }

  /**
   * Single flight: the first request to miss `key` gets a ticket and renders;
   * the others get the render's promise to wait on (or a stale copy to serve
   * meanwhile). Undefined ticket and promise never happen together.
   */
  begin(key: string): { ticket?: RenderTicket; pending?: Promise<CachedPage | undefined> } {
    const now = this.now();
    const current = this.#inflight.get(key);
    if (current && now - current.at < RENDER_WAIT_MS) {
      // A render that hangs (a stuck query) holds nobody back for long: they render themselves.
      const giveUp = new Promise<undefined>((r) => {
        setTimeout(() => r(undefined), RENDER_WAIT_MS - (now - current.at)).unref();
      });
      return { pending: Promise.race([current.promise, giveUp]) };
    }
    let resolve!: (page: CachedPage | undefined) => void;
    const promise = new Promise<CachedPage | undefined>((r) => (resolve = r));
    const entry = { promise, at: now };
    this.#inflight.set(key, entry);
    this.stats.renders++;
    let ended = false;
    return {
      ticket: {
        done: (page) => {
          if (ended) return;
          ended = true;
          if (this.#inflight.get(key) === entry) this.#inflight.delete(key);
          resolve(page);
        },
      },
    };
  }

  /** Renders a page again in the background (set by the server): its key and the render's ticket. */
  refresher: ((key: string, ticket: RenderTicket) => void) | undefined;

  /**
   * A copy to serve while the page is rendered again, or undefined (the caller
   * renders). A copy past its TTL is served at once and starts a render in the
   * background (no reader waits for it); a copy dropped by a change only while
   * another request renders it (the one that renders shows the change).
   */
  serveStale(key: string): CachedPage | undefined {
    if (this.rendering(key)) return this.stale(key);
    const page = this.#entries.get(key);
    if (!page || !this.refresher || this.now() - page.storedAt > STALE_IF_ERROR_MS)
      return undefined;
    const { ticket } = this.begin(key);
    this.refresher(key, ticket!);
    return page;
  }

  /** Is a render of `key` in flight (so a stale copy may be served meanwhile)? */
  rendering(key: string): boolean {
    const current = this.#inflight.get(key);
    return current !== undefined && this.now() - current.at < RENDER_WAIT_MS;
  }

  /** Drops every copy carrying one of `tags`; returns how many. */
  invalidate(tags: readonly string[]): number {
    this.#version++;
    this.stats.invalidations++;
    let dropped = 0;
    for (const tag of tags) {
      for (const key of [...(this.#byTag.get(tag) ?? [])]) {
        this.#keepDropped(key);
        dropped++;
      }
    }
    this.#evict();
    return dropped;
  }

  clear(): void {
    this.#version++;
    this.stats.invalidations++;
    for (const key of [...this.#entries.keys()]) this.#keepDropped(key);
    this.#evict();
  }

  /**
   * The copy kept for this key however old (up to STALE_IF_ERROR_MS), expired
   * or dropped by a change: served while one request renders it again, or when
   * rendering fails.
   */
  stale(key: string): CachedPage | undefined {
    const page = this.#entries.get(key) ?? this.#dropped.get(key);
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

  /** Brotli at its best for a page read again, on the thread pool; swapped in if still kept. */
  #recompress(key: string, page: CachedPage): void {
    page.brBest = true;
    brotliAsync(page.identity, { params: { [zlib.BROTLI_PARAM_QUALITY]: BROTLI_BEST_QUALITY } })
      .then((best) => {
        if (this.#entries.get(key) !== page || best.length >= page.br.length) return;
        this.#bytes -= page.br.length - best.length;
        page.bytes -= page.br.length - best.length;
        page.br = best;
        // The prebuilt response headers carry the old content-length.
        page.rawHeaders.clear();
      })
      .catch(() => undefined);
  }

  /** Moves a copy from the live ones to the dropped ones (no tag reaches it any more). */
  #keepDropped(key: string): void {
    const page = this.#entries.get(key);
    if (!page) return;
    this.#delete(key);
    this.#forget(key);
    this.#dropped.set(key, page);
    this.#bytes += page.bytes;
  }

  #forget(key: string): void {
    const page = this.#dropped.get(key);
    if (!page) return;
    this.#dropped.delete(key);
    this.#bytes -= page.bytes;
  }

  /** Over the bound: dropped copies go first, then the least recently used live ones. */
  #evict(): void {
    while (this.#bytes > this.maxBytes) {
      const oldest = this.#dropped.keys().next().value ?? this.#entries.keys().next().value;
      if (oldest === undefined) break;
      if (this.#dropped.has(oldest)) this.#forget(oldest);
      else this.#delete(oldest);
      this.stats.evictions++;
    }
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

export {
  articleIdOfUrl,
  cacheKeyOf,
  followChanges,
  tagsOfEvent,
  tagsOfUrl,
} from './page-cache-keys.js';
