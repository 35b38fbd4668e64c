import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db.js';
import { makeArticle, makeCreator, testClock, testSegmenter } from '../../test/factories.js';
import { removeArticle } from '../articles/index.js';
import { listChannels } from '../channels/index.js';
import { buildServer } from '../server.js';
import { fragmentTsqueries, gramVectorLiteral } from './grams.js';
import { indexAll, parseQuery, searchArticleIds, toTsquery } from './index.js';

it('builds tsqueries from quoted lexemes only', () => {
  expect(
    toTsquery(
      parseQuery(`英伟达 "人工智能 芯片" -游戏 '); DROP TABLE x; -- a&b|!c <->`, testSegmenter),
    ),
  ).toBe(`'英伟达' & 'drop' & 'table' & 'x' & 'a' & 'b' & 'c' & ('人工智能' <-> '芯片') & !'游戏'`);
  expect(toTsquery(parseQuery('，。！？', testSegmenter))).toBeUndefined();
  expect(parseQuery('字'.repeat(10_000), testSegmenter).truncated).toBe(true);
});

it('turns Han runs into bigram phrases and keeps other words whole', () => {
  const q = parseQuery('言處理技 术的突 GPU -遊戲 字', testSegmenter);
  expect(q.fragments).toEqual(['言处理技', '术的突', 'gpu']);
  expect(fragmentTsqueries(q.fragments, q.excludedFragments)).toEqual({
    any: `'言处' & '处理' & '理技' & '术的' & '的突' & 'gpu'`,
    exact: `('言处' <-> '处理' <-> '理技') & ('术的' <-> '的突') & 'gpu' & !'游戏'`,
  });
  expect(fragmentTsqueries(parseQuery('GPU 字', testSegmenter).fragments, [])).toBeUndefined();
  // A gap between runs keeps phrases inside one run; positions and repeats stay within limits.
  expect(gramVectorLiteral([{ text: '網易號，OpenAI', weight: 'A' }])).toBe(
    `'网易':1A '易号':2A 'openai':4A`,
  );
  const long = gramVectorLiteral([{ text: '甲乙'.repeat(10_000), weight: 'C' }]);
  expect(long.match(/\d+C/g)).toHaveLength(2 * 256);
  expect(long).not.toMatch(/\b(1638[4-9]|16[4-9]\d\d|1[7-9]\d{3}|[2-9]\d{4})C/);
});

