import { createHash } from 'node:crypto';
import { toTraditional } from '../text/index.js';

/**
 * Converting a 60 KB page to Traditional takes ~60 ms; the same page converts
 * to the same result, so results are kept, keyed by a hash of the input,
 * up to this many bytes (least recently used out first).
 */
const SCRIPT_CACHE_MAX_BYTES = 64 * 1024 * 1024;

/** Pages converted to Traditional, per server (buildServer makes one). */
export class ScriptCache {
  readonly #cache = new Map<string, string>();
  #bytes = 0;

  constructor(private readonly maxBytes = SCRIPT_CACHE_MAX_BYTES) {}

  toTraditional(html: string): string {
    const key = createHash('sha1').update(html).digest('base64');
    const hit = this.#cache.get(key);
    if (hit !== undefined) {
      this.#cache.delete(key);
      this.#cache.set(key, hit);
      return hit;
    }
    const converted = toTraditional(html);
    this.#cache.set(key, converted);
    this.#bytes += converted.length * 2;
    while (this.#bytes > this.maxBytes && this.#cache.size > 1) {
      const [oldest, value] = this.#cache.entries().next().value!;
      this.#cache.delete(oldest);
      this.#bytes -= value.length * 2;
    }
    return converted;
  }
}
