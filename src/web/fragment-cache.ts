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
import { PAGE_TTL_MS } from './page-cache.js';
import { followChanges } from './page-cache-keys.js';

/** Lists around an article may lag by as much as a cached page (issue 9): a minute. */
export const FRAGMENT_TTL_MS = PAGE_TTL_MS;
/**
 * Memory for kept parts, least recently used first out: an article with its
 * blocks and comments weighs ~100 KB as JSON (more on the heap), so ~250
 * articles' parts — the ones read most (a portal, its channels and the hot
 * articles; a crawler's walk through the rest cycles them anyway). 64 MB
 * bought nothing more in the bench.
 */
export const FRAGMENT_MAX_BYTES = 24 * 1024 * 1024;
/** What a part weighs before its value is known, and at least (Maps and Dates weigh more than their JSON). */
const MIN_ENTRY_BYTES = 8 * 1024;

interface Entry {
  readonly value: Promise<unknown>;
  readonly tags: readonly string[];
  readonly at: number;
  bytes: number;
}

/** A value's weight in memory, roughly: its JSON as UTF-16. */
function weigh(value: unknown): number {
  try {
    return Math.max(MIN_ENTRY_BYTES, (JSON.stringify(value)?.length ?? 0) * 2);
  } catch {
    return MIN_ENTRY_BYTES;
  }
}

export class FragmentCache {
  readonly #entries = new Map<string, Entry>();
  readonly #byTag = new Map<string, Set<string>>();
  #bytes = 0;
  readonly stats = { hits: 0, loads: 0 };

  constructor(
    private readonly now: () => number = Date.now,
    readonly ttlMs: number = FRAGMENT_TTL_MS,
    readonly maxBytes: number = FRAGMENT_MAX_BYTES,
  ) {}

  /**
   * The value kept under `key`, or `load()`'s (kept with `tags`). Concurrent
   * callers share one load; a load that fails is not kept.
   */
  get<T>(key: string, tags: readonly string[], load: () => Promise<T>): Promise<T> {
    const kept = this.#entries.get(key);
    if (kept && this.now() - kept.at <= this.ttlMs) {
      this.#entries.delete(key);
      this.#entries.set(key, kept);
      this.stats.hits++;
      return kept.value as Promise<T>;
    }
    this.stats.loads++;
    const value = load();
    const entry: Entry = { value, tags, at: this.now(), bytes: MIN_ENTRY_BYTES };
    this.#set(key, entry);
    value.then(
      (v) => {
        if (this.#entries.get(key) !== entry) return;
        const bytes = weigh(v);
        this.#bytes += bytes - entry.bytes;
        entry.bytes = bytes;
        this.#evict();
      },
      () => {
        if (this.#entries.get(key) === entry) this.#delete(key);
      },
    );
    return value;
  }

  /** Drops every part carrying one of `tags`. */
  invalidate(tags: readonly string[]): void {
    for (const tag of tags) for (const key of [...(this.#byTag.get(tag) ?? [])]) this.#delete(key);
  }

  clear(): void {
    this.#entries.clear();
    this.#byTag.clear();
    this.#bytes = 0;
  }

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Follows committed changes (the page cache's events); returns the unsubscribe. */
  follow(events: EventRelay): () => void {
    return followChanges(events, this);
  }

  #set(key: string, entry: Entry): void {
    this.#delete(key);
    this.#entries.set(key, entry);
    this.#bytes += entry.bytes;
    for (const tag of entry.tags) {
      let keys = this.#byTag.get(tag);
      if (!keys) this.#byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    this.#evict();
  }

  #evict(): void {
    while (this.#bytes > this.maxBytes) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#delete(oldest);
    }
  }

  #delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
    for (const tag of entry.tags) {
      const keys = this.#byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.#byTag.delete(tag);
    }
  }
}
