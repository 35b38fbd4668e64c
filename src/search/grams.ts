/**
 * The fragment index beside the word index: each document's normalised text
 * as overlapping Han bigrams (and whole Latin words) with positions, so a
 * query piece cut anywhere becomes a phrase of bigrams ('人工' <-> '工智' <->
 * '智能'). Runs are separated by a skipped position, so a phrase never spans
 * punctuation.
 */
import { bigrams, normalizeForSearch, textPieces } from '../text/index.js';

/** tsvector positions stop at 16,383 (PostgreSQL clamps larger ones, which would break phrases). */
const MAX_POSITION = 16_383;
/** PostgreSQL keeps at most 256 positions per lexeme; later ones are dropped here, not by the server. */
const MAX_POSITIONS_PER_LEXEME = 256;

function quoted(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The gram tsvector literal of title (A), summary (B) and body (C). */
export function gramVectorLiteral(
  parts: readonly { text: string; weight: 'A' | 'B' | 'C' | 'D' }[],
): string {
  const positions = new Map<string, string[]>();
  let pos = 1;
  const add = (lexeme: string, weight: string) => {
    const list = positions.get(lexeme) ?? [];
    if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${pos}${weight}`);
    positions.set(lexeme, list);
    pos++;
  };
  outer: for (const part of parts) {
    for (const piece of textPieces(normalizeForSearch(part.text))) {
      // CASE: a run longer than the positions left is cut, never clamped onto one position.
      const lexemes = (piece.han ? bigrams(piece.text) : [piece.text]).slice(
        0,
        MAX_POSITION - pos + 1,
      );
      for (const l of lexemes) add(l, part.weight);
      if (pos > MAX_POSITION) break outer;
      pos++; // a gap: phrases stay inside one run
    }
  }
  return [...positions].map(([l, p]) => `${quoted(l)}:${p.join(',')}`).join(' ');
}

/** The normalised query pieces the fragment path searches: Han runs of 2+ characters and other words. */
export function queryFragments(text: string): string[] {
  return textPieces(normalizeForSearch(text))
    .filter((p) => !p.han || Array.from(p.text).length >= 2)
    .map((p) => p.text);
}

const HAN = /^\p{Script=Han}/u;

/** A fragment's lexemes: a Han run's bigrams, or the word itself. */
function fragmentLexemes(fragment: string): string[] {
  return HAN.test(fragment) ? bigrams(fragment) : [fragment];
}

function fragmentQuery(fragment: string): string {
  const lexemes = fragmentLexemes(fragment);
  return lexemes.length === 1 ? quoted(lexemes[0]!) : `(${lexemes.map(quoted).join(' <-> ')})`;
}

/**
 * Two tsqueries for a fragment search, or undefined when the query has no Han
 * run of 2+ characters (the word index already answers it alone): `any` ANDs
 * every bigram (answered by the GIN index without reading documents), `exact`
 * is the phrases and exclusions (checked on the few documents `any` leaves).
 */
export function fragmentTsqueries(
  fragments: readonly string[],
  excluded: readonly string[],
): { any: string; exact: string } | undefined {
  if (!fragments.some((f) => HAN.test(f))) return undefined;
  const any = [...new Set(fragments.flatMap(fragmentLexemes))].map(quoted);
  const exact = [...fragments.map(fragmentQuery), ...excluded.map((f) => `!${fragmentQuery(f)}`)];
  return { any: any.join(' & '), exact: exact.join(' & ') };
}
