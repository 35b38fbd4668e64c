import { escapeHtml } from '@kitajs/html';

/**
 * Renders a plain-text body (imports): paragraphs separated by blank lines
 * become <p>, single line breaks <br>. Every character is escaped, so the
 * result is safe HTML by construction and the text survives byte-for-byte.
 */
export function renderTextBody(source: string): string {
  return splitParagraphs(source)
    .map(
      (p) =>
        `<p>${p
          .split(/\r\n|\r|\n/)
          .map((line) => escapeHtml(line))
          .join('<br>')}</p>`,
    )
    .join('\n');
}

export function splitParagraphs(source: string): string[] {
  return source.split(/(?:\r\n|\r|\n)[^\S\r\n]*(?:\r\n|\r|\n)\s*/).filter((p) => p.length > 0);
}
