/**
 * A summary for lists and meta descriptions: the start of the text, cut at a
 * sentence end when one falls late enough, never inside a surrogate pair.
 */
const SENTENCE_END = /[。！？!?；;…]/u;
/** Prefer a sentence end only if it keeps at least this share of the budget. */
const MIN_SENTENCE_SHARE = 0.5;

export function excerpt(text: string, maxChars = 120): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  const chars = Array.from(flat);
  if (chars.length <= maxChars) return flat;
  const head = chars.slice(0, maxChars);
  for (let i = head.length - 1; i >= Math.floor(maxChars * MIN_SENTENCE_SHARE); i--) {
    if (SENTENCE_END.test(head[i] ?? '')) return head.slice(0, i + 1).join('');
  }
  return `${head.slice(0, maxChars - 1).join('')}…`;
}
