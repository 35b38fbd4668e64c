/**
 * Issue 18's studio items as pages and API: tags (validated, shown as links),
 * the 原创 badge linking the receipt, the cover in lists, og:image and
 * JSON-LD (falling back to the first figure, then the logo), schedules
 * refused before anything is saved, summaries from body paragraphs only,
 * and revisions compared and restored.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { createSession } from '../src/accounts/index.js';
import { createDraft, findArticle, saveArticle } from '../src/articles/index.js';
import { ensureDefaultChannels } from '../src/channels/index.js';
import { DiskMediaStore, storeImage } from '../src/media/index.js';
import { publishChecked } from '../src/moderation/index.js';
import { buildServer } from '../src/server.js';
import { describeEachEngine } from './db.js';
import { holdCopies, makeCreator, testClock } from './factories.js';
import { jsonLdOf, parseHtml } from './html.js';
import { Browser } from './http.js';
import { testPhoto } from './photo.js';

describeEachEngine(
  'studio articles: tags, 原创, covers, schedules, summaries, revisions',
  ({ db }) => {
    async function setup() {
      const d = db();
      await ensureDefaultChannels(d.db);
      const clock = testClock();
      const media = new DiskMediaStore(mkdtempSync(path.join(tmpdir(), 'byline-art-')));
      const me = await makeCreator(d.db);
      const other = await makeCreator(d.db);
      const app = await buildServer({
        database: d,
        clock,
        media,
        publicUrl: 'https://news.example.cn',
      });
      const token = (await createSession(d.db, clock, me.userId, 't')).token;
      const otherToken = (await createSession(d.db, clock, other.userId, 't')).token;
      const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, t = token) =>
        app.inject({ method, url, headers: { authorization: `Bearer ${t}` }, payload });
      return { d, clock, media, me, app, token, otherToken, api };
    }

    it('validates, stores and shows tags; shows 原创 with a link to the receipt', async () => {
      const { d, app, token, api } = await setup();
      try {
        const created = await api('POST', '/api/v1/articles', {
          title: '有标签',
          body_markdown: '正文。',
          channel: 'tech',
          claim_original: true,
          tags: [' AI ', 'ai', '人工  智能', 'AI'],
        });
        expect(created.statusCode).toBe(201);
        const id = created.json().article.id;
        expect(created.json().article.tags).toEqual(['AI', '人工 智能']);
        for (const [tags, message] of [
          [['一'.repeat(21)], '每个标签最多 20 个字'],
          [['  '], '标签不能为空'],
          [Array.from({ length: 11 }, (_, i) => `t${i}`), '标签最多 10 个'],
        ] as const) {
          const res = await api('PATCH', `/api/v1/articles/${id}`, { tags });
          expect(res.statusCode).toBe(422);
          expect(res.json().error.code).toBe('VALIDATION_FAILED');
          expect(res.json().error.fields[0].path).toMatch(/^tags/);
          expect(res.json().error.fields[0].message).toContain(message);
        }
        // Left out, a PATCH keeps the tags.
        expect(
          (await api('PATCH', `/api/v1/articles/${id}`, { title: '改标题' })).json().article.tags,
        ).toEqual(['AI', '人工 智能']);
        const published = await api('POST', `/api/v1/articles/${id}/publish`);
        expect(published.json().publishing.claim_refused).toBe(false);
        const page = await app.inject({ url: `/article/${id}` });
        const root = parseHtml(page.body);
        const tagLinks = root
          .querySelectorAll('.article-tags a')
          .map((a) => [a.text, a.getAttribute('href')]);
        expect(tagLinks).toEqual([
          ['AI', '/tag/AI'],
          ['人工 智能', `/tag/${encodeURIComponent('人工 智能')}`],
        ]);
        const badge = root.querySelector('a.badge-original');
        expect(badge?.text).toBe('原创');
        expect(badge?.getAttribute('href')).toBe(`/article/${id}/receipt`);
        // In the editor: one field, 、 or commas; cleared with an empty field.
        const browser = new Browser(app).useSession(token);
        await browser.get(`/studio/articles/${id}/edit`);
        expect((await browser.get(`/studio/articles/${id}/edit`)).body).toContain(
          'value="AI、人工 智能"',
        );
        const saved = await browser.post(`/studio/articles/${id}`, {
          title: '改标题',
          channel: 'tech',
          bodyMarkdown: '正文。',
          tags: '新能源，汽车、新能源,  ',
          coverImageId: '',
          intent: 'save',
        });
        expect(saved.statusCode).toBe(303);
        expect((await findArticle(d.db, id))!.tags).toEqual(['新能源', '汽车']);
        const tooMany = await browser.post(`/studio/articles/${id}`, {
          title: '改标题',
          channel: 'tech',
          bodyMarkdown: '正文。',
          tags: Array.from({ length: 11 }, (_, i) => `词${i}`).join('、'),
          intent: 'save',
        });
        expect(tooMany.statusCode).toBe(422);
        expect(tooMany.body).toContain('标签最多 10 个');
        // Without a claim: no badge.
        const plain = await api('POST', '/api/v1/articles', {
          title: '非原创',
          body_markdown: '另一篇。',
          channel: 'tech',
          publish: true,
        });
        expect(
          (await app.inject({ url: `/article/${plain.json().article.id}` })).body,
        ).not.toContain('badge-original');
      } finally {
        await app.close();
      }
    });

    it('shows the cover in lists, as og:image and JSON-LD; falls back to the first figure, then the logo', async () => {
      const { d, clock, media, me, app } = await setup();
      try {
        const photo = await testPhoto();
        const cover = await storeImage(d.db, clock, {
          ownerId: me.userId,
          bytes: photo,
          store: media,
        });
        const figure = await storeImage(d.db, clock, {
          ownerId: me.userId,
          bytes: photo,
          store: media,
        });
        const actor = { userId: me.userId, authorId: me.id };
        const publish = async (input: Parameters<typeof createDraft>[3]) => {
          const { id } = await createDraft(d.db, clock, actor, input);
          await publishChecked(d.db, clock, id, holdCopies);
          return id;
        };
        const withCover = await publish({
          title: '有封面',
          channel: 'tech',
          bodyMarkdown: `正文。\n\n![图](/media/${figure.id})`,
          coverImageId: cover.id,
        });
        const withFigure = await publish({
          title: '只有图',
          channel: 'tech',
          bodyMarkdown: `另一篇正文。\n\n![图](/media/${figure.id})`,
        });
        const bare = await publish({
          title: '没有图',
          channel: 'tech',
          bodyMarkdown: '第三篇，没有图。',
        });
        const shared = async (id: string) => {
          const root = parseHtml((await app.inject({ url: `/article/${id}` })).body);
          const og = root.querySelector('meta[property="og:image"]')?.getAttribute('content');
          const card = root.querySelector('meta[name="twitter:card"]')?.getAttribute('content');
          expect(card).toBe(og?.endsWith('.webp') ? 'summary_large_image' : 'summary');
          const ld = jsonLdOf(root).find((x) => x['@type'] === 'NewsArticle')!;
          return { og, ld: (ld.image as string[])[0] };
        };
        const big = (imageId: string) => `https://news.example.cn/media/${imageId}/1600.webp`;
        expect(await shared(withCover)).toEqual({ og: big(cover.id), ld: big(cover.id) });
        expect(await shared(withFigure)).toEqual({ og: big(figure.id), ld: big(figure.id) });
        const logo = 'https://news.example.cn/assets/logo.svg';
        expect(await shared(bare)).toEqual({ og: logo, ld: logo });
        // The channel list: a thumbnail (the smallest variant) for the articles that have a picture.
        const channel = parseHtml((await app.inject({ url: '/channel/tech' })).body);
        const thumbs = channel
          .querySelectorAll('.article-list .thumb img')
          .map((i) => i.getAttribute('src'));
        // Same publish time (a fixed clock): the order is by id.
        expect(thumbs.sort()).toEqual(
          [`/media/${figure.id}/480.webp`, `/media/${cover.id}/480.webp`].sort(),
        );
        // The API card carries the same picture.
        const list = (await app.inject({ url: '/api/v1/articles?channel=tech' })).json();
        const byTitle = new Map(
          list.items.map((a: { title: string; image: unknown }) => [a.title, a.image]),
        );
        expect(byTitle.get('有封面')).toMatchObject({ url: big(cover.id) });
        expect(byTitle.get('没有图')).toBeNull();
      } finally {
        await app.close();
      }
    });

    it('refuses an invalid or past schedule before saving anything, and summarises body paragraphs only', async () => {
      const { d, me, app, token, api } = await setup();
      try {
        const browser = new Browser(app).useSession(token);
        await browser.get('/studio/new');
        for (const publishAt of ['2026-10-01T08:00', '2026-13-45T99:99', '']) {
          const res = await browser.post('/studio/articles', {
            title: '定时',
            channel: 'tech',
            bodyMarkdown: '正文',
            publishAt,
            intent: 'schedule',
          });
          expect(res.statusCode).toBe(422);
          expect(res.body).toMatch(/定时发布的时间(须晚于现在|无效)|请填写定时发布的时间/);
          expect(res.body).toContain('正文'); // what was typed stays
        }
        const mine = async () => (await api('GET', '/api/v1/me/articles')).json().items;
        expect(await mine()).toEqual([]);
        const past = await api('POST', '/api/v1/articles', {
          title: '定时',
          body_markdown: '正文',
          channel: 'tech',
          publish_at: '2026-10-01T08:00:00+08:00',
        });
        expect(past.statusCode).toBe(422);
        expect(past.json().error.fields).toEqual([
          { path: 'publish_at', message: '定时发布的时间须晚于现在' },
        ]);
        expect(await mine()).toEqual([]);
        // A save with a past schedule leaves the article as it was (no new revision).
        const { id } = await createDraft(
          d.db,
          testClock(),
          { userId: me.userId, authorId: me.id },
          { title: '草稿', channel: 'tech', bodyMarkdown: '旧正文' },
        );
        const patched = await api('PATCH', `/api/v1/articles/${id}`, {
          body_markdown: '新正文',
          publish_at: '2026-10-01T08:00:00Z',
        });
        expect(patched.statusCode).toBe(422);
        expect(await findArticle(d.db, id)).toMatchObject({ revision: 1, bodySource: '旧正文' });
        const edit = await browser.post(`/studio/articles/${id}`, {
          title: '草稿',
          channel: 'tech',
          bodyMarkdown: '新正文',
          publishAt: '2020-01-01T00:00',
          intent: 'schedule',
        });
        expect(edit.statusCode).toBe(422);
        expect(await findArticle(d.db, id)).toMatchObject({ revision: 1, status: 'draft' });
        // A future time schedules.
        const ok = await browser.post(`/studio/articles/${id}`, {
          title: '草稿',
          channel: 'tech',
          bodyMarkdown: '新正文',
          publishAt: '2026-12-01T08:30',
          intent: 'schedule',
        });
        expect(ok.statusCode).toBe(303);
        expect(await findArticle(d.db, id)).toMatchObject({
          status: 'scheduled',
          scheduledAt: new Date('2026-12-01T00:30:00Z'),
        });

        const summarised = await api('POST', '/api/v1/articles', {
          title: '摘要',
          channel: 'tech',
          body_markdown:
            '## 小标题\n\n> 别人的话\n\n![图说明](/media/0b0f6a3e-7d7c-4a52-9a1a-2a8a4d6c9e11 "图注")\n\n- 列表\n\n真正的第一段。',
        });
        expect(summarised.json().article.summary).toBe('真正的第一段。');
      } finally {
        await app.close();
      }
    });

    it('lists, compares (escaped <ins>/<del>) and restores revisions; restoring is editing', async () => {
      const { d, clock, me, app, token, otherToken, api } = await setup();
      try {
        const actor = { userId: me.userId, authorId: me.id };
        const { id } = await createDraft(d.db, clock, actor, {
          title: '第一版',
          channel: 'tech',
          bodyMarkdown: '第一段。\n\n<script>alert(1)</script>',
        });
        await saveArticle(d.db, clock, actor, id, {
          title: '第二版',
          channel: 'tech',
          bodyMarkdown: '第一段。\n\n新的第二段。',
          tags: ['保留'],
        });
        const list = await api('GET', `/api/v1/articles/${id}/revisions?limit=1`);
        expect(list.json().items).toEqual([
          { revision: 2, title: '第二版', created_at: expect.any(String), current: true },
        ]);
        const next = await api(
          'GET',
          `/api/v1/articles/${id}/revisions?limit=1&cursor=${list.json().next_cursor}`,
        );
        expect(next.json()).toMatchObject({
          items: [{ revision: 1, current: false }],
          next_cursor: null,
        });
        expect(
          (await api('GET', `/api/v1/articles/${id}/revisions`, undefined, otherToken)).statusCode,
        ).toBe(403);

        const browser = new Browser(app).useSession(token);
        const compare = await browser.get(`/studio/articles/${id}/revisions/compare?from=1&to=2`);
        expect(compare.statusCode).toBe(200);
        expect(compare.body).toContain('<del>&lt;script>alert(1)&lt;/script></del>');
        expect(compare.body).toContain('<ins>新的第二段。</ins>');
        expect(compare.body).toContain('<p class="same">第一段。</p>');
        expect(compare.body).toContain('<del>第一版</del>');
        expect(
          (await browser.get(`/studio/articles/${id}/revisions/compare?from=9&to=2`)).statusCode,
        ).toBe(404);

        // Restore through the page (CSRF form), then through the API.
        await browser.get(`/studio/articles/${id}/revisions/1`);
        const restored = await browser.post(`/studio/articles/${id}/revisions/1/restore`, {});
        expect(restored.statusCode).toBe(303);
        expect(restored.headers.location).toBe(`/studio/articles/${id}/edit?done=restored`);
        expect(await findArticle(d.db, id)).toMatchObject({
          revision: 3,
          title: '第一版',
          tags: ['保留'],
        });
        expect(
          (await browser.post(`/studio/articles/${id}/revisions/1/restore`, {}, { csrf: false }))
            .statusCode,
        ).toBe(403);
        const viaApi = await api('POST', `/api/v1/articles/${id}/revisions/2/restore`);
        expect(viaApi.json().article).toMatchObject({ revision: 4, title: '第二版' });
        expect(
          (await api('POST', `/api/v1/articles/${id}/revisions/2/restore`, undefined, otherToken))
            .statusCode,
        ).toBe(403);
        expect(
          (await api('POST', `/api/v1/articles/${id}/revisions/99/restore`)).json().error.code,
        ).toBe('REVISION_NOT_FOUND');
        expect(
          (await app.inject({ method: 'POST', url: `/api/v1/articles/${id}/revisions/2/restore` }))
            .statusCode,
        ).toBe(401);
      } finally {
        await app.close();
      }
    });
  },
);
