/**
 * A folder of Markdown files (Hexo, Hugo, Jekyll) → source records. Every
 * `.md`/`.markdown` file below the folder is one item; the files are read one
 * at a time. UTF-8 with or without a BOM, CRLF or LF; file names with spaces
 * and full-width punctuation are used as they are.
 *
 *   front matter  title (else the file name), date (else Jekyll's file-name
 *                 date), tags, categories (Hexo's nested lists flattened),
 *                 draft: true / published: false / a `_drafts` folder → draft,
 *                 a future date → scheduled; permalink, url, aliases → 301s.
 *   pages         `layout: page`, or a file outside `_posts` when the folder
 *                 has one (Hexo's source/about/index.md).
 *   tag plugins   Hexo's {% blockquote %}, {% codeblock %}, {% img %} and
 *                 Hugo's {{< figure >}} become Markdown; other tags are dropped.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join, relative, sep } from 'node:path';
import matter from 'gray-matter';
import { imageMarkdown } from './html-markdown.js';
import { sourceDate, type SourceRecord } from './model.js';

const MARKDOWN_EXTENSIONS: readonly string[] = ['.md', '.markdown'];

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) yield* walk(full);
    else if (e.isFile() && MARKDOWN_EXTENSIONS.includes(extname(e.name).toLowerCase())) yield full;
  }
}

async function hasPostsFolder(dir: string): Promise<boolean> {
  for await (const f of walk(dir)) if (f.split(sep).includes('_posts')) return true;
  return false;
}

const list = (v: unknown): string[] =>
  v == null ? [] : Array.isArray(v) ? v.flat(3).map(String) : String(v).split(/[,，]\s*/);

export async function* readMarkdownFolder(root: string, now: Date): AsyncGenerator<SourceRecord> {
  const postsFolder = await hasPostsFolder(root);
  for await (const file of walk(root)) {
    const rel = relative(root, file).split(sep).join('/');
    const parts = rel.split('/');
    let parsed: matter.GrayMatterFile<string>;
    try {
      const raw = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
      // gray-matter caches by content; a fresh options object turns the cache off.
      parsed = matter(raw, {});
    } catch (err) {
      yield {
        type: 'fail',
        fail: {
          kind: 'articles',
          position: rel,
          reason: `front matter 无法解析：${(err as Error).message.split('\n')[0]}`,
        },
      };
      continue;
    }
    const fm = parsed.data as Record<string, unknown>;
    const isPage =
      fm.layout === 'page' ||
      (postsFolder && !parts.includes('_posts') && !parts.includes('_drafts'));
    const kind = isPage ? 'pages' : 'articles';
    const stem = basename(file, extname(file));
    const jekyll = /^(\d{4}-\d{2}-\d{2})-(.+)$/.exec(stem);
    const date = sourceDate(fm.date, false) ?? (jekyll ? sourceDate(jekyll[1]) : undefined);
    const draft = fm.draft === true || fm.published === false || parts.includes('_drafts');
    const slug = typeof fm.slug === 'string' ? fm.slug : (jekyll?.[2] ?? stem);
    const oldLinks = [fm.permalink, fm.url, ...list(fm.aliases)].filter(
      (l): l is string => typeof l === 'string' && l !== '',
    );
    if (!isPage && date && oldLinks.length === 0) {
      const d = date.toISOString();
      oldLinks.push(`/${d.slice(0, 4)}/${d.slice(5, 7)}/${d.slice(8, 10)}/${slug}/`);
    }
    yield {
      type: 'article',
      article: {
        key: `markdown:${rel}`,
        position: rel,
        kind,
        title: (typeof fm.title === 'string' && fm.title.trim()) || (jekyll?.[2] ?? stem),
        bodyMarkdown: tagPlugins(parsed.content).trim(),
        status: draft ? 'draft' : date && date > now ? 'scheduled' : 'published',
        publishedAt: date,
        categories: list(fm.categories ?? fm.category),
        tags: list(fm.tags ?? fm.tag),
        comments: [],
        oldLinks,
        coverUrl: [fm.cover, fm.thumbnail, fm.image, fm.banner_img].find(
          (v): v is string => typeof v === 'string' && v !== '',
        ),
        summary: typeof fm.description === 'string' ? fm.description : undefined,
      },
    };
  }
}

/** Hexo and Hugo template tags that have a Markdown equivalent; the rest are dropped. */
function tagPlugins(body: string): string {
  return body
    .replace(/<!--\s*more\s*-->/g, '')
    .replace(
      /\{%\s*(?:codeblock|code)\s*([^%]*?)%\}\n?([\s\S]*?)\{%\s*end(?:codeblock|code)\s*%\}/g,
      (_m, args: string, code: string) =>
        `\`\`\`${(/lang:(\S+)/.exec(args)?.[1] ?? args.split(/\s+/)[0] ?? '').trim()}\n${code.replace(/\n$/, '')}\n\`\`\``,
    )
    .replace(
      /\{%\s*(?:blockquote|quote)\s*([^%]*?)%\}([\s\S]*?)\{%\s*end(?:blockquote|quote)\s*%\}/g,
      (_m, by: string, text: string) =>
        `${text
          .trim()
          .split('\n')
          .map((l) => `> ${l}`)
          .join('\n')}${by.trim() ? `\n>\n> —— ${by.trim()}` : ''}`,
    )
    .replace(
      /\{%\s*img\s+(?:\S+\s+)?(https?:\/\/\S+|\/\S+)(?:\s+\d+){0,2}\s*(.*?)%\}/g,
      (_m, src: string, title: string) => imageMarkdown(src, title.replace(/['"]/g, '').trim()),
    )
    .replace(/\{\{<\s*figure\s+([^>]*)>\}\}/g, (_m, attrs: string) =>
      imageMarkdown(
        /src="([^"]+)"/.exec(attrs)?.[1] ?? '',
        /alt="([^"]*)"/.exec(attrs)?.[1] ?? '',
        /caption="([^"]*)"/.exec(attrs)?.[1] ?? '',
      ),
    )
    .replace(/\{%[\s\S]*?%\}|\{\{[<%][\s\S]*?[>%]\}\}/g, '');
}
