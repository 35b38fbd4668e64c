import { createHash } from 'node:crypto';
import { toTraditional } from '../text/index.js';

/**
 * Converting a 60 KB page to Traditional takes ~60 ms; the same page converts
 * to the same result, so results are kept, keyed by a hash of the input,
 * up to this many bytes (least recently used out first).
 */
const SCRIPT_CACHE_MAX_BYTES = 64 * 1024 * 1024;

const cache = new Map<string, string>();
let bytes = 0;

export function toTraditionalCached(html: string): string {
  const key = createHash('sha1').update(html).digest('base64');
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const converted = toTraditional(html);
  cache.set(key, converted);
  bytes += converted.length * 2;
  while (bytes > SCRIPT_CACHE_MAX_BYTES && cache.size > 1) {
    const [oldest, value] = cache.entries().next().value!;
    cache.delete(oldest);
    bytes -= value.length * 2;
  }
  return converted;
}
