import { escapeHtml } from '@kitajs/html';

/**
 * THE ONLY PLACES raw markup enters a page. Reviewers: grep for
 * `trustedArticleHtml` and `jsonLdScript` to audit every raw insertion.
 */

/** Article HTML that the articles domain produced by escaping or sanitizing (articles.body_html). */
export function trustedArticleHtml(sanitizedHtml: string): JSX.Element {
  return sanitizedHtml;
}

/**
 * JSON for a `<script type="application/ld+json">` block: `<`, `>`, `&` and the
 * JS line separators are escaped, so no string inside can close the script.
 */
export function jsonLdScript(data: unknown): JSX.Element {
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `<script type="application/ld+json">${json}</script>`;
}

/** An SVG we generated ourselves (QR codes, avatars) from escaped or numeric input. */
export function trustedSvg(svg: string): JSX.Element {
  return svg;
}

/**
 * Text with the search words wrapped in <mark>: every piece of the text is
 * escaped; only the <mark> tags are markup. Matching ignores case.
 */
export function highlightedText(text: string, words: readonly string[]): JSX.Element {
  const usable = [...new Set(words.filter((w) => w.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  if (usable.length === 0) return escapeHtml(text);
  const pattern = new RegExp(
    usable.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
    'giu',
  );
  let out = '';
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    out += `${escapeHtml(text.slice(last, m.index))}<mark>${escapeHtml(m[0])}</mark>`;
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}
