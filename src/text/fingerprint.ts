/**
 * Fingerprints for originality protection (原创保护): pure functions over the
 * article text, so a copy is recognised however it was disguised.
 *
 * - normalizeForFingerprint: markup and URLs removed, NFKC (full/half width),
 *   stray pinyin annotations removed, Traditional → Simplified, lower case,
 *   then only letters and digits kept (punctuation and whitespace say nothing
 *   about authorship and are the cheapest thing for a copier to change).
 * - SimHash (64 bits over jieba words, weighted by frequency): whole-document
 *   near-duplicates are within a few bits; indexed as 4 bands of 16 bits, so
 *   any two fingerprints within Hamming distance 3 share a band (pigeonhole).
 * - MinHash (128 hashes over character 5-shingles) with LSH banding (32 bands
 *   × 4 rows): documents with Jaccard ≳ 0.4 share a band with high probability
 *   (paragraph-shuffled and lightly reworded copies, 洗稿).
 * - Sentence hashes: every normalised sentence of 10+ characters; a copy of
 *   part of an article (a third, a few paragraphs) shares whole sentences with
 *   it even when its MinHash Jaccard is low.
 * Candidates from any of the three are verified with exact shingle-set
 * containment and Jaccard (verifyMatch) before anything is decided.
 */
import { createHash } from 'node:crypto';
import { toSimplified } from './convert.js';
import { queryTokens } from './segment.js';

/** Characters per shingle: about three Chinese words; shorter shingles recur across unrelated texts. */
export const SHINGLE_CHARS = 5;
/** MinHash size: the Jaccard estimate's standard error is ~1/√128 ≈ 0.09, and 32 bands × 4 rows fit. */
export const MINHASH_SIZE = 128;
/** LSH bands and rows: (1/32)^(1/4) ≈ 0.42 is the Jaccard where a pair becomes likely to collide. */
export const LSH_BANDS = 32;
export const LSH_ROWS = 4;
/** SimHash bands: 4 × 16 bits, so Hamming distance ≤ 3 always shares one band. */
export const SIMHASH_BANDS = 4;
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
  let t = text;
  for (const re of MARKUP) t = t.replace(re, (_m, inner?: string) => inner ?? ' ');
  return toSimplified(t.normalize('NFKC')).toLowerCase();
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

/** Fixed seeds (splitmix-style sequence): fingerprints must not change between releases. */
const MINHASH_SEEDS = Array.from({ length: MINHASH_SIZE }, (_, i) =>
  fmix32(Math.imul(i + 1, 0x9e3779b9)),
);

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

export function minhash(set: ReadonlySet<number>): number[] {
  const mins = new Array<number>(MINHASH_SIZE).fill(0xffffffff);
  for (const x of set) {
    for (let i = 0; i < MINHASH_SIZE; i++) {
      const v = fmix32(x ^ MINHASH_SEEDS[i]!);
      if (v < mins[i]!) mins[i] = v;
    }
  }
  return mins;
}

/** One key per band: articles sharing a key are LSH candidates (32-bit, stored as integer). */
export function lshKeys(mins: readonly number[]): number[] {
  const keys: number[] = [];
  for (let b = 0; b < LSH_BANDS; b++) {
    const band = mins.slice(b * LSH_ROWS, (b + 1) * LSH_ROWS).join(',');
    keys.push((hash53(band, b) % 4294967296) - 2147483648);
  }
  return keys;
}

/** 64-bit SimHash over jieba words (frequency-weighted), as a signed bigint for storage. */
export function simhash(normalized: string): bigint {
  const weights = new Map<string, number>();
  for (const w of queryTokens(normalized)) {
    if (!/[\p{L}\p{N}]/u.test(w)) continue;
    weights.set(w, (weights.get(w) ?? 0) + 1);
  }
  const v = new Array<number>(64).fill(0);
  for (const [word, weight] of weights) {
    const lo = hash53(word, 1) % 4294967296;
    const hi = hash53(word, 2) % 4294967296;
    for (let bit = 0; bit < 32; bit++) {
      v[bit]! += (lo >>> bit) & 1 ? weight : -weight;
      v[bit + 32]! += (hi >>> bit) & 1 ? weight : -weight;
    }
  }
  let out = 0n;
  for (let bit = 63; bit >= 0; bit--) out = (out << 1n) | (v[bit]! > 0 ? 1n : 0n);
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

/** The four 16-bit bands of a SimHash, each tagged with its band number (0..3) in the top bits. */
export function simhashBands(hash: bigint): number[] {
  const u = BigInt.asUintN(64, hash);
  return Array.from(
    { length: SIMHASH_BANDS },
    (_, b) => b * 65536 + Number((u >> BigInt(b * 16)) & 0xffffn),
  );
}

/** The text's sentences, normalised and compacted (10+ characters), in order. */
export function sentences(text: string): string[] {
  return normalizeText(text)
    .split(SENTENCE_END)
    .map((s) => s.replace(NOT_WORDLIKE, ''))
    .filter((s) => Array.from(s).length >= SENTENCE_MIN_CHARS);
}

/** Hashes of the longest distinct sentences (53-bit, exact in a bigint column). */
export function sentenceHashes(text: string): number[] {
  return [...new Set(sentences(text))]
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
  readonly simhashBands: number[];
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
  const sim = simhash(normalized);
  return {
    shingles: set,
    sha256: createHash('sha256').update(compact).digest('hex'),
    simhash: sim,
    minhash: mins,
    lshKeys: lshKeys(mins),
    simhashBands: simhashBands(sim),
    sentenceHashes: sentenceHashes(text),
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
