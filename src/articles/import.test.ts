import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db.js';
import { makeCreator, testClock } from '../../test/factories.js';
import { ensureDefaultChannels, listChannels } from '../channels/index.js';
import { findCreatorByHandle } from '../creators/index.js';
import { rowsOf, type Db } from '../db/client.js';
import {
  countPublishedArticles,
  findArticle,
  importArticles,
  type ImportOptions,
} from './index.js';

const line = (o: Record<string, unknown>) => JSON.stringify(o);
const valid = (id: string, extra: Record<string, unknown> = {}) =>
  line({
    id,
    title: `标题 ${id}`,
    body: `第一段 ${id}。\n\n第二段：全角标点，emoji 🎉。`,
    channel: '科技',
    source: 'zh.wikipedia via test (CC BY-SA 4.0)',
    published_at: null,
    ...extra,
  });

async function options(db: Db): Promise<ImportOptions> {
  await ensureDefaultChannels(db);
  const author = await makeCreator(db, { handle: 'importer' });
  return { clock: testClock(), channels: await listChannels(db), resolveAuthor: () => author.id };
}

async function count(
  db: Db,
  table: 'articles' | 'article_revisions' | 'article_stats',
): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await db.execute(sql.raw(`SELECT count(*)::int AS n FROM byline.${table}`)),
  );
  return rows[0]?.n ?? 0;
}

describeEachEngine('import', ({ db }) => {
  it('imports a valid file: articles, revisions, counters, attribution', async () => {
    const d = db().db;
    const report = await importArticles(
      d,
      [valid('a-1'), valid('a-2'), '', valid('a-3', { channel: '综合' })],
      await options(d),
    );
    expect(report).toEqual({ imported: 3, skipped: 0, failed: [] });
    expect(await countPublishedArticles(d)).toBe(3);
    expect(await count(d, 'article_revisions')).toBe(3);
    expect(await count(d, 'article_stats')).toBe(3);
    expect((await findCreatorByHandle(d, 'importer'))?.articleCount).toBe(3);
    const rows = rowsOf<{ id: string; channel: string }>(
      await d.execute(sql`SELECT a.id, c.slug AS channel FROM byline.articles a
        JOIN byline.channels c ON c.id = a.channel_id WHERE a.external_id = 'a-3'`),
    );
    expect(rows[0]?.channel).toBe('news'); // the corpus's 综合 maps to 头条
    const article = await findArticle(d, rows[0]!.id);
    expect(article?.sourceUrl).toBe(
      `https://zh.wikipedia.org/wiki/${encodeURIComponent('标题 a-3')}`,
    );
    expect(article?.publishedAt?.toISOString()).toBe('2026-11-01T08:00:00.000Z');
  });

  it('reports every invalid line with its number and reason, and imports nothing from them', async () => {
    const d = db().db;
    const lines = [
      '{not json',
      line({ id: 'x', title: '无正文', channel: '科技' }),
      line({ id: 'y', title: '   ', body: '正文', channel: '科技' }),
      line({ id: 'z', title: '频道', body: '正文', channel: '不存在' }),
      line({ id: 'w', title: 'NUL\u0000', body: '正文', channel: '科技' }),
      line({ id: 'v', title: '时间', body: '正文', channel: '科技', published_at: 'yesterday' }),
    ];
    const report = await importArticles(d, lines, await options(d));
    expect(report.imported).toBe(0);
    expect(report.failed.map((f) => f.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(report.failed[0]?.reason).toBe('不是有效的 JSON');
    expect(report.failed[1]?.reason).toMatch(/^body:/);
    expect(report.failed[2]?.reason).toMatch(/^title: 请填写标题/);
    expect(report.failed[3]?.reason).toBe('channel: 没有这个频道：“不存在”');
    expect(report.failed[4]?.reason).toMatch(/^title: .*U\+0000/);
    expect(report.failed[5]?.reason).toMatch(/^published_at:/);
    expect(await count(d, 'articles')).toBe(0);
  });

  it('imports the valid lines of a mixed file and skips lines imported before', async () => {
    const d = db().db;
    const opts = await options(d);
    const lines = [valid('m-1'), '[]', valid('m-2'), line({ id: 'm-3' }), valid('m-4')];
    const first = await importArticles(d, lines, opts);
    expect(first.imported).toBe(3);
    expect(first.failed.map((f) => f.line)).toEqual([2, 4]);
    const again = await importArticles(d, lines, opts);
    expect(again).toMatchObject({ imported: 0, skipped: 3 });
    expect(await countPublishedArticles(d)).toBe(3);
  });

  it('never leaves a half-written article when the database fails mid-way', async () => {
    const d = db().db;
    // A trigger that fails the *second* write of one article (its revision).
    await d.execute(
      sql.raw(`
      CREATE FUNCTION public.fail_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.title = '标题 boom' THEN RAISE EXCEPTION 'injected failure'; END IF;
        RETURN NEW;
      END $$`),
    );
    await d.execute(
      sql.raw(`
      CREATE TRIGGER fail_revision BEFORE INSERT ON byline.article_revisions
        FOR EACH ROW EXECUTE FUNCTION public.fail_revision();`),
    );
    const report = await importArticles(
      d,
      [valid('ok-1'), valid('boom'), valid('ok-2')],
      await options(d),
    );
    expect(report.imported).toBe(2);
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0]).toMatchObject({ line: 2 });
    expect(report.failed[0]?.reason).toMatch(/injected failure/);
    expect(await count(d, 'articles')).toBe(2);
    expect(await count(d, 'article_revisions')).toBe(2);
    expect(await count(d, 'article_stats')).toBe(2);
    expect((await findCreatorByHandle(d, 'importer'))?.articleCount).toBe(2);
  });
});
