/**
 * WordPress WXR 1.0–1.2 → source records, streamed (xml-chunks.ts).
 *
 *   posts      publish → published with its date; draft/pending → draft;
 *              future → scheduled; private and password-protected → skipped
 *              (readers here could read them); trash → skipped.
 *   pages      imported as articles of kind `pages` (a platform has no
 *              stand-alone pages; the report counts them apart).
 *   comments   approved → shown; unapproved (0) → wait for an editor;
 *              spam, trash and pingbacks/trackbacks → skipped.
 *   others     attachments feed featured images; menus, blocks, templates,
 *              custom post types are reported as skipped.
 *
 * Two passes over the file: the first collects attachments (featured images
 * are attachments, often written after the post that uses them), the second
 * yields the records. Neither holds more than one element in memory.
 */
import { XMLParser } from 'fast-xml-parser';
import { wordpressToMarkdown } from './html-markdown.js';
import { sourceDate, type SourceComment, type SourceRecord } from './model.js';
import { xmlChunks } from './xml-chunks.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => ['category', 'wp:postmeta', 'wp:comment', 'wp:commentmeta'].includes(name),
});

type Node = Record<string, unknown>;
const text = (v: unknown): string =>
  v === undefined || v === null
    ? ''
    : typeof v === 'object'
      ? text((v as Node)['#text'])
      : String(v);
const trimmed = (v: unknown) => text(v).trim();

const ELEMENTS = ['item', 'wp:author', 'wp:base_blog_url', 'wp:base_site_url'];

export async function* readWordPress(path: string): AsyncGenerator<SourceRecord> {
  const attachments = new Map<string, string>();
  let site = '';
  for await (const chunk of xmlChunks(path, ELEMENTS)) {
    if (chunk.name === 'wp:base_blog_url' && !site) site = trimmed(parse(chunk.xml)[chunk.name]);
    if (chunk.name !== 'item' || !chunk.xml.includes('attachment')) continue;
    const item = parse(chunk.xml).item as Node | undefined;
    if (item && trimmed(item['wp:post_type']) === 'attachment') {
      const url = trimmed(item['wp:attachment_url']) || trimmed(item.guid);
      if (url) attachments.set(trimmed(item['wp:post_id']), url);
    }
  }
  const siteKey = `wordpress:${site.replace(/^https?:\/\//, '').replace(/\/$/, '') || 'site'}`;
  for await (const chunk of xmlChunks(path, ELEMENTS)) {
    if (chunk.name === 'wp:author') {
      const a = (parse(chunk.xml)['wp:author'] ?? {}) as Node;
      const login = trimmed(a['wp:author_login']);
      if (!login) {
        yield fail('authors', `第 ${chunk.index} 个作者`, '缺少 author_login');
        continue;
      }
      yield {
        type: 'person',
        person: {
          key: `${siteKey}:author:${login}`,
          position: `第 ${chunk.index} 个作者（${login}）`,
          login,
          email: trimmed(a['wp:author_email']) || undefined,
          displayName: trimmed(a['wp:author_display_name']) || login,
        },
      };
    } else if (chunk.name === 'item') {
      let item: Node | undefined;
      try {
        item = parse(chunk.xml).item as Node | undefined;
      } catch (err) {
        yield fail(
          'articles',
          `第 ${chunk.index} 个 item`,
          `XML 无法解析：${(err as Error).message}`,
        );
        continue;
      }
      if (item) yield* itemRecords(item, chunk.index, siteKey, site, attachments);
    }
  }
}

