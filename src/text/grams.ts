/**
 * Character pieces for fragment search: a reader types part of a phrase cut
 * anywhere (四个字 from inside a longer term), not at jieba's word boundaries.
 * Normalised text (normalizeForSearch) is split into runs of Han characters,
 * which become overlapping bigrams (人工智能 → 人工 工智 智能), and other words
 * (Latin letters, digits, kana …), which stay whole.
 */

/** A run of Han characters, or a word of other letters and digits. */
const PIECE = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;

export type TextPiece =
  | { readonly han: true; readonly text: string }
  | {
      readonly han: false;
      readonly text: string;
    };

/** The runs and words of already normalised text, in order. */
export function textPieces(normalized: string): TextPiece[] {
  const out: TextPiece[] = [];
  for (const m of normalized.matchAll(PIECE))
    out.push(m[1] ? { han: true, text: m[1] } : { han: false, text: m[2]! });
  return out;
}

/** Overlapping character bigrams of a Han run (a single character yields none). */
export function bigrams(run: string): string[] {
  const chars = Array.from(run);
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}
