/**
 * What a page is made of, kept between renders: an article with its blocks
 * (author, hot, related, 往期回顾, 要闻) and its comment list are read once and
 * reused by every render of the page until a change drops them (the same
 * tags and events as the page cache) or FRAGMENT_TTL_MS passes. A render of
 * a page whose parts are kept reads nothing from the database.
 *
 * Values are data, not HTML: the same parts serve both scripts, care mode
 * and a signed-in reader's own page. Personal data is never kept here.
 */
import type { EventRelay } from '../events/index.js';
import { PAGE_TTL_MS, tagsOfEvent } from './page-cache.js';

/** Lists around an article may lag by as much as a cached page (issue 9): a minute. */
export const FRAGMENT_TTL_MS = PAGE_TTL_MS;
/** Parts kept at most (an article's are two or three): the least recently used go first. */
export const FRAGMENT_MAX_ENTRIES = 20_000;

interface Entry {
  readonly value: Promise<unknown>;
  readonly tags: readonly string[];
  readonly at: number;
}

export class FragmentCache {
  readonly #entries = new Map<string, Entry>();
  readonly #byTag = new Map<string, Set<string>>();
  readonly stats = { hits: 0, loads: 0 };

  constructor(
    private readonly now: () => number = Date.now,
    readonly ttlMs: number = FRAGMENT_TTL_MS,
    readonly maxEntries: number = FRAGMENT_MAX_ENTRIES,
  ) {}

  /**
   * The value kept under `key`, or `load()`'s (kept with `tags`). Concurrent
   * callers share one load; a load that fails is not kept.
   */
  get<T>(key: string, tags: readonly string[], load: () => Promise<T>): Promise<T> {
    const entry = this.#entries.get(key);
    if (entry && this.now() - entry.at <= this.ttlMs) {
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      this.stats.hits++;
      return entry.value as Promise<T>;
    }
    this.stats.loads++;
    const value = load();
    this.#set(key, { value, tags, at: this.now() });
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#delete(key);
    });
    return value;
  }

  /** Drops every part carrying one of `tags`. */
  invalidate(tags: readonly string[]): void {
    for (const tag of tags) for (const key of [...(this.#byTag.get(tag) ?? [])]) this.#delete(key);
  }

  clear(): void {
    this.#entries.clear();
    this.#byTag.clear();
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Follows committed changes (the page cache's events); returns the unsubscribe. */
  follow(events: EventRelay): () => void {
    const stop = events.subscribe((event) => {
      const tags = tagsOfEvent(event);
      if (tags === 'all') this.clear();
      else this.invalidate(tags);
    });
    const stopResync = events.onResync(() => this.clear());
    return () => {
      stop();
      stopResync();
    };
  }

  #set(key: string, entry: Entry): void {
    this.#delete(key);
    this.#entries.set(key, entry);
    for (const tag of entry.tags) {
      let keys = this.#byTag.get(tag);
      if (!keys) this.#byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#delete(oldest);
    }
  }

  #delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    for (const tag of entry.tags) {
      const keys = this.#byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.#byTag.delete(tag);
    }
  }
}
