/**
 * From a stranger to a published creator and back, through the pages (cookies,
 * CSRF tokens, forms) and through the JSON API (bearer tokens), on both engines.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { testPhoto } from './photo.js';
import { expect, it } from 'vitest';
import { createUser } from '../src/accounts/index.js';
import { ensureDefaultChannels } from '../src/channels/index.js';
import { rowsOf } from '../src/db/client.js';
import { buildServer } from '../src/server.js';
import { describeEachEngine } from './db.js';
import { testClock } from './factories.js';
import { parseHtml } from './html.js';
import { Browser, errorsOn, multipart } from './http.js';

describeEachEngine('creator journey', ({ db }) => {
  it('through the pages: register → apply → approved → publish with an image → edit → unpublish → delete', async () => {
    const database = db();
    const uploadsDir = mkdtempSync(path.join(tmpdir(), 'byline-uploads-'));
    const app = await buildServer({
      database,
      clock: testClock(),
      uploadsDir,
      secret: 'test-secret',
    });
    await ensureDefaultChannels(database.db);
    await createUser(database.db, {
      email: 'editor@example.com',
      password: 'editor password 1',
      displayName: '编辑',
      role: 'editor',
    });

    const alice = new Browser(app);
    expect((await alice.get('/register')).statusCode).toBe(200);
    const weak = await alice.post('/register', {
      displayName: '李白',
      email: 'li@example.com',
      password: '12345678',
    });
    expect(weak.statusCode).toBe(422);
    expect(errorsOn(weak.body).password).toContain('太常见');
    const reg = await alice.post('/register', {
      displayName: '李白',
      email: 'li@example.com',
      password: 'moonlight over the bed',
    });
    // Registering says "check your mail" (whether or not the address was new); the password works at once.
    expect(reg.statusCode).toBe(200);
    expect(reg.body).toContain('请查收邮件');
    expect(alice.has('byline_session')).toBe(false);
    const signedIn = await alice.post('/signin', {
      email: 'li@example.com',
      password: 'moonlight over the bed',
      next: '/',
    });
    expect(signedIn.statusCode).toBe(303);
    expect(alice.has('byline_session')).toBe(true);
    const session = signedIn.cookies.find((c) => c.name === 'byline_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');

    await alice.get('/apply');
    const noToken = await alice.post('/apply', { displayName: '李白' }, { csrf: false });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.body).toContain('CSRF_REJECTED');
    const invalid = await alice.post('/apply', {
      displayName: '',
      handle: 'A!',
      tagline: '',
      contact: '',
    });
    expect(invalid.statusCode).toBe(422);
    const errs = errorsOn(invalid.body);
    expect(Object.keys(errs).sort()).toEqual(
      ['accountType', 'contact', 'displayName', 'handle', 'tagline'].sort(),
    );
    expect(errs.handle).toContain('小写字母');
    const applied = await alice.post('/apply', {
      displayName: '李白工作室',
      handle: 'libai',
      accountType: 'individual',
      tagline: '诗酒趁年华',
      bio: '写诗',
      focusChannels: ['art', 'travel'],
      sampleLinks: 'https://example.com/poem',
      contact: 'li@example.com',
    });
    expect(applied.statusCode).toBe(303);
    expect((await alice.get('/apply')).body).toContain('待审核');
    expect((await alice.get('/studio/new')).statusCode).toBe(403);

    const editor = new Browser(app);
    await editor.get('/signin');
    const badLogin = await editor.post('/signin', {
      email: 'editor@example.com',
      password: 'wrong password',
    });
    expect(badLogin.statusCode).toBe(401);
    expect(badLogin.body).toContain('邮箱或密码不正确');
    expect(
      (await editor.post('/signin', { email: 'editor@example.com', password: 'editor password 1' }))
        .statusCode,
    ).toBe(303);
    const queue = parseHtml((await editor.get('/studio/review')).body);
    const approve = queue.querySelector('form[action$="/approve"]')!.getAttribute('action')!;
    expect((await alice.post(approve, {})).statusCode).toBe(403); // only editors review
    expect((await editor.post(approve, {})).statusCode).toBe(303);
    const audit = rowsOf<{ action: string; actor: string }>(
      await database.db.execute(
        sql`SELECT a.action, u.email AS actor FROM byline.audit_log a JOIN byline.users u ON u.id = a.actor_id`,
      ),
    );
    expect(audit).toEqual([{ action: 'application.approve', actor: 'editor@example.com' }]);
    expect((await alice.get('/apply')).body).toContain('已通过');

    // The creator writes, with an image.
    await alice.get('/studio/new');
    const upload = await alice.upload(
      '/studio/images',
      'image',
      await testPhoto(),
      'IMG_0001.jpg',
      'image/jpeg',
    );
    expect(upload.statusCode).toBe(200);
    const image = upload.json<{ id: string; markdown: string }>();
    const media = await app.inject({ url: `/media/${image.id}/960.webp` });
    expect(media.statusCode).toBe(200);
    expect(media.headers['content-type']).toBe('image/webp');
    expect(media.headers['cache-control']).toContain('immutable');
    const meta = await sharp(media.rawPayload).metadata();
    expect(meta.width).toBe(960);
    expect(meta.exif).toBeUndefined();
    const body = `第一段，介绍兵马俑。\n\n![兵马俑](/media/${image.id} "（从左到右：一号坑、二号坑 来源：测试）")\n\n> 引用一句。`;
    const created = await alice.post('/studio/articles', {
      title: '秦始皇陵兵马俑',
      channel: 'travel',
      summary: '',
      bodyMarkdown: body,
      coverImageId: image.id,
      claimOriginal: '1',
      publishAt: '',
      intent: 'publish',
    });
    expect(created.statusCode).toBe(303);
    const id = /\/studio\/articles\/([a-z0-9]{12})\/edit/.exec(
      created.headers.location as string,
    )![1]!;
    const page = parseHtml((await app.inject({ url: `/article/${id}` })).body);
    expect(page.querySelector('h1')!.text).toBe('秦始皇陵兵马俑');
    const figure = page.querySelector('.article-body figure')!;
    expect(figure.querySelector('img')!.getAttribute('srcset')).toContain(
      `/media/${image.id}/480.webp 480w`,
    );
    expect(figure.querySelector('figcaption')!.text).toBe(
      '（从左到右：一号坑、二号坑 来源：测试）',
    );
    expect(page.querySelector('.article-body blockquote')).not.toBeNull();

    // Edit after publishing: a new revision, still published.
    await alice.get(`/studio/articles/${id}/edit`);
    const edited = await alice.post(`/studio/articles/${id}`, {
      title: '秦始皇陵兵马俑（修订）',
      channel: 'travel',
      summary: '',
      bodyMarkdown: body,
      coverImageId: image.id,
      claimOriginal: '1',
      publishAt: '',
      intent: 'save',
    });
    expect(edited.statusCode).toBe(303);
    expect(
      parseHtml((await app.inject({ url: `/article/${id}` })).body).querySelector('h1')!.text,
    ).toBe('秦始皇陵兵马俑（修订）');
    const revisions = parseHtml(
      (await alice.get(`/studio/articles/${id}/revisions`)).body,
    ).querySelectorAll('.revisions li');
    expect(revisions).toHaveLength(2);
    expect((await alice.get(`/studio/articles/${id}/revisions/1`)).body).toContain(
      '第 1 版：秦始皇陵兵马俑',
    );

    // Another creator cannot touch it; the studio lists it with counts.
    const studio = parseHtml((await alice.get('/studio')).body);
    expect(studio.querySelector('.studio-table td a')!.text).toBe('秦始皇陵兵马俑（修订）');
    await alice.get(`/studio/articles/${id}/edit`);
    expect((await alice.post(`/studio/articles/${id}`, { intent: 'unpublish' })).statusCode).toBe(
      303,
    );
    expect((await app.inject({ url: `/article/${id}` })).statusCode).toBe(404);
    await alice.get(`/studio/articles/${id}/edit`);
    expect((await alice.post(`/studio/articles/${id}`, { intent: 'delete' })).statusCode).toBe(303);
    expect((await app.inject({ url: `/article/${id}` })).statusCode).toBe(410);

    // Sign out everywhere ends every session.
    await alice.get('/studio');
    expect((await alice.post('/signout/all', {})).statusCode).toBe(303);
    expect((await alice.get('/studio')).statusCode).toBe(303);
    await app.close();
  });

  it('through the JSON API with bearer tokens', async () => {
    const database = db();
    const uploadsDir = mkdtempSync(path.join(tmpdir(), 'byline-uploads-'));
    const app = await buildServer({ database, clock: testClock(), uploadsDir });
    await ensureDefaultChannels(database.db);
    await createUser(database.db, {
      email: 'ed@example.com',
      password: 'editor password 2',
      displayName: '编辑',
      role: 'editor',
    });
    const call = (
      method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
      url: string,
      payload?: unknown,
      token?: string,
    ) =>
      app.inject({
        method,
        url: `/api/v1${url}`,
        payload: payload as never,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });

    expect(
      (
        await call('POST', '/users', {
          email: 'du@example.com',
          password: 'spring view 2026',
          display_name: '杜甫',
        })
      ).statusCode,
    ).toBe(202);
    // The same answer for an address that has an account (its owner is told by mail).
    const taken = await call('POST', '/users', {
      email: 'du@example.com',
      password: 'spring view 2026',
      display_name: '杜甫',
    });
    expect(taken.statusCode).toBe(202);
    expect(taken.json()).not.toHaveProperty('error');
    const unknownField = await call('POST', '/users', {
      email: 'x@example.com',
      password: 'spring view 2026',
      display_name: 'x',
      role: 'admin',
    });
    expect(unknownField.statusCode).toBe(422);
    const token = (
      await call('POST', '/session', { email: 'du@example.com', password: 'spring view 2026' })
    ).json<{ token: string }>().token;
    const edToken = (
      await call('POST', '/session', { email: 'ed@example.com', password: 'editor password 2' })
    ).json<{ token: string }>().token;

    expect(
      (await call('POST', '/articles', { title: 't', body_markdown: 'b', channel: 'tech' }, token))
        .statusCode,
    ).toBe(403);
    const applied = await call(
      'POST',
      '/creator-applications',
      {
        display_name: '杜甫',
        handle: 'dufu',
        account_type: 'individual',
        tagline: '诗史',
        contact: 'du@example.com',
      },
      token,
    );
    expect(applied.statusCode).toBe(201);
    const appId = applied.json<{ application: { id: string } }>().application.id;
    expect(
      (await call('GET', '/creator-applications?status=pending', undefined, token)).statusCode,
    ).toBe(403);
    const listed = await call('GET', '/creator-applications?status=pending', undefined, edToken);
    expect(listed.json<{ items: { id: string }[] }>().items.map((a) => a.id)).toEqual([appId]);
    expect(
      (await call('POST', `/creator-applications/${appId}/reject`, {}, edToken)).statusCode,
    ).toBe(422);
    expect(
      (await call('POST', `/creator-applications/${appId}/approve`, { reason: '欢迎' }, edToken))
        .statusCode,
    ).toBe(200);

    const photo = multipart({}, 'image', await testPhoto(), 'a.jpg', 'image/jpeg');
    const uploaded = await app.inject({
      method: 'POST',
      url: '/api/v1/images',
      payload: photo.body,
      headers: { 'content-type': photo.contentType, authorization: `Bearer ${token}` },
    });
    expect(uploaded.statusCode).toBe(201);
    const imageId = uploaded.json<{ image: { id: string } }>().image.id;
    const fake = multipart(
      {},
      'image',
      Buffer.from('<svg onload="alert(1)"></svg>'),
      'x.png',
      'image/png',
    );
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/images',
      payload: fake.body,
      headers: { 'content-type': fake.contentType, authorization: `Bearer ${token}` },
    });
    expect(refused.statusCode).toBe(415);

    const created = await call(
      'POST',
      '/articles',
      {
        title: '春望',
        body_markdown: `国破山河在。\n\n![](/media/${imageId} "长安")`,
        channel: 'art',
        cover_image_id: imageId,
        claim_original: true,
        publish: true,
      },
      token,
    );
    expect(created.statusCode).toBe(201);
    const article = created.json<{
      article: {
        id: string;
        status: string;
        url: string;
        author: { handle: string };
        counts: object;
      };
    }>().article;
    expect(article).toMatchObject({
      status: 'published',
      author: { handle: 'dufu' },
      counts: { views: 0, shares: 0, comments: 0 },
    });
    const got = (await call('GET', `/articles/${article.id}`)).json<{
      article: { title: string; body: { html: string } };
    }>().article;
    expect(got.body.html).toContain('<figcaption>长安</figcaption>');
    const list = (await call('GET', '/articles?author=dufu&limit=5')).json<{
      items: { id: string }[];
    }>();
    expect(list.items.map((i) => i.id)).toEqual([article.id]);
    expect(
      (await call('PATCH', `/articles/${article.id}`, { title: '春望（修订）' }, edToken))
        .statusCode,
    ).toBe(200);
    expect(
      (await call('GET', `/articles/${article.id}`)).json<{
        article: { title: string; revision: number };
      }>().article,
    ).toMatchObject({ title: '春望（修订）', revision: 2 });
    expect((await call('DELETE', `/articles/${article.id}`, undefined, token)).statusCode).toBe(
      204,
    );
    expect((await call('GET', `/articles/${article.id}`)).statusCode).toBe(410);
    expect((await call('DELETE', '/session', undefined, token)).statusCode).toBe(204);
    expect(
      (await call('POST', '/articles', { title: 't', body_markdown: 'b', channel: 'tech' }, token))
        .statusCode,
    ).toBe(401);
    await app.close();
  });
});
