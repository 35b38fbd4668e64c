/**
 * Checks that text can be stored and served losslessly. PostgreSQL text cannot
 * hold U+0000, and a lone UTF-16 surrogate has no UTF-8 encoding (it would turn
 * into U+FFFD — a lost character). Everything else, including emoji, other
 * supplementary-plane characters, superscripts, control characters and
 * full-width punctuation, is stored exactly as given.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type UnicodeProblem = 'nul' | 'lone-surrogate';

export function findUnicodeProblem(text: string): UnicodeProblem | undefined {
  if (text.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(text)) return 'lone-surrogate';
  return undefined;
}

/** Length in Unicode code points (what a reader counts as characters), not UTF-16 units. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** True when the text has at least one character that is not whitespace or invisible formatting. */
export function hasVisibleText(text: string): boolean {
  return /[^\s\p{Cc}\p{Cf}\p{Z}]/u.test(text);
}
