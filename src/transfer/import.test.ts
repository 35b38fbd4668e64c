/**
 * Imports of real export files (test/fixtures/import/, see SOURCES.md) on
 * both engines. Expected counts are worked out from each source by this
 * file's own reading of it (regular expressions, JSON, the folder listing),
 * not by the importer's, so the report is checked against the source.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db.js';
import { rowsOf, type Queryable } from '../db/client.js';
import { DiskMediaStore } from '../media/index.js';
import { testClock } from '../../test/factories.js';
import { findRedirect, importSite, type SiteImportReport } from './index.js';

const FIXTURES = new URL('../../test/fixtures/import/', import.meta.url).pathname;
const store = () => new DiskMediaStore(mkdtempSync(path.join(tmpdir(), 'byline-import-')));
const run = (db: Queryable, format: 'wordpress' | 'ghost' | 'markdown' | 'rss', file: string) =>
  importSite(db, {
    format,
    path: path.join(FIXTURES, file),
    clock: testClock(),
    store: store(),
    download: true,
  });

const one = async <T>(db: Queryable, query: string) =>
  rowsOf<T>(await db.execute(sql.raw(query)))[0]!;

/** What a WXR file holds, read with regular expressions (WordPress writes one element per line). */
function expectWxr(file: string) {
  const xml = readFileSync(path.join(FIXTURES, file), 'utf8');
  const field = (item: string, name: string) =>
    new RegExp(`<wp:${name}>(?:<!\\[CDATA\\[)?([\\s\\S]*?)(?:\\]\\]>)?</wp:${name}>`).exec(
      item,
    )?.[1] ?? '';
  const want = {
    authors: { imported: (xml.match(/<wp:author>/g) ?? []).length, skipped: 0, failed: 0 },
    articles: { imported: 0, skipped: 0, failed: 0 },
    pages: { imported: 0, skipped: 0, failed: 0 },
    comments: { imported: 0, skipped: 0, failed: 0 },
  };
  for (const [item] of xml.matchAll(/<item>[\s\S]*?<\/item>/g)) {
    const type = field(item, 'post_type');
    if (type === 'attachment') continue;
    const kind = type === 'page' ? 'pages' : 'articles';
    const status = field(item, 'status');
    const title =
      /<title>(?:<!\[CDATA\[)?([\s\S]*?)(?:\]\]>)?<\/title>/.exec(item)?.[1]?.trim() ?? '';
    if (
      (type !== 'post' && type !== 'page') ||
      ['private', 'trash', 'auto-draft', 'inherit'].includes(status) ||
      field(item, 'post_password')
    ) {
      want[kind].skipped++;
      continue;
    }
    if (!title) {
      want[kind].failed++;
      continue;
    }
    want[kind].imported++;
    for (const [c] of item.matchAll(/<wp:comment>[\s\S]*?<\/wp:comment>/g)) {
      const approved = field(c, 'comment_approved');
      const ctype = field(c, 'comment_type');
      if (
        ['spam', 'trash', 'post-trashed'].includes(approved) ||
        ['pingback', 'trackback', 'note'].includes(ctype)
      )
        want.comments.skipped++;
      else want.comments.imported++;
    }
  }
  return want;
}

const counts = (r: SiteImportReport) => ({
  authors: r.counts.authors,
  articles: r.counts.articles,
  pages: r.counts.pages,
  comments: r.counts.comments,
});

