/**
 * Fingerprints for originality protection (原创保护): pure functions over the
 * article text, so a copy is recognised however it was disguised.
 *
 * - normalizeForFingerprint: markup and URLs removed, NFKC (full/half width),
 *   stray pinyin annotations removed, Traditional → Simplified, lower case,
 *   then only letters and digits kept (punctuation and whitespace say nothing
 *   about authorship and are the cheapest thing for a copier to change).
 * - SimHash (64 bits over the character 5-shingles): whole-document
 *   near-duplicates are within a few bits (a filter on candidates, not indexed).
 * - MinHash (128 values over character 5-shingles, one permutation hashing)
 *   with LSH banding (32 bands × 4 rows): documents with Jaccard ≳ 0.4 share a
 *   band with high probability (paragraph-shuffled and lightly reworded
 *   copies, 洗稿).
 * - Sentence hashes: every normalised sentence of 10+ characters; a copy of
 *   part of an article (a third, a few paragraphs) shares whole sentences with
 *   it even when its MinHash Jaccard is low.
 * Candidates from any of the three are verified with exact shingle-set
 * containment and Jaccard (verifyMatch) before anything is decided.
 */
import { createHash } from 'node:crypto';
import { simplifiedReadings, toSimplified } from './convert.js';

/** Characters per shingle: about three Chinese words; shorter shingles recur across unrelated texts. */
export const SHINGLE_CHARS = 5;
/** MinHash size: the Jaccard estimate's standard error is ~1/√128 ≈ 0.09, and 32 bands × 4 rows fit. */
export const MINHASH_SIZE = 128;
/** LSH bands and rows: (1/32)^(1/4) ≈ 0.42 is the Jaccard where a pair becomes likely to collide. */
export const LSH_BANDS = 32;
export const LSH_ROWS = 4;
/** Sentences shorter than this are common phrases ("参考文献", dates), not evidence of copying. */
export const SENTENCE_MIN_CHARS = 10;
/** Sentence hashes kept per article: the longest sentences are the most distinctive; bounds index size. */
export const SENTENCES_PER_ARTICLE = 24;

const MARKUP = [
  /!\[[^\]]*\]\([^)]*\)/g, // markdown images
  /\[([^\]]*)\]\([^)]*\)/g, // markdown links → their text
  /<[^>]{0,500}>/g, // HTML tags
  /https?:\/\/\S+/g, // bare URLs
];
/** Sentence ends, full or half width (a copier switching 。 to . must not merge sentences); not a decimal point. */
const SENTENCE_END = /(?:[。！？!?；;…\n\r]|(?<!\d)\.(?!\d))+/u;
const NOT_WORDLIKE = /[^\p{L}\p{N}]+/gu;

/** Text with markup removed, width folded, Simplified, lower case (punctuation still there). */
export function normalizeText(text: string): string {
  return toSimplified(withoutMarkup(text).normalize('NFKC')).toLowerCase();
}

/** Like normalizeText, in every Simplified reading (Taiwan's words turned into the mainland's, and kept). */
export function normalizedReadings(text: string): string[] {
  return simplifiedReadings(withoutMarkup(text).normalize('NFKC')).map((t) => t.toLowerCase());
}

function withoutMarkup(text: string): string {
  let t = text;
  for (const re of MARKUP) t = t.replace(re, (_m, inner?: string) => inner ?? ' ');
  return t;
}

/** The compact form fingerprints are computed over: letters and digits only. */
export function normalizeForFingerprint(text: string): string {
  return normalizeText(text).replace(NOT_WORDLIKE, '');
}

