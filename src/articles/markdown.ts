/**
 * Article Markdown → safe HTML. Two layers: markdown-it with raw HTML turned
 * off (so `<script>` in the source is text), then an allowlist sanitizer on
 * the output (so no element, attribute or URL scheme outside the list
 * survives, whatever the renderer does). A paragraph holding only an image
 * becomes a <figure>, its Markdown title the <figcaption>:
 *   ![兵马俑坑全景](/media/ID "来源：维基百科")
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import type { ImageInfo } from '../media/index.js';

export const MEDIA_PATH = /^\/media\/([0-9a-f-]{36})(?:\/[\w.-]*)?$/;

/** Content width of the article column in CSS px, for `sizes`. */
const ARTICLE_COLUMN_PX = 720;

/**
 * The Markdown parser: configuration only (its rules are fixed here and never
 * changed), so every app in a process may share it.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

export function imageIdsIn(markdown: string): string[] {
  const ids = new Set<string>();
  for (const m of markdown.matchAll(/\/media\/([0-9a-f-]{36})/g)) ids.add(m[1]!);
  return [...ids];
}

type Token = ReturnType<typeof markdown.parse>[number];

const isBlank = (t: Token) => t.type === 'text' && t.content.trim() === '';
const isBreak = (t: Token) => t.type === 'softbreak' || t.type === 'hardbreak';

/**
 * A paragraph's inline children split at line breaks into lines; a line
 * holding a single image is a figure of its own, the other lines stay
 * paragraphs. So `![图](/media/ID "图注")` directly followed by a line of
 * text is a figure and a paragraph, never a caption inside a <p>.
 */
function splitParagraph(open: Token, inline: Token, close: Token): Token[] {
  const Tok = open.constructor as new (type: string, tag: string, nesting: -1 | 0 | 1) => Token;
  const lines: Token[][] = [[]];
  for (const child of inline.children ?? []) {
    if (isBreak(child)) lines.push([child]);
    else lines.at(-1)!.push(child);
  }
  const content = (line: Token[]) => line.filter((c) => !isBreak(c) && !isBlank(c));
  const isFigure = (line: Token[]) => {
    const kids = content(line);
    return kids.length === 1 && kids[0]!.type === 'image';
  };
  if (!lines.some(isFigure)) return [open, inline, close];
  const out: Token[] = [];
  const block = (tag: 'p' | 'figure', children: Token[]) => {
    const o = new Tok('paragraph_open', tag, 1);
    o.block = true;
    o.level = open.level;
    if (tag === 'figure') o.attrSet('class', 'figure');
    const i = new Tok('inline', '', 0);
    i.level = inline.level;
    i.content = '';
    i.children = children;
    const c = new Tok('paragraph_close', tag, -1);
    c.block = true;
    c.level = close.level;
    out.push(o, i, c);
  };
  let text: Token[] = [];
  const flush = () => {
    // A paragraph does not start or end with the break that separated it from a figure.
    while (text.length && (isBreak(text[0]!) || isBlank(text[0]!))) text.shift();
    while (text.length && (isBreak(text.at(-1)!) || isBlank(text.at(-1)!))) text.pop();
    if (text.length) block('p', text);
    text = [];
  };
  for (const line of lines) {
    if (isFigure(line)) {
      flush();
      block('figure', content(line));
    } else text.push(...line);
  }
  flush();
  return out;
}

export function renderMarkdown(
  source: string,
  images: ReadonlyMap<string, ImageInfo> = new Map(),
): string {
  const env = {};
  const parsed = markdown.parse(source, env);
  // Paragraphs that hold a single image (or lines that do) become figures.
  const tokens: Token[] = [];
  for (let i = 0; i < parsed.length; i++) {
    const [open, inline, close] = [parsed[i]!, parsed[i + 1], parsed[i + 2]];
    if (
      open.type === 'paragraph_open' &&
      inline?.type === 'inline' &&
      close?.type === 'paragraph_close'
    ) {
      tokens.push(...splitParagraph(open, inline, close));
      i += 2;
    } else tokens.push(open);
  }
  const html = markdown.renderer.render(tokens, markdown.options, env);
  return sanitize(enhanceImages(html, images));
}

/**
 * The text of an article's body paragraphs, for its automatic summary: no
 * headings, quotes, lists, tables, code or figures (and so no captions).
 */
export function bodyParagraphText(source: string): string {
  const tokens = markdown.parse(source, {});
  const paragraphs: string[] = [];
  for (let i = 0; i < tokens.length - 1; i++) {
    const open = tokens[i]!;
    const inline = tokens[i + 1]!;
    // Top-level paragraphs only: inside a quote or a list item a paragraph is nested (level > 0).
    if (open.type !== 'paragraph_open' || open.level !== 0 || inline.type !== 'inline') continue;
    const text = (inline.children ?? [])
      .map((c) =>
        c.type === 'text' || c.type === 'code_inline' ? c.content : isBreak(c) ? ' ' : '',
      )
      .join('')
      .replace(/\s+/gu, ' ')
      .trim();
    if (text !== '') paragraphs.push(text);
  }
  return paragraphs.join('\n');
}

/** Adds size, srcset and lazy loading to images, and the caption to figures, after rendering. */
function enhanceImages(html: string, images: ReadonlyMap<string, ImageInfo>): string {
  return html.replace(
    /(<figure class="figure">)?<img src="([^"]*)" alt="([^"]*)"(?: title="([^"]*)")?>/g,
    (_all, figure: string | undefined, src: string, alt: string, title?: string) => {
      const match = MEDIA_PATH.exec(src);
      const info = match ? images.get(match[1]!) : undefined;
      let img: string;
      if (info) {
        const largest = info.variants.at(-1) ?? info.width;
        const srcset = info.variants.map((w) => `/media/${info.id}/${w}.webp ${w}w`).join(', ');
        img =
          `<img src="/media/${info.id}/${largest}.webp" srcset="${srcset}" ` +
          `sizes="(max-width: ${ARTICLE_COLUMN_PX}px) 100vw, ${ARTICLE_COLUMN_PX}px" ` +
          `width="${info.width}" height="${info.height}" alt="${alt}" loading="lazy" decoding="async">`;
      } else {
        img = `<img src="${src}" alt="${alt}" loading="lazy" decoding="async">`;
      }
      // CASE: an image inside a paragraph (with text on its line) has no caption: <figcaption>
      // is valid only in a <figure>.
      return figure ? `${figure}${img}${title ? `<figcaption>${title}</figcaption>` : ''}` : img;
    },
  );
}

const ALLOWED = {
  allowedTags: [
    'p',
    'br',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'em',
    's',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'figure',
    'figcaption',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'sup',
    'sub',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'srcset', 'sizes', 'alt', 'width', 'height', 'loading', 'decoding'],
    figure: ['class'],
    ol: ['start'],
    th: ['style'],
    td: ['style'],
  },
  allowedClasses: { figure: ['figure'] },
  allowedStyles: { '*': { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  // An image whose URL was refused is dropped rather than left empty.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  transformTags: {
    h1: 'h2',
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener ugc' }),
  },
} satisfies sanitizeHtml.IOptions;

export function sanitize(html: string): string {
  return sanitizeHtml(html, {
    ...ALLOWED,
    allowedAttributes: { ...ALLOWED.allowedAttributes, a: ['href', 'title', 'rel'] },
  });
}