describeEachEngine('search', ({ db }) => {
  it('finds Chinese across scripts, Latin words and numbers, phrases and exclusions, title first', async () => {
    const d = db().db;
    const author = await makeCreator(d, { displayName: '林知远' });
    const a = (title: string, body: string, publishedAt = new Date('2026-10-30T00:00:00Z')) =>
      makeArticle(d, { authorId: author.id, title, body, publishedAt });
    const netease = await a('网易号的新功能', '自媒体平台今天上线了新功能。');
    const nvidia = await a('英偉達發布新一代GPU', '台湾的报道：OpenAI 在 2026 年采购了更多芯片。');
    const bodyOnly = await a('半导体行业观察', '英伟达的人工智能芯片需求旺盛。');
    const games = await a('游戏显卡评测', '英伟达的游戏显卡性能提升。');
    const old = await a('网易号的历史', '网易号创立于多年前。', new Date('2024-01-01T00:00:00Z'));
    expect(await indexAll(d, testSegmenter)).toBe(5);
    const ids = async (q: string) =>
      (await searchArticleIds(d, testSegmenter, q)).hits.map((h) => h.id);

    expect(await ids('網易')).toEqual([netease.id, old.id]); // Traditional query, recency breaks the tie
    expect(await ids('英伟达')).toEqual(expect.arrayContaining([nvidia.id, bodyOnly.id, games.id]));
    expect((await ids('英伟达'))[0]).toBe(nvidia.id); // the title match ranks first
    expect(await ids('GPU')).toEqual([nvidia.id]);
    expect(await ids('openai')).toEqual([nvidia.id]);
    expect(await ids('2026')).toEqual([nvidia.id]);
    expect(await ids('"人工智能芯片"')).toEqual([bodyOnly.id]);
    expect(await ids('英伟达 -游戏')).not.toContain(games.id);
    expect(await ids('林知远')).toHaveLength(5); // author names are indexed
    for (const bad of [
      '',
      '，。！',
      `' OR 1=1 --`,
      'a & | ! <-> :*',
      '字'.repeat(10_000),
      '\u0000\u0001',
    ]) {
      await expect(searchArticleIds(d, testSegmenter, bad)).resolves.toBeDefined();
    }

    // edits, unpublishing and deletion reach the index on the next pass
    await removeArticle(d, testClock(), games.id);
    await indexAll(d, testSegmenter);
    expect(await ids('游戏')).toEqual([]);
  });

  it('finds fragments cut anywhere, after word matches, in either script, with filters', async () => {
    const d = db().db;
    const author = await makeCreator(d, { displayName: '片段作者' });
    const other = await makeCreator(d, { displayName: '别的作者' });
    const a = (
      title: string,
      body: string,
      extra: { channelSlug?: string; authorId?: string } = {},
    ) => makeArticle(d, { authorId: author.id, title, body, ...extra });
    // gram-only for 言处理技 (jieba: 自然语言 处理 技术), newer and in the title
    const nlp = await a('自然语言处理技术的突破', '研究人员谈自然语言处理技术。', {
      channelSlug: 'tech',
    });
    // a word match for 言处理技 (言, 处理, 技 as words), but not the fragment
    const words = await a('杂谈', '列举：言、处理、技。');
    const sport = await a('赛事', '体育频道也谈语言处理技巧。', {
      channelSlug: 'sports',
      authorId: other.id,
    });
    expect(await indexAll(d, testSegmenter)).toBe(3);
    const ids = async (q: string, filters = {}) =>
      (await searchArticleIds(d, testSegmenter, q, filters)).hits.map((h) => h.id);

    const found = await searchArticleIds(d, testSegmenter, '言处理技');
    expect(found.hits.map((h) => h.id)).toEqual([words.id, nlp.id, sport.id]); // words first
    expect(found.total).toBe(3);
    expect(await ids('然语言处 术的突')).toEqual([nlp.id]); // two pieces, ANDed
    expect(await ids('然語言處')).toEqual([nlp.id]); // Traditional fragment, Simplified text
    const sports = (await listChannels(d)).find((c) => c.slug === 'sports')!;
    expect(await ids('言处理技', { channelId: sports.id })).toEqual([sport.id]);
    expect(await ids('言处理技', { authorId: other.id })).toEqual([sport.id]);
    expect(await ids('言处理技 -技巧')).toEqual([words.id, nlp.id]);
    expect(await ids('处理技巧', { from: new Date('2100-01-01T00:00:00Z') })).toEqual([]);
  });

  it('serves /search with counts, filters, paging and friendly messages, never a 500', async () => {
    const database = db();
    const author = await makeCreator(database.db, { handle: 'searcher' });
    for (let i = 0; i < 25; i++)
      await makeArticle(database.db, {
        authorId: author.id,
        title: `网球比赛第${i}场`,
        channelSlug: 'sports',
      });
    await makeArticle(database.db, { title: '网球拍评测', channelSlug: 'tech' });
    await indexAll(database.db, testSegmenter);
    const app = await buildServer({ database, clock: testClock() });
    const get = (q: string) => app.inject({ url: `/search?${q}` });
    const first = await get(`q=${encodeURIComponent('網球')}`);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('找到 26 篇相关文章');
    expect(first.body).toContain('第 1 / 2 页');
    expect(first.body).toContain('<mark>网球</mark>比赛第');
    const tricky = await makeArticle(database.db, {
      title: '网球<script>x</script>',
      channelSlug: 'sports',
    });
    await indexAll(database.db, testSegmenter);
    const escaped = await get(`q=${encodeURIComponent('网球 script')}`);
    expect(escaped.body).toContain(
      '<mark>网球</mark>&lt;<mark>script</mark>>x&lt;/<mark>script</mark>>',
    );
    expect(escaped.body).not.toContain('<script>x');
    void tricky;
    expect((await get(`q=${encodeURIComponent('网球')}&channel=tech`)).body).toContain(
      '找到 1 篇相关文章',
    );
    expect((await get(`q=${encodeURIComponent('网球')}&author=searcher&page=2`)).body).toContain(
      '第 2 / 2 页',
    );
    expect((await get(`q=${encodeURIComponent('，。')}`)).body).toContain('标点符号不能单独搜索');
    for (const q of [
      'x'.repeat(10_000),
      `%27%29%3B%20DROP%20TABLE%20articles%3B--`,
      '%ED%A0%80',
      'a%26%7C!%3C-%3E',
    ]) {
      const res = await get(`q=${q}`);
      expect(res.statusCode, q.slice(0, 20)).toBeLessThan(500);
    }
    await app.close();
  });

  it('names creators above the articles (either script) and keeps the filters in the form', async () => {
    const database = db();
    const lin = await makeCreator(database.db, { displayName: '林知远', handle: 'linzhiyuan' });
    await makeArticle(database.db, {
      authorId: lin.id,
      title: '林知远谈芯片',
      channelSlug: 'tech',
    });
    await indexAll(database.db, testSegmenter);
    const app = await buildServer({ database, clock: testClock() });
    const filters = '&channel=tech&author=linzhiyuan&from=2020-01-01&to=2099-12-31';
    const page = await app.inject({ url: `/search?q=${encodeURIComponent('林知遠')}${filters}` });
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toContain('href="/author/linzhiyuan"');
    expect(body).toContain('src="/avatar/linzhiyuan.svg"');
    expect(body.indexOf('相关创作者')).toBeGreaterThan(-1);
    expect(body.indexOf('相关创作者')).toBeLessThan(body.indexOf('找到 1 篇相关文章'));
    // the form shows what the URL asked for, each field labelled
    expect(body).toMatch(/<option value="tech" selected>/);
    expect(body).toContain('name="author" value="linzhiyuan"');
    expect(body).toContain('name="from" value="2020-01-01"');
    expect(body).toContain('name="to" value="2099-12-31"');
    for (const id of ['search-q', 'search-channel', 'search-author', 'search-from', 'search-to'])
      expect(body).toContain(`<label for="${id}">`);
    // by handle, and nobody for a query that names no one
    expect((await app.inject({ url: '/search?q=%40linzhiyuan' })).body).toContain('相关创作者');
    expect(
      (await app.inject({ url: `/search?q=${encodeURIComponent('芯片')}` })).body,
    ).not.toContain('相关创作者');
    const api = await app.inject({ url: `/api/v1/search?q=${encodeURIComponent('林知遠')}` });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({
      creators: [
        {
          handle: 'linzhiyuan',
          name: '林知远',
          url: expect.stringMatching(/\/author\/linzhiyuan$/),
        },
      ],
    });
    await app.close();
  });
});