/** cyrb53: a fast, well-mixed 53-bit string hash (a safe integer, so it fits a bigint column exactly). */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** murmur3's 32-bit finaliser: a cheap bijective mix, one "permutation" per seed. */
function fmix32(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** cyrb53 over `length` UTF-16 units of `text` from `start`, without building a substring. */
function hashRange(text: string, start: number, length: number): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = start; i < start + length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  return h1 >>> 0;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** The set of 32-bit shingle hashes of a compact text (one shingle for texts shorter than k). */
export function shingles(compact: string): Set<number> {
  const out = new Set<number>();
  if (compact.length === 0) return out;
  if (!SURROGATE.test(compact)) {
    // Fast path (nearly all Chinese text): one UTF-16 unit per character.
    if (compact.length < SHINGLE_CHARS) out.add(hashRange(compact, 0, compact.length));
    for (let i = 0; i + SHINGLE_CHARS <= compact.length; i++)
      out.add(hashRange(compact, i, SHINGLE_CHARS));
    return out;
  }
  const chars = Array.from(compact);
  if (chars.length < SHINGLE_CHARS) {
    const whole = chars.join('');
    out.add(hashRange(whole, 0, whole.length));
    return out;
  }
  for (let i = 0; i + SHINGLE_CHARS <= chars.length; i++) {
    const shingle = chars.slice(i, i + SHINGLE_CHARS).join('');
    out.add(hashRange(shingle, 0, shingle.length));
  }
  return out;
}

/** Seed of the one hash every shingle gets for the MinHash (fixed: fingerprints are compared across releases). */
const MINHASH_SEED = 0x5bd1e995;
/** Bits of a shingle's hash that choose its bin (2^7 = MINHASH_SIZE bins). */
const BIN_BITS = 7;
/** The rest is the value compared within a bin. */
const VALUE_BITS = 32 - BIN_BITS;

/**
 * The MinHash by one permutation hashing with densification (Shrivastava &
 * Li, "Densifying One Permutation Hashing", ICML 2014): each shingle is
 * hashed once; its top bits choose one of MINHASH_SIZE bins and the rest is
 * its value; each bin keeps its least value. An empty bin (short texts)
 * takes the next non-empty bin's value, offset by the distance, so two texts
 * agree on it exactly when they agree on that bin. The share of equal
 * values estimates the Jaccard similarity as k independent MinHashes do, at
 * one hash per shingle instead of k (fingerprinting a whole site is 4× faster).
 */
export function minhash(set: ReadonlySet<number>): number[] {
  const EMPTY = 0xffffffff;
  const mins = new Array<number>(MINHASH_SIZE).fill(EMPTY);
  for (const x of set) {
    const h = fmix32(x ^ MINHASH_SEED);
    const bin = h >>> VALUE_BITS;
    const value = h & ((1 << VALUE_BITS) - 1);
    if (value < mins[bin]!) mins[bin] = value;
  }
  if (set.size === 0) return mins;
  const out = mins.slice();
  for (let j = 0; j < MINHASH_SIZE; j++) {
    if (mins[j] !== EMPTY) continue;
    let k = 1;
    while (mins[(j + k) % MINHASH_SIZE] === EMPTY) k++;
    // Distances 1..127 times 2^25 plus a 25-bit value stay below 2^32.
    out[j] = k * 2 ** VALUE_BITS + mins[(j + k) % MINHASH_SIZE]!;
  }
  return out;
}

/** One key per band: articles sharing a key are LSH candidates (32-bit, stored as integer). */
export function lshKeys(mins: readonly number[]): number[] {
  const keys: number[] = [];
  for (let b = 0; b < LSH_BANDS; b++) {
    // The band's values mixed into one 32-bit key (murmur-style), seeded by the band number.
    let h = fmix32(b + 1);
    for (let r = 0; r < LSH_ROWS; r++) h = fmix32(h ^ mins[b * LSH_ROWS + r]!) + r;
    keys.push((h >>> 0) - 2147483648);
  }
  return keys;
}

/** Seeds of the two 32-bit halves of a shingle's SimHash feature. */
const SIMHASH_SEEDS = [0x27d4eb2f, 0x165667b1] as const;

/**
 * 64-bit SimHash over the text's character shingles (each distinct shingle
 * one feature of weight 1), as a signed bigint for storage. Texts that share
 * most shingles are within a few bits; unrelated texts ~32 apart.
 */
export function simhash(set: ReadonlySet<number>): bigint {
  // Counted per byte value (8 histograms of 256) instead of per bit: one increment per byte of
  // each feature, then each bit's count is summed from the byte values that have it set.
  const counts = new Uint32Array(8 * 256);
  for (const x of set) {
    const lo = fmix32(x ^ SIMHASH_SEEDS[0]);
    const hi = fmix32(x ^ SIMHASH_SEEDS[1]);
    counts[lo & 0xff]!++;
    counts[256 + ((lo >>> 8) & 0xff)]!++;
    counts[512 + ((lo >>> 16) & 0xff)]!++;
    counts[768 + (lo >>> 24)]!++;
    counts[1024 + (hi & 0xff)]!++;
    counts[1280 + ((hi >>> 8) & 0xff)]!++;
    counts[1536 + ((hi >>> 16) & 0xff)]!++;
    counts[1792 + (hi >>> 24)]!++;
  }
  let out = 0n;
  for (let bit = 63; bit >= 0; bit--) {
    const byte = bit >>> 3;
    const mask = 1 << (bit & 7);
    let ones = 0;
    for (let value = 0; value < 256; value++) if (value & mask) ones += counts[byte * 256 + value]!;
    // Each feature votes +1 where its bit is set and −1 where not.
    out = (out << 1n) | (2 * ones > set.size ? 1n : 0n);
  }
  return BigInt.asIntN(64, out);
}

export function hammingDistance(a: bigint, b: bigint): number {
  let x = BigInt.asUintN(64, a ^ b);
  let n = 0;
  while (x) {
    x &= x - 1n;
    n++;
  }
  return n;
}

/** The text's sentences, normalised and compacted (10+ characters), in order. */
export function sentences(text: string): string[] {
  return sentencesOfNormalized(normalizeText(text));
}

function sentencesOfNormalized(normalized: string): string[] {
  return normalized
    .split(SENTENCE_END)
    .map((s) => s.replace(NOT_WORDLIKE, ''))
    .filter((s) => Array.from(s).length >= SENTENCE_MIN_CHARS);
}

/** Hashes of the longest distinct sentences (53-bit, exact in a bigint column). */
export function sentenceHashes(text: string): number[] {
  return hashLongestSentences(sentences(text));
}

function hashLongestSentences(list: readonly string[]): number[] {
  return [...new Set(list)]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .slice(0, SENTENCES_PER_ARTICLE)
    .map((s) => hash53(s));
}

export interface Fingerprint {
  /** SHA-256 of the compact normalised text (receipts: anyone can recompute it). */
  readonly sha256: string;
  readonly simhash: bigint;
  readonly minhash: number[];
  readonly lshKeys: number[];
  readonly sentenceHashes: number[];
  /** Characters of the compact text. */
  readonly length: number;
  /** The shingle set (kept for exact comparisons in the same process; never stored). */
  readonly shingles: ReadonlySet<number>;
}

export function fingerprint(title: string, body: string): Fingerprint {
  const text = `${title}\n${body}`;
  const normalized = normalizeText(text);
  const compact = normalized.replace(NOT_WORDLIKE, '');
  const set = shingles(compact);
  const mins = minhash(set);
  const sim = simhash(set);
  return {
    shingles: set,
    sha256: createHash('sha256').update(compact).digest('hex'),
    simhash: sim,
    minhash: mins,
    lshKeys: lshKeys(mins),
    sentenceHashes: hashLongestSentences(sentencesOfNormalized(normalized)),
    length: Array.from(compact).length,
  };
}

export interface MatchScores {
  /** Share of the new text's shingles found in the other text (a partial copy scores ~1). */
  readonly containment: number;
  /** Share of the other text's shingles found in the new text (the original plus additions scores ~1). */
  readonly reverseContainment: number;
  readonly jaccard: number;
  /** Shingles in common: a short quotation is not a copy. */
  readonly shared: number;
}

/** Exact shingle-set comparison of two texts (title + body each). */
export function compareTexts(newText: string, otherText: string): MatchScores {
  return compareShingles(
    shingles(normalizeForFingerprint(newText)),
    shingles(normalizeForFingerprint(otherText)),
  );
}

/** The same, over shingle sets already computed. */
export function compareShingles(a: ReadonlySet<number>, b: ReadonlySet<number>): MatchScores {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  const union = a.size + b.size - shared;
  return {
    containment: a.size ? shared / a.size : 0,
    reverseContainment: b.size ? shared / b.size : 0,
    jaccard: union ? shared / union : 0,
    shared,
  };
}

/**
 * Passages of the new text found in the other: each sentence of the new text
 * with the share of its shingles present in the other text, kept when at
 * least `minShare`.
 */
export function matchingPassages(
  newText: string,
  otherText: string,
  minShare: number,
): { passage: string; share: number }[] {
  const other = shingles(normalizeForFingerprint(otherText));
  const out: { passage: string; share: number }[] = [];
  for (const raw of newText.split(SENTENCE_END)) {
    const compact = normalizeForFingerprint(raw);
    if (Array.from(compact).length < SENTENCE_MIN_CHARS) continue;
    const own = shingles(compact);
    let hit = 0;
    for (const x of own) if (other.has(x)) hit++;
    const share = hit / own.size;
    if (share >= minShare) out.push({ passage: raw.trim(), share });
  }
  return out;
}
