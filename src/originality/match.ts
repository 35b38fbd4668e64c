/**
 * Deciding whether a text copies another, from fingerprint candidates and an
 * exact comparison. Pure rules; the thresholds are documented in
 * docs/originality.md and measured by test/originality-quality.test.ts.
 */
import {
  compareShingles,
  compareTexts,
  normalizeForFingerprint,
  shingles,
  type MatchScores,
} from '../text/index.js';

/**
 * A copy: at least this share of one text's shingles appear in the other.
 * Either direction — the copy is mostly the original (a third of it, or with
 * 30 % reworded: 0.6–1.0), or contains most of the original (original plus
 * boilerplate and a spam line: ~0.9). Different articles on one topic score
 * under 0.15 on the corpus.
 */
export const COPY_CONTAINMENT = 0.5;
/** …and they share at least this many 5-character shingles (~50 characters): a quotation is not a copy. */
export const COPY_MIN_SHARED = 50;
/** A whole copy: both directions at least this (a partial copy covers only part of the original). */
export const WHOLE_COPY_CONTAINMENT = 0.5;

export type MatchKind = 'whole' | 'partial';

export interface MatchDecision extends MatchScores {
  readonly isCopy: boolean;
  readonly kind: MatchKind;
}

export function decideMatch(scores: MatchScores): MatchDecision {
  const isCopy =
    scores.shared >= COPY_MIN_SHARED &&
    Math.max(scores.containment, scores.reverseContainment) >= COPY_CONTAINMENT;
  const kind: MatchKind =
    Math.min(scores.containment, scores.reverseContainment) >= WHOLE_COPY_CONTAINMENT
      ? 'whole'
      : 'partial';
  return { ...scores, isCopy, kind };
}

/** Compares title + body of a new text with an earlier one. */
export function matchTexts(
  newer: { title: string; body: string },
  earlier: { title: string; body: string },
): MatchDecision {
  return decideMatch(
    compareTexts(`${newer.title}\n${newer.body}`, `${earlier.title}\n${earlier.body}`),
  );
}

/**
 * Below this MinHash estimate of Jaccard, a candidate that shares only LSH
 * bands (no sentence, no near SimHash) is not worth an exact comparison:
 * texts on a common topic collide in a band now and then (J ≈ 0.1–0.2),
 * while whole copies estimate ≥ 0.4 and partial copies bring sentence hits.
 */
export const MIN_ESTIMATED_JACCARD = 0.25;

/** Which index candidates get the (exact, costlier) comparison. */
export function worthVerifying(c: {
  sentenceHits: number;
  simhashNear: boolean;
  estimatedJaccard: number;
}): boolean {
  return c.sentenceHits > 0 || c.simhashNear || c.estimatedJaccard >= MIN_ESTIMATED_JACCARD;
}

/** The share of equal MinHash values: an unbiased estimate of the Jaccard similarity. */
export function estimateJaccard(a: readonly number[], b: readonly number[]): number {
  let equal = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) equal++;
  return a.length ? equal / a.length : 0;
}

/** The shingle set of title + body, as matchTexts compares them. */
export function textShingles(t: { title: string; body: string }): ReadonlySet<number> {
  return shingles(normalizeForFingerprint(`${t.title}\n${t.body}`));
}

/** matchTexts over shingle sets computed once (batches compare one text with many). */
export function matchShingles(a: ReadonlySet<number>, b: ReadonlySet<number>): MatchDecision {
  return decideMatch(compareShingles(a, b));
}
