/**
 * XML text: escaped, and without the characters XML 1.0 cannot carry at all
 * (C0 controls other than tab/newline/return, lone surrogates, U+FFFE/FFFF).
 * Those are dropped from feeds and sitemaps only; the stored text keeps them.
 */
const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(text: string): string {
  return text
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** For JSON Feed strings: the same characters removed, so every consumer can parse it. */
export function feedSafe(text: string): string {
  return text.replace(XML_INVALID, '');
}