describeEachEngine('import from other software', ({ db }) => {
  it('imports WordPress exports: counts as in the source, drafts, comments, threads, old links', async () => {
    for (const file of [
      'wordpress/valid-wxr-1.1.xml',
      'wordpress/wxr-with-note-comments.xml',
      'chinese/festival-wxr.xml',
    ]) {
      const report = await run(db().db, 'wordpress', file);
      expect(counts(report), file).toEqual(expectWxr(file));
    }
    const d = db().db;
    const laba = await one<{
      id: string;
      status: string;
      body_source: string;
      channel: string;
      cover: string | null;
    }>(
      d,
      `SELECT a.id, a.status, a.body_source, c.name AS channel, a.cover_image_id AS cover FROM byline.articles a JOIN byline.channels c ON c.id = a.channel_id WHERE a.title LIKE '腊八粥%'`,
    );
    expect(laba.status).toBe('published');
    // [caption] → a figure with its caption as the title; block comments and [embed] gone.
    expect(laba.body_source).toContain(
      '![一碗腊八粥](https://media.example.invalid/2026/01/laba.jpg "一碗热腾腾的腊八粥")',
    );
    expect(laba.body_source).toContain('> 过了腊八就是年。');
    expect(laba.body_source).not.toMatch(/wp:|\[caption|\[embed/);
    expect(laba.channel).toBe('头条'); // 美食/生活 match no channel
    const statuses = rowsOf<{ title: string; status: string }>(
      await d.execute(
        sql`SELECT title, status FROM byline.articles WHERE external_id LIKE 'wordpress:blog.example.cn:%' ORDER BY title`,
      ),
    );
    expect(Object.fromEntries(statuses.map((s) => [s.title, s.status]))).toMatchObject({
      '科技周报：国产大模型的一周': 'draft',
      待审核的投稿: 'draft',
      '定时发布：元宵节灯会预告': 'scheduled',
      关于我们: 'published',
    });
    const comments = rowsOf<{
      body: string;
      status: string;
      parent: string | null;
      name: string;
      created: string;
    }>(
      await d.execute(sql`
        SELECT c.body, c.status, p.body AS parent, u.display_name AS name, to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS created
        FROM byline.comments c JOIN byline.users u ON u.id = c.user_id LEFT JOIN byline.comments p ON p.id = c.parent_id
        WHERE c.article_id = ${laba.id} ORDER BY c.body`),
    );
    expect(comments).toEqual([
      {
        body: '写得真好，想起了小时候。',
        status: 'visible',
        parent: null,
        name: '张三',
        created: '2026-01-11 01:00',
      },
      {
        body: '同感，我家也熬。',
        status: 'visible',
        parent: '写得真好，想起了小时候。',
        name: '李四',
        created: '2026-01-11 01:00',
      },
      {
        body: '还没审核的评论',
        status: 'held',
        parent: null,
        name: '王五',
        created: '2026-01-11 01:00',
      },
    ]);
    expect(await findRedirect(d, '/2026/01/post-11/')).toBe(laba.id);
    expect(await findRedirect(d, '/?p=11')).toBe(laba.id);
    // The author is an account without a password, to be claimed by a reset.
    const author = await one<{ hash: string | null; role: string }>(
      d,
      `SELECT password_hash AS hash, role FROM byline.users WHERE email = 'laowang@example.cn'`,
    );
    expect(author).toEqual({ hash: null, role: 'creator' });
  });

  it('runs again without writing anything twice', async () => {
    const first = await run(db().db, 'wordpress', 'chinese/festival-wxr.xml');
    const again = await run(db().db, 'wordpress', 'chinese/festival-wxr.xml');
    expect(again.counts.articles).toEqual({
      imported: 0,
      skipped: first.counts.articles.imported + first.counts.articles.skipped,
      failed: first.counts.articles.failed,
    });
    expect(again.counts.comments.imported).toBe(0);
    expect(again.counts.authors).toEqual({ imported: 0, skipped: 1, failed: 0 });
    const n = await one<{ n: number }>(db().db, 'SELECT count(*)::int AS n FROM byline.comments');
    expect(n.n).toBe(3);
  });

  it('imports Markdown folders: Hexo posts, drafts, pages, BOM and CRLF, local images', async () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) =>
        statSync(path.join(dir, f)).isDirectory()
          ? files(path.join(dir, f))
          : f.endsWith('.md')
            ? [f]
            : [],
      );
    const hexo = await run(db().db, 'markdown', 'hexo');
    const hexoPosts = files(path.join(FIXTURES, 'hexo/source/_posts')).length;
    expect(hexo.counts.articles.imported + hexo.counts.articles.failed).toBe(hexoPosts);
    expect(hexo.counts.articles.failed).toBe(0);
    expect(hexo.counts.pages.imported).toBe(
      files(path.join(FIXTURES, 'hexo/source')).length - hexoPosts,
    );
    const zh = await run(db().db, 'markdown', 'chinese/hexo');
    expect(counts(zh)).toMatchObject({
      articles: { imported: 3, skipped: 0, failed: 0 },
      pages: { imported: 1, skipped: 0, failed: 0 },
    });
    expect(zh.counts.images).toEqual({ imported: 1, skipped: 0, failed: 0 });
    const d = db().db;
    const spring = await one<{
      body_source: string;
      title: string;
      status: string;
      published: string;
    }>(
      d,
      `SELECT body_source, title, status, to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS published FROM byline.articles WHERE external_id = 'markdown:source/_posts/游记/春节 回家（上）.md'`,
    );
    expect(spring.title).toBe('春节回家（上）：绿皮车上的二十个小时');
    expect(spring.published).toBe('2026-02-14');
    expect(spring.body_source).not.toContain('\r');
    expect(spring.body_source).toMatch(
      /!\[站台上的红灯笼\]\(\/media\/[0-9a-f-]{36} "北京西站，2026 年春运"\)/,
    );
    expect(spring.body_source).toContain('> 其实地上本没有路，走的人多了，也便成了路。');
    const draft = await one<{ status: string }>(
      d,
      `SELECT status FROM byline.articles WHERE title = '草稿：还没写完的文章'`,
    );
    expect(draft.status).toBe('draft');
    const unicode = await one<{ body_source: string }>(
      d,
      `SELECT body_source FROM byline.articles WHERE title LIKE '全角标点%'`,
    );
    expect(unicode.body_source).toContain(
      '，。！？；：「」『』——……以及 emoji 🎉🧧，还有繁體字「臺灣」與「香港」。',
    );
    expect(await findRedirect(d, '/2026/03/quan-jiao')).toBeTruthy();
  });

  it('imports RSS and Atom feeds: items with their links as sources', async () => {
    const atom = await run(db().db, 'rss', 'rss/gulp-atom.atom');
    const entries = (
      readFileSync(path.join(FIXTURES, 'rss/gulp-atom.atom'), 'utf8').match(/<entry>/g) ?? []
    ).length;
    expect(atom.counts.articles).toEqual({ imported: entries, skipped: 0, failed: 0 });
    const zhFile = 'rss/城市漫步 feed.xml';
    const zh = await run(db().db, 'rss', zhFile);
    const items =
      readFileSync(path.join(FIXTURES, zhFile), 'utf8').match(/<item>[\s\S]*?<\/item>/g) ?? [];
    const untitled = items.filter((i) => /<title><\/title>/.test(i)).length;
    expect(zh.counts.articles).toEqual({
      imported: items.length - untitled,
      skipped: 0,
      failed: untitled,
    });
    const d = db().db;
    const row = await one<{
      source_name: string;
      source_url: string;
      channel: string;
      author: string;
      body_source: string;
    }>(
      d,
      `SELECT a.source_name, a.source_url, c.name AS channel, p.display_name AS author, a.body_source FROM byline.articles a
       JOIN byline.channels c ON c.id = a.channel_id JOIN byline.creator_profiles p ON p.id = a.author_id WHERE a.title = '地铁末班车'`,
    );
    expect(row).toEqual({
      source_name: '城市漫步',
      source_url: 'https://walk.example.cn/2025/12/last-train/',
      channel: '本地',
      author: '散步者',
      body_source: '晚上十一点的地铁，车厢里只剩下几个人。',
    });
    const gulp = await one<{ author: string; n: number }>(
      d,
      `SELECT min(p.display_name) AS author, count(*)::int AS n FROM byline.articles a JOIN byline.creator_profiles p ON p.id = a.author_id WHERE a.title LIKE 'v3.%'`,
    );
    expect(gulp).toEqual({ author: 'contra', n: entries });
  });

  it('imports Ghost exports (v2, v4, v5 with lexical and mobiledoc bodies)', async () => {
    for (const file of [
      'ghost/v2_export.json',
      'ghost/v4_export.json',
      'chinese/ghost-5-lexical.json',
    ]) {
      const json = JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as {
        db: { data: { posts: Record<string, unknown>[]; users: unknown[] } }[];
      };
      const { posts, users } = json.db[0]!.data;
      const want = {
        authors: { imported: users.length, skipped: 0, failed: 0 },
        articles: { imported: 0, skipped: 0, failed: 0 },
        pages: { imported: 0, skipped: 0, failed: 0 },
      };
      for (const p of posts) {
        const kind = p.type === 'page' || p.page === true ? 'pages' : 'articles';
        const carried =
          ['published', 'draft', 'scheduled'].includes(String(p.status)) &&
          (p.visibility ?? 'public') === 'public';
        want[kind][carried ? 'imported' : 'skipped']++;
      }
      const report = await run(db().db, 'ghost', file);
      expect(
        {
          authors: report.counts.authors,
          articles: report.counts.articles,
          pages: report.counts.pages,
        },
        file,
      ).toEqual(want);
    }
    const d = db().db;
    const lichun = await one<{ body_source: string; author: string; tags: string }>(
      d,
      `SELECT a.body_source, p.display_name AS author, (SELECT string_agg(tag, ',' ORDER BY position) FROM byline.article_tags t WHERE t.article_id = a.id) AS tags
       FROM byline.articles a JOIN byline.creator_profiles p ON p.id = a.author_id WHERE a.title = '二十四节气：立春'`,
    );
    expect(lichun.author).toBe('节日志编辑部');
    expect(lichun.tags).toBe('节气'); // #内部 is Ghost's own
    expect(lichun.body_source).toContain('## 立春');
    expect(lichun.body_source).toContain(
      '**立春**是二十四节气之首，[维基百科](https://zh.wikipedia.org/wiki/立春)有详细介绍。',
    );
    expect(lichun.body_source).toContain(
      '![立春的田野](/content/images/2026/02/lichun.jpg "立春时节的田野")',
    );
    expect(lichun.body_source).toMatch(/- 雨水\n- 惊蛰\n- 春分/);
    const duanwu = await one<{ body_source: string; channel: string; author: string }>(
      d,
      `SELECT a.body_source, c.name AS channel, p.display_name AS author FROM byline.articles a JOIN byline.channels c ON c.id = a.channel_id
       JOIN byline.creator_profiles p ON p.id = a.author_id WHERE a.title = '端午节的习俗'`,
    );
    expect(duanwu.author).toBe('小满');
    expect(duanwu.channel).toBe('旅游');
    expect(duanwu.body_source).toContain('端午节吃**粽子**、赛龙舟。');
    expect(duanwu.body_source).toContain('- **挂艾草**');
    expect(await findRedirect(d, '/duanwu/')).toBeTruthy();
  });
});
