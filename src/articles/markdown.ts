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

/** What the renderer knows about an uploaded image (for width/height and srcset). */
export interface ImageInfo {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly variants: readonly number[];
}

export const MEDIA_PATH = /^\/media\/([0-9a-f-]{36})(?:\/[\w.-]*)?$/;

/** Content width of the article column in CSS px, for `sizes`. */
const ARTICLE_COLUMN_PX = 720;

let md: MarkdownIt | undefined;

function renderer(): MarkdownIt {
  if (md) return md;
  md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
  return md;
}

export function imageIdsIn(markdown: string): string[] {
  const ids = new Set<string>();
  for (const m of markdown.matchAll(/\/media\/([0-9a-f-]{36})/g)) ids.add(m[1]!);
  return [...ids];
}

export function renderMarkdown(
  source: string,
  images: ReadonlyMap<string, ImageInfo> = new Map(),
): string {
  const env = {};
  const tokens = renderer().parse(source, env);
  // Paragraphs that hold a single image become figures.
  for (let i = 0; i < tokens.length - 2; i++) {
    const [open, inline, close] = [tokens[i]!, tokens[i + 1]!, tokens[i + 2]!];
    if (
      open.type !== 'paragraph_open' ||
      close.type !== 'paragraph_close' ||
      inline.type !== 'inline'
    )
      continue;
    const children = (inline.children ?? []).filter(
      (c) => !(c.type === 'text' && c.content.trim() === ''),
    );
    if (children.length !== 1 || children[0]!.type !== 'image') continue;
    open.tag = 'figure';
    close.tag = 'figure';
    open.attrSet('class', 'figure');
  }
  const html = renderer().renderer.render(tokens, renderer().options, env);
  return sanitize(enhanceImages(html, images));
}

/** Adds size, srcset, lazy loading and captions to images after rendering. */
function enhanceImages(html: string, images: ReadonlyMap<string, ImageInfo>): string {
  return html.replace(
    /<img src="([^"]*)" alt="([^"]*)"(?: title="([^"]*)")?>/g,
    (_all, src: string, alt: string, title?: string) => {
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
      return title ? `${img}<figcaption>${title}</figcaption>` : img;
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
