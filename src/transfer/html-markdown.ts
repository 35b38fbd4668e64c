/**
 * Source HTML → article Markdown. WordPress bodies are first freed of what
 * only WordPress understands: block comments (`<!-- wp:paragraph -->`),
 * `[caption]` (an image with its caption → a figure with a title), and the
 * common shortcodes (`[embed]`, `[video]`, `[audio]`, `[gallery]`, `[code]`).
 * WordPress's own "blank line is a paragraph" rule (wpautop) is applied to
 * bodies without block markup, as WordPress does when it shows them.
 */
import TurndownService from 'turndown';

/** One converter: configuration only, never changed after this. */
const turndown = new TurndownService({
  headingStyle: 'atx',
  codeBlockStyle: 'fenced',
  bulletListMarker: '-',
  emDelimiter: '*',
  hr: '---',
});
// List items as people write them (`- 项`, `1. 项`), nested items indented to their text.
turndown.addRule('listItem', {
  filter: 'li',
  replacement: (content, node, options) => {
    const parent = node.parentNode as
      (Node & { getAttribute(n: string): string | null; nodeName: string }) | null;
    let prefix = `${options.bulletListMarker} `;
    if (parent?.nodeName === 'OL') {
      const start = Number(parent.getAttribute('start') ?? 1);
      let index = 0;
      for (let n = node.previousSibling; n; n = n.previousSibling) if (n.nodeName === 'LI') index++;
      prefix = `${start + index}. `;
    }
    const body = content
      .replace(/^\n+/, '')
      .replace(/\n+$/, '\n')
      .replace(/\n/gm, `\n${' '.repeat(prefix.length)}`);
    return prefix + body + (node.nextSibling && !/\n$/.test(body) ? '\n' : '');
  },
});
turndown.remove(['script', 'style', 'iframe', 'object', 'embed', 'form', 'noscript']);
// A figure keeps its caption as the image's title (our figures render it as <figcaption>).
turndown.addRule('figure', {
  filter: (node) => node.nodeName === 'FIGURE' && !!node.querySelector('img'),
  replacement: (_content, node) => {
    const el = node as unknown as Element;
    const img = el.querySelector('img')!;
    const caption = el.querySelector('figcaption')?.textContent?.trim() ?? '';
    return `\n\n${imageMarkdown(img.getAttribute('src') ?? '', img.getAttribute('alt') ?? '', caption)}\n\n`;
  },
});

export function imageMarkdown(src: string, alt: string, caption = ''): string {
  const title = caption ? ` "${caption.replace(/"/g, '”')}"` : '';
  return `![${alt.replace(/[[\]]/g, '')}](${src.replace(/[()\s]/g, encodeURIComponent)}${title})`;
}

const SHORTCODE_LINKS = /\[(embed|video|audio)([^\]]*)\](?:([^[]*)\[\/\1\])?/g;

/** WordPress's shortcodes and block comments → plain HTML turndown understands. */
export function unwrapWordPress(html: string): string {
  let out = html.replace(/<!--\s*\/?wp:[\s\S]*?-->/g, '');
  out = out.replace(/\[caption([^\]]*)\]([\s\S]*?)\[\/caption\]/g, (_m, _attrs, inner: string) => {
    const img = /<img[^>]*>/i.exec(inner)?.[0] ?? '';
    const caption = inner
      .replace(/<a[^>]*>\s*<img[^>]*>\s*<\/a>/gi, '')
      .replace(/<img[^>]*>/gi, '')
      .replace(/<[^>]+>/g, '')
      .trim();
    return `<figure>${img}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
  });
  out = out.replace(SHORTCODE_LINKS, (_m, _name, attrs: string, inner?: string) => {
    const url = (inner ?? '').trim() || /(?:src|mp4|mp3|url)="([^"]+)"/.exec(attrs)?.[1] || '';
    return url ? `<p><a href="${url}">${escapeHtml(url)}</a></p>` : '';
  });
  out = out.replace(
    /\[(?:code|sourcecode)[^\]]*\]([\s\S]*?)\[\/(?:code|sourcecode)\]/g,
    (_m, code: string) => `<pre><code>${escapeHtml(code)}</code></pre>`,
  );
  // Any other shortcode ([gallery], [contact-form]…) has no meaning here: dropped, its text kept.
  out = out.replace(/\[\/?[a-z][\w-]*(?:\s[^\]]*)?\]/g, '');
  return out;
}

/** wpautop, in short: a blank line ends a paragraph when the body has no block markup of its own. */
export function autoParagraphs(html: string): string {
  if (/<(p|div|h[1-6]|ul|ol|blockquote|pre|table|figure)\b/i.test(html)) return html;
  return html
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

export function htmlToMarkdown(html: string): string {
  if (html.trim() === '') return '';
  return turndown
    .turndown(html)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A WordPress post body (content:encoded) → Markdown. */
export function wordpressToMarkdown(html: string): string {
  return htmlToMarkdown(autoParagraphs(unwrapWordPress(html)));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