function* itemRecords(
  item: Node,
  index: number,
  siteKey: string,
  site: string,
  attachments: ReadonlyMap<string, string>,
): Generator<SourceRecord> {
  const type = trimmed(item['wp:post_type']) || 'post';
  const id = trimmed(item['wp:post_id']);
  const title = trimmed(item.title);
  const position = `第 ${index} 个 item（${type} ${id}${title ? `《${title}》` : ''}）`;
  if (type === 'attachment') return; // carried with the posts that use them
  if (type !== 'post' && type !== 'page') {
    yield skip('articles', position, `不导入的内容类型：${type}`);
    return;
  }
  const kind = type === 'page' ? 'pages' : 'articles';
  const status = trimmed(item['wp:status']);
  if (
    status === 'private' ||
    status === 'trash' ||
    status === 'auto-draft' ||
    status === 'inherit'
  ) {
    yield skip(kind, position, `状态为 ${status}（私密、回收站与自动草稿不导入）`);
    return;
  }
  if (trimmed(item['wp:post_password'])) {
    yield skip(kind, position, '有访问密码的文章不导入（此处无法加密码）');
    return;
  }
  if (!id) {
    yield fail(kind, position, '缺少 wp:post_id');
    return;
  }
  const categories: string[] = [];
  const tags: string[] = [];
  for (const c of (item.category ?? []) as Node[]) {
    const name = trimmed(c);
    if (!name) continue;
    const domain = c['@domain'];
    // WXR 1.0 wrote tags as domain="tag", and old exports left categories without a domain.
    if (domain === 'post_tag' || domain === 'tag') tags.push(name);
    else if (domain === 'category' || domain === undefined) categories.push(name);
  }
  const meta = new Map<string, string>();
  for (const m of (item['wp:postmeta'] ?? []) as Node[])
    meta.set(trimmed(m['wp:meta_key']), text(m['wp:meta_value']));
  const thumbnail = meta.get('_thumbnail_id');
  const date = sourceDate(item['wp:post_date_gmt']) ?? sourceDate(item['wp:post_date']);
  const link = trimmed(item.link);
  const oldLinks = [link, `${site.replace(/\/$/, '')}/?p=${id}`].filter((l) => l && l !== '/?p=');
  const comments: SourceComment[] = [];
  for (const c of (item['wp:comment'] ?? []) as Node[]) {
    const cid = trimmed(c['wp:comment_id']);
    const approved = trimmed(c['wp:comment_approved']);
    const ctype = trimmed(c['wp:comment_type']);
    const where = `${position} 的第 ${cid} 条评论`;
    if (approved === 'spam' || approved === 'trash' || approved === 'post-trashed') {
      yield skip('comments', where, `评论状态为 ${approved}（垃圾与回收站评论不导入）`);
      continue;
    }
    if (ctype === 'pingback' || ctype === 'trackback' || ctype === 'note') {
      yield skip('comments', where, `${ctype} 不是读者评论，不导入`);
      continue;
    }
    const parent = trimmed(c['wp:comment_parent']);
    comments.push({
      key: `${siteKey}:comment:${cid}`,
      parentKey: parent && parent !== '0' ? `${siteKey}:comment:${parent}` : undefined,
      authorName: trimmed(c['wp:comment_author']) || '匿名读者',
      authorEmail: trimmed(c['wp:comment_author_email']) || undefined,
      body: text(c['wp:comment_content']),
      createdAt: sourceDate(c['wp:comment_date_gmt']) ?? sourceDate(c['wp:comment_date']),
      approved: approved === '1',
    });
  }
  yield {
    type: 'article',
    article: {
      key: `${siteKey}:${type}:${id}`,
      position,
      kind,
      title,
      bodyMarkdown: wordpressToMarkdown(text(item['content:encoded'])),
      summary: trimmed(item['excerpt:encoded']) || undefined,
      status: status === 'publish' ? 'published' : status === 'future' ? 'scheduled' : 'draft',
      publishedAt: date,
      authorKey: trimmed(item['dc:creator'])
        ? `${siteKey}:author:${trimmed(item['dc:creator'])}`
        : undefined,
      categories,
      tags,
      comments,
      oldLinks,
      coverUrl: thumbnail ? attachments.get(thumbnail.trim()) : undefined,
    },
  };
}

function parse(xml: string): Node {
  return parser.parse(xml) as Node;
}

function skip(
  kind: 'articles' | 'pages' | 'comments' | 'authors',
  position: string,
  reason: string,
) {
  return { type: 'skip' as const, skip: { kind, position, reason } };
}
function fail(
  kind: 'articles' | 'pages' | 'comments' | 'authors',
  position: string,
  reason: string,
) {
  return { type: 'fail' as const, fail: { kind, position, reason } };
}
