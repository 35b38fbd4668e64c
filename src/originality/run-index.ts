/**
 * The articles of a bulk run kept in memory by index key, so copies imported
 * together with their original are matched without asking the database.
 */
import { hammingDistance, type Fingerprint } from '../text/index.js';
import { keysOf, SIMHASH_MAX_DISTANCE } from './keys.js';
import { estimateJaccard, worthVerifying } from './match.js';

/** A published article to fingerprint, with what matching needs. */
export interface PendingArticle {
  readonly id: string;
  /** It has a fingerprint already (whose keys a new one replaces). */
  readonly fingerprinted: boolean;
  readonly title: string;
  readonly body: string;
  readonly authorId: string;
  readonly firstPublished: Date;
  readonly updatedAt: Date;
}

/**
 * The articles of a bulk run, by index key, in memory: candidates among
 * articles fingerprinted earlier in the same run (within a batch always;
 * across batches when the index was empty when the run began, so nothing
 * else can match and the database is not asked at all).
 */
export class RunIndex {
  readonly #byKey = new Map<string, string[]>();
  readonly #entries = new Map<string, { article: PendingArticle; fp: Fingerprint }>();

  #chars = 0;

  get size(): number {
    return this.#entries.size;
  }

  /** Characters of text held (memory grows with these, not with the count). */
  get chars(): number {
    return this.#chars;
  }

  add(article: PendingArticle, fp: Fingerprint): void {
    this.#entries.set(article.id, { article, fp });
    this.#chars += article.title.length + article.body.length;
    for (const k of keysOf(fp)) {
      const key = `${k.kind}:${k.key}`;
      const seen = this.#byKey.get(key);
      if (seen) seen.push(article.id);
      else this.#byKey.set(key, [article.id]);
    }
  }

  /** Earlier articles sharing a key with `fp` and worth verifying (the index path's pruning). */
  candidates(a: PendingArticle, fp: Fingerprint): { article: PendingArticle; fp: Fingerprint }[] {
    const ids = new Set<string>();
    for (const k of keysOf(fp))
      for (const id of this.#byKey.get(`${k.kind}:${k.key}`) ?? []) ids.add(id);
    const out: { article: PendingArticle; fp: Fingerprint }[] = [];
    for (const id of ids) {
      const other = this.#entries.get(id)!;
      if (other.article.firstPublished >= a.firstPublished) continue;
      const worth = worthVerifying({
        sentenceHits: other.fp.sentenceHashes.some((x) => fp.sentenceHashes.includes(x)) ? 1 : 0,
        simhashNear: hammingDistance(other.fp.simhash, fp.simhash) <= SIMHASH_MAX_DISTANCE,
        estimatedJaccard: estimateJaccard(fp.minhash, other.fp.minhash),
      });
      if (worth) out.push(other);
    }
    return out;
  }
}
