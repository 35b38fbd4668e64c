/**
 * Ghost JSON exports (v2–v5) → source records. Bodies come from `html` when
 * the export has it, else from `lexical` (v5) or `mobiledoc` (v2–v4),
 * rendered here (ghost-bodies.ts). Posts and pages by `type` (v3+) or
 * `page` (v2); users → authors; tags by `posts_tags`, authors by
 * `posts_authors` (v2's `author_id` otherwise). The first tag is the post's
 * primary tag, and stands for its category when a channel is chosen.
 * Ghost exports carry no comments (Ghost keeps them with members).
 *
 * The export is one JSON document, read whole (Ghost writes it whole too).
 */
import { readFile } from 'node:fs/promises';
import { ghostBodyHtml } from './ghost-bodies.js';
import { htmlToMarkdown } from './html-markdown.js';
import { sourceDate, type SourceRecord } from './model.js';

type Row = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : String(v));

export async function* readGhost(path: string): AsyncGenerator<SourceRecord> {
  let json: unknown;
  try {
    json = JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (err) {
    yield {
      type: 'fail',
      fail: {
        kind: 'articles',
        position: path,
        reason: `不是有效的 JSON：${(err as Error).message}`,
      },
    };
    return;
  }
  const root = json as { db?: { data?: Row; meta?: Row }[]; data?: Row };
  const data = (root.db?.[0]?.data ?? root.data) as Record<string, Row[] | undefined> | undefined;
  if (!data || !Array.isArray(data.posts)) {
    yield {
      type: 'fail',
      fail: {
        kind: 'articles',
        position: path,
        reason: '不是 Ghost 导出文件：缺少 db[0].data.posts',
      },
    };
    return;
  }
  const site = `ghost:${str((root.db?.[0]?.meta as Row | undefined)?.exported_on) || 'site'}`;
  const users = data.users ?? [];
  for (const [i, u] of users.entries()) {
    yield {
      type: 'person',
      person: {
        key: `${site}:user:${str(u.id)}`,
        position: `users[${i}]（${str(u.slug) || str(u.name)}）`,
        displayName: str(u.name) || str(u.slug),
        email: str(u.email) || undefined,
        login: str(u.slug) || undefined,
      },
    };
  }
  const tagById = new Map((data.tags ?? []).map((t) => [str(t.id), str(t.name)]));
  const tagsOf = groupBy(data.posts_tags ?? [], (r) => str(r.post_id));
  const authorsOf = groupBy(data.posts_authors ?? [], (r) => str(r.post_id));
  for (const [i, p] of data.posts.entries()) {
    const isPage = p.type === 'page' || p.page === true || p.page === 1;
    const kind = isPage ? 'pages' : 'articles';
    const title = str(p.title);
    const position = `posts[${i}]（${title || str(p.slug)}）`;
    const status = str(p.status);
    if (
      status !== 'published' &&
      status !== 'draft' &&
      status !== 'scheduled' &&
      status !== 'sent'
    ) {
      yield { type: 'skip', skip: { kind, position, reason: `状态为 ${status || '空'}，不导入` } };
      continue;
    }
    if (status === 'sent') {
      yield {
        type: 'skip',
        skip: { kind, position, reason: '仅以邮件发送、未在网站发表的文章不导入' },
      };
      continue;
    }
    if (p.visibility && p.visibility !== 'public') {
      yield {
        type: 'skip',
        skip: {
          kind,
          position,
          reason: `仅限会员（${str(p.visibility)}）的文章不导入：此处没有付费会员`,
        },
      };
      continue;
    }
    const tagNames = sorted(tagsOf.get(str(p.id)) ?? [])
      .map((r) => tagById.get(str(r.tag_id)) ?? '')
      .filter((t) => t && !t.startsWith('#')); // #internal tags are Ghost's own
    const author =
      sorted(authorsOf.get(str(p.id)) ?? [])[0]?.author_id ?? p.author_id ?? p.created_by;
    const slug = str(p.slug);
    yield {
      type: 'article',
      article: {
        key: `${site}:post:${str(p.id)}`,
        position,
        kind,
        title,
        bodyMarkdown: htmlToMarkdown(ghostBodyHtml(p)),
        summary: str(p.custom_excerpt) || undefined,
        status:
          status === 'published' ? 'published' : status === 'scheduled' ? 'scheduled' : 'draft',
        publishedAt: sourceDate(p.published_at) ?? sourceDate(p.created_at),
        authorKey: author ? `${site}:user:${str(author)}` : undefined,
        categories: tagNames.slice(0, 1),
        tags: tagNames,
        comments: [],
        oldLinks: slug ? [`/${slug}/`] : [],
        coverUrl: str(p.feature_image) || undefined,
      },
    };
  }
}

function groupBy(rows: Row[], key: (r: Row) => string): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of rows) {
    const k = key(r);
    out.set(k, [...(out.get(k) ?? []), r]);
  }
  return out;
}

function sorted(rows: Row[]): Row[] {
  return [...rows].sort((a, b) => Number(a.sort_order ?? 0) - Number(b.sort_order ?? 0));
}
