/**
 * A Ghost post's body as HTML: its `html` when the export has it, else
 * rendered from `lexical` (Ghost 5) or `mobiledoc` (Ghost 2–4). Only what a
 * post body holds is rendered: paragraphs, headings, quotes, lists, links
 * and emphasis, and the cards that carry content (markdown, html, image,
 * code); other cards (email, signup, paywall) have no meaning here.
 */
import MarkdownIt from 'markdown-it';

type Row = Record<string, unknown>;

/** Renders Ghost's markdown cards (configuration only, never changed). */
const markdown = new MarkdownIt({ html: true, linkify: false });

export function ghostBodyHtml(post: Row): string {
  if (typeof post.html === 'string' && post.html.trim() !== '') return unplaceholder(post.html);
  try {
    if (typeof post.lexical === 'string' && post.lexical)
      return unplaceholder(lexicalHtml(JSON.parse(post.lexical) as Row));
    if (typeof post.mobiledoc === 'string' && post.mobiledoc)
      return unplaceholder(mobiledocHtml(JSON.parse(post.mobiledoc) as Row));
  } catch {
    // A body Ghost itself could not have written: the plain text below is all there is.
  }
  return typeof post.plaintext === 'string' ? escape(post.plaintext) : '';
}

/** Ghost 4+ writes its own address as `__GHOST_URL__` in bodies and images. */
function unplaceholder(html: string): string {
  return html.replace(/__GHOST_URL__/g, '');
}

function escape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function card(name: string, payload: Row): string {
  const s = (k: string) => (typeof payload[k] === 'string' ? (payload[k] as string) : '');
  switch (name) {
    case 'markdown':
    case 'card-markdown':
      return markdown.render(s('markdown'));
    case 'html':
      return s('html');
    case 'image':
      return `<figure><img src="${escape(s('src'))}" alt="${escape(s('alt'))}"><figcaption>${s('caption')}</figcaption></figure>`;
    case 'code':
    case 'codeblock':
      return `<pre><code>${escape(s('code'))}</code></pre>`;
    case 'hr':
    case 'horizontalrule':
      return '<hr>';
    default:
      return '';
  }
}

/** Mobiledoc 0.3: sections of markers (text with markups opened and closed), cards and lists. */
function mobiledocHtml(doc: Row): string {
  const markups = (doc.markups ?? []) as [string, string[]?][];
  const cards = (doc.cards ?? []) as [string, Row][];
  const markers = (list: unknown[][]): string => {
    const open: string[] = [];
    let out = '';
    for (const [, opens, closes, value] of list as [number, number[], number, string][]) {
      for (const m of opens) {
        const [tag, attrs = []] = markups[m] ?? ['span'];
        let attr = '';
        for (let i = 0; i + 1 < attrs.length; i += 2)
          attr += ` ${attrs[i]}="${escape(String(attrs[i + 1]))}"`;
        out += `<${tag}${attr}>`;
        open.push(tag);
      }
      out += typeof value === 'string' ? escape(value) : '';
      for (let i = 0; i < closes; i++) out += `</${open.pop()}>`;
    }
    return out;
  };
  return ((doc.sections ?? []) as unknown[][])
    .map((section) => {
      const [type] = section as [number];
      if (type === 1)
        return `<${section[1] as string}>${markers(section[2] as unknown[][])}</${section[1] as string}>`;
      if (type === 10) {
        const [name, payload] = cards[section[1] as number] ?? ['', {}];
        return card(name, payload);
      }
      if (type === 3) {
        const items = (section[2] as unknown[][][]).map((m) => `<li>${markers(m)}</li>`).join('');
        return `<${section[1] as string}>${items}</${section[1] as string}>`;
      }
      return '';
    })
    .join('\n');
}

/** Lexical: a tree of element nodes with text leaves; formats are bit flags (1 bold, 2 italic, 16 code). */
function lexicalHtml(doc: Row): string {
  const node = (n: Row): string => {
    const kids = () => ((n.children ?? []) as Row[]).map(node).join('');
    switch (n.type) {
      case 'root':
        return ((n.children ?? []) as Row[]).map(node).join('\n');
      case 'paragraph':
        return `<p>${kids()}</p>`;
      case 'heading':
      case 'extended-heading':
        return `<${String(n.tag ?? 'h2')}>${kids()}</${String(n.tag ?? 'h2')}>`;
      case 'quote':
      case 'extended-quote':
      case 'aside':
        return `<blockquote>${kids()}</blockquote>`;
      case 'list':
        return `<${String(n.tag ?? 'ul')}>${kids()}</${String(n.tag ?? 'ul')}>`;
      case 'listitem':
        return `<li>${kids()}</li>`;
      case 'link':
        return `<a href="${escape(String(n.url ?? ''))}">${kids()}</a>`;
      case 'linebreak':
        return '<br>';
      case 'text':
      case 'extended-text': {
        const format = Number(n.format ?? 0);
        let t = escape(String(n.text ?? ''));
        if (format & 16) t = `<code>${t}</code>`;
        if (format & 2) t = `<em>${t}</em>`;
        if (format & 1) t = `<strong>${t}</strong>`;
        return t;
      }
      default:
        return card(String(n.type), n);
    }
  };
  return node((doc.root ?? doc) as Row);
}
