/**
 * Import jobs from the API and the admin console (admins only), the old
 * addresses of imported articles answering 301, and a creator's own export
 * from the studio — through the server, on both engines.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { unzipSync, zipSync } from 'fflate';
import { createSession, createUser } from '../src/accounts/index.js';
import { ensureDefaultChannels } from '../src/channels/index.js';
import { relayFor } from '../src/events/index.js';
import { buildServer } from '../src/server.js';
import { fixedClock } from '../src/shared/clock.js';
import { describeEachEngine } from './db.js';
import { makeArticle, makeCreator } from './factories.js';
import { Browser, multipart } from './http.js';

const WXR = new URL('./fixtures/import/chinese/festival-wxr.xml', import.meta.url);
/** Long enough for the fixture on a busy machine; the job is polled, not timed. */
const JOB_WAIT_MS = 30_000;

describeEachEngine('import jobs and exports', ({ db }) => {
  async function site() {
    const d = db();
    const clock = fixedClock('2026-11-20T02:00:00Z');
    await ensureDefaultChannels(d.db);
    const events = relayFor(d, { pollMs: 0 });
    const app = await buildServer({ database: d, clock, secret: 'import-secret', events });
    const admin = await createUser(d.db, {
      email: 'admin@example.com',
      password: 'correct horse battery',
      displayName: '站长',
      role: 'admin',
    });
    const adminToken = (await createSession(d.db, clock, admin.id, 'test')).token;
    const upload = (fields: Record<string, string>, bytes: Buffer, token = adminToken) => {
      const { body, contentType } = multipart(
        fields,
        'file',
        bytes,
        'festival.xml',
        'application/xml',
      );
      return app.inject({
        method: 'POST',
        url: '/api/v1/admin/imports',
        headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
        payload: body,
      });
    };
    const job = async (id: string) => {
      const started = Date.now();
      for (;;) {
        const res = await app.inject({
          url: `/api/v1/admin/imports/${id}`,
          headers: { authorization: `Bearer ${adminToken}` },
        });
        const body = res.json();
        if (
          body.status === 'done' ||
          body.status === 'failed' ||
          Date.now() - started > JOB_WAIT_MS
        )
          return body;
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    return { d, clock, app, admin, adminToken, upload, job };
  }

  it('runs an upload as a job with progress and report; only admins; bad fields named', async () => {
    const { d, clock, app, adminToken, upload, job } = await site();
    const started = await upload(
      { format: 'wordpress', channel_map: '{"美食": "travel"}' },
      readFileSync(WXR),
    );
    expect(started.statusCode).toBe(202);
    const done = await job(started.json().id);
    expect(done.status).toBe('done');
    expect(done.counts.articles).toEqual({ imported: 4, skipped: 3, failed: 1 });
    expect(done.counts.comments).toEqual({ imported: 3, skipped: 3, failed: 0 });
    expect(done.report.items).toContainEqual(
      expect.objectContaining({ kind: 'articles', outcome: 'failed', reason: '缺少标题' }),
    );
    // The mapped category chose the channel; the old permalink moves to the article.
    const moved = await app.inject({ url: '/2026/01/post-11/' });
    expect(moved.statusCode).toBe(301);
    const article = await app.inject({ url: moved.headers.location as string });
    expect(article.statusCode).toBe(200);
    expect(article.body).toContain('腊八粥的做法');
    expect(article.body).toContain('旅游');
    const list = await app.inject({
      url: '/api/v1/admin/imports',
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(list.json().items).toHaveLength(1);

    const creator = await makeCreator(d.db);
    const creatorToken = (await createSession(d.db, clock, creator.userId, 'test')).token;
    expect(
      (await upload({ format: 'wordpress' }, readFileSync(WXR), creatorToken)).statusCode,
    ).toBe(403);
    const noFormat = await upload({ format: 'blogger' }, readFileSync(WXR));
    expect(noFormat.statusCode).toBe(422);
    expect(noFormat.json().error.fields[0].path).toBe('format');
    const badMap = await upload({ format: 'wordpress', channel_map: '[1]' }, readFileSync(WXR));
    expect(badMap.json().error.fields[0].path).toBe('channel_map');
    const missing = await app.inject({
      url: '/api/v1/admin/imports/00000000-0000-4000-8000-000000000000',
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('IMPORT_JOB_NOT_FOUND');
  });

  it('takes a Markdown folder as a zip', async () => {
    const { upload, job } = await site();
    const root = new URL('./fixtures/import/chinese/hexo/', import.meta.url).pathname;
    const files: Record<string, Uint8Array> = {};
    const walk = (dir: string) => {
      for (const e of readdirSync(path.join(root, dir), { withFileTypes: true }))
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else files[path.join('hexo', dir, e.name)] = readFileSync(path.join(root, dir, e.name));
    };
    walk('');
    const started = await upload({ format: 'markdown' }, Buffer.from(zipSync(files)));
    expect(started.statusCode).toBe(202);
    const done = await job(started.json().id);
    expect(done.status).toBe('done');
    expect(done.counts.articles, JSON.stringify(done.report.items)).toEqual({
      imported: 3,
      skipped: 0,
      failed: 0,
    });
    expect(done.counts.images).toEqual({ imported: 1, skipped: 0, failed: 0 });
    const notZip = await upload({ format: 'markdown' }, Buffer.from('不是 zip'));
    expect(notZip.statusCode).toBe(422);
    expect(notZip.json().error.fields[0].path).toBe('file');
  });

  it('the console uploads with its form and shows the report', async () => {
    const { d, clock, app, admin, job } = await site();
    const browser = new Browser(app).useSession(
      (await createSession(d.db, clock, admin.id, 'p')).token,
    );
    const page = await browser.get('/studio/admin/imports');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('开始导入');
    const { body, contentType } = multipart(
      { _csrf: browser.csrf, format: 'wordpress' },
      'file',
      readFileSync(WXR),
      '节日志.xml',
      'application/xml',
    );
    const post = await app.inject({
      method: 'POST',
      url: '/studio/admin/imports',
      headers: {
        cookie: browser.cookieHeader(),
        'content-type': contentType,
        'sec-fetch-site': 'same-origin',
      },
      payload: body,
    });
    expect(post.statusCode).toBe(303);
    const forged = multipart(
      { _csrf: 'nope', format: 'wordpress' },
      'file',
      readFileSync(WXR),
      'x.xml',
      'application/xml',
    );
    const refused = await app.inject({
      method: 'POST',
      url: '/studio/admin/imports',
      headers: {
        cookie: browser.cookieHeader(),
        'content-type': forged.contentType,
        'sec-fetch-site': 'same-origin',
      },
      payload: forged.body,
    });
    expect(refused.statusCode).toBe(403);
    const id = /id="job-([0-9a-f-]{36})"/.exec(
      (await browser.get('/studio/admin/imports')).body,
    )![1]!;
    expect((await job(id)).status).toBe('done');
    const after = await browser.get('/studio/admin/imports');
    expect(after.body).toContain('节日志.xml');
    expect(after.body).toContain('已完成');
    expect(after.body).toContain('状态为 private');
  });

  it('a creator downloads their own content from the studio', async () => {
    const { d, clock, app } = await site();
    const creator = await makeCreator(d.db);
    await makeArticle(d.db, {
      authorId: creator.id,
      title: '我的第一篇文章',
      body: '正文，全角标点。',
    });
    const browser = new Browser(app).useSession(
      (await createSession(d.db, clock, creator.userId, 'p')).token,
    );
    const res = await browser.get('/studio/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const files = unzipSync(res.rawPayload);
    const md = Object.keys(files).find((f) => f.startsWith('articles/'))!;
    expect(Buffer.from(files[md]!).toString()).toContain('title: "我的第一篇文章"');
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['comments.csv', 'followers.csv', 'manifest.json']),
    );
    expect((await new Browser(app).get('/studio/export')).statusCode).toBe(303);
  });
});
