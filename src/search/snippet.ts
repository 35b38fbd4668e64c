/**
 * Result snippets centred on what matched: the first place in the article's
 * text where the longest query word (or fragment) occurs, with a little
 * context before it — what a reader scanning results needs to judge a hit.
 * The article's summary stands in when no word occurs as written (a
 * Traditional text found through its Simplified reading).
 */

/** About two lines of a result card at 1280 px. */
export const SNIPPET_CHARS = 110;
/** Context kept before the match, so the words read in their sentence. */
const LEAD_CHARS = 24;

/** The readable text of a body: Markdown figures, link targets and markers dropped, spaces collapsed. */
export function plainText(source: string): string {
  return source
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(?:#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A window of the text around the first occurrence of the longest word that occurs. */
export function snippetAround(text: string, words: readonly string[], fallback: string): string {
  const chars = Array.from(text);
  const lower = chars.map((c) => c.toLowerCase());
  const joined = lower.join('');
  const usable = [...new Set(words.map((w) => w.toLowerCase()))].filter((w) => w.length > 0);
  // Single characters (学, 的) match everywhere: they place a snippet only when nothing longer does.
  const ordered = usable.sort((a, b) => Array.from(b).length - Array.from(a).length);
  for (const word of ordered) {
    const at = joined.indexOf(word);
    if (at < 0) continue;
    // indexOf counts UTF-16 units; the window is cut on code points.
    const atChar = Array.from(joined.slice(0, at)).length;
    const start = Math.max(0, atChar - LEAD_CHARS);
    const end = Math.min(chars.length, start + SNIPPET_CHARS);
    return `${start > 0 ? '…' : ''}${chars.slice(start, end).join('')}${end < chars.length ? '…' : ''}`;
  }
  return fallback;
}
