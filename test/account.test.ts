/**
 * Account self-service through the pages and the API: profile with a square
 * avatar, a creator's new handle (301 from the old), password change (other
 * sessions end), verification when the site asks for it, deletion from the
 * page — and the everyday fixes: no holding of an author's or editor's own
 * comments, 关注 that stays on the article, the header's account menu.
 */
import sharp from 'sharp';
import { expect, it } from 'vitest';
import { createSession, createUser } from '../src/accounts/index.js';
import { ensureDefaultChannels } from '../src/channels/index.js';
import { buildServer } from '../src/server.js';
import { updateSiteSettings } from '../src/settings/index.js';
import { fixedClock } from '../src/shared/clock.js';
import { describeEachEngine } from './db.js';
import { makeArticle, makeCreator } from './factories.js';
import { Browser, multipart } from './http.js';
import { parseHtml } from './html.js';
import { testPhoto } from './photo.js';

describeEachEngine('account self-service', ({ db }) => {
  async function site() {
    const d = db();
    const clock = fixedClock('2026-11-20T02:00:00Z');
    await ensureDefaultChannels(d.db);
    const app = await buildServer({ database: d, clock, secret: 'account-secret' });
    return { d, clock, app };
  }

  it('edits a profile with a square avatar, and moves a creator to a new handle with a 301', async () => {
    const { d, clock, app } = await site();
    const creator = await makeCreator(d.db, { handle: 'old-name', displayName: '旧名字' });
    const article = await makeArticle(d.db, { authorId: creator.id });
    const token = (await createSession(d.db, clock, creator.userId, 'test')).token;
    const browser = new Browser(app).useSession(token);
    const form = await browser.get('/me/profile');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="handle"');
    // A field error names the field, keeps what was typed.
    const bad = await browser.post('/me/profile', {
      displayName: '',
      handle: 'No Spaces!',
      tagline: '一句话',
      bio: '',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('请填写昵称');
    expect(bad.body).toContain('value="一句话"');
    const saved = await browser.post('/me/profile', {
      displayName: '新名字',
      handle: 'new-name',
      tagline: '写科技',
      bio: '十年科技记者。',
    });
    expect(saved.statusCode).toBe(303);
    const moved = await app.inject({ url: '/author/old-name?before=x' });
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe('/author/new-name?before=x');
    expect((await app.inject({ url: '/zh-hant/author/old-name' })).headers.location).toBe(
      '/zh-hant/author/new-name',
    );
    const page = await app.inject({ url: '/author/new-name' });
    expect(page.body).toContain('新名字');
    expect((await app.inject({ url: `/article/${article.id}` })).body).toContain('新名字');
    // Another creator cannot take the old handle while it redirects.
    const other = await makeCreator(d.db);
    const otherToken = (await createSession(d.db, clock, other.userId, 'test')).token;
    const taken = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${otherToken}` },
      payload: { handle: 'old-name' },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.fields[0].path).toBe('handle');

    // The avatar: cropped square, every size, shown on the author's page.
    const photo = await testPhoto();
    const upload = multipart({ _csrf: browser.csrf }, 'image', photo, 'me.jpg', 'image/jpeg');
    const uploaded = await app.inject({
      method: 'POST',
      url: '/me/avatar',
      headers: {
        cookie: browser.cookieHeader(),
        'sec-fetch-site': 'same-origin',
        'content-type': upload.contentType,
      },
      payload: upload.body,
    });
    expect(uploaded.statusCode).toBe(303);
    const me = (
      await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(me).toMatchObject({ display_name: '新名字', tagline: '写科技', bio: '十年科技记者。' });
    for (const size of [64, 128, 256]) {
      const file = await app.inject({ url: `/media/${me.avatar_image_id}/${size}.webp` });
      expect(file.statusCode).toBe(200);
      const meta = await sharp(file.rawPayload).metadata();
      expect([meta.width, meta.height]).toEqual([size, size]);
    }
    const avatar = await app.inject({ url: '/avatar/new-name.svg' });
    expect(avatar.statusCode).toBe(302);
    expect(avatar.headers.location).toBe(`/media/${me.avatar_image_id}/128.webp`);
    // An image that is not one's own avatar is refused.
    const notAvatar = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${otherToken}` },
      payload: { avatar_image_id: me.avatar_image_id },
    });
    expect(notAvatar.statusCode).toBe(422);
    expect(notAvatar.json().error.fields[0].path).toBe('avatarImageId');
    await app.close();
  });

  it('changes a password with the current one and ends the other sessions', async () => {
    const { d, clock, app } = await site();
    const user = await createUser(d.db, {
      email: 'pw@example.com',
      password: 'the first password',
      displayName: '改密码',
    });
    const here = new Browser(app);
    await here.post('/signin', { email: 'pw@example.com', password: 'the first password' });
    const elsewhere = (await createSession(d.db, clock, user.id, 'phone')).token;
    await here.get('/me/password');
    const wrong = await here.post('/me/password', {
      currentPassword: 'not it',
      newPassword: 'the second password',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('当前密码不正确');
    const done = await here.post('/me/password', {
      currentPassword: 'the first password',
      newPassword: 'the second password',
    });
    expect(done.statusCode).toBe(303);
    expect((await here.get('/me')).statusCode).toBe(200);
    expect(
      (await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${elsewhere}` } }))
        .statusCode,
    ).toBe(401);
    await app.close();
  });

  it('asks for a verified address before sign-in when the site says so', async () => {
    const { d, app } = await site();
    await updateSiteSettings(d.db, { emailVerification: true });
    const browser = new Browser(app);
    await browser.post('/register', {
      displayName: '新人',
      email: 'new@example.com',
      password: 'a good long password',
    });
    const refused = await browser.post('/signin', {
      email: 'new@example.com',
      password: 'a good long password',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('请先验证邮箱');
    expect(browser.has('byline_session')).toBe(false);
    // A wrong password says nothing about verification.
    const wrong = await browser.post('/signin', { email: 'new@example.com', password: 'nope' });
    expect(wrong.statusCode).toBe(401);
    await app.close();
  });

  it('deletes an account from its page after the password and the word 注销', async () => {
    const { d, app } = await site();
    await createUser(d.db, {
      email: 'bye@example.com',
      password: 'a password to go',
      displayName: '再见',
    });
    const browser = new Browser(app);
    await browser.post('/signin', { email: 'bye@example.com', password: 'a password to go' });
    const page = await browser.get('/me/account');
    expect(page.body).toContain('下载数据副本');
    const unconfirmed = await browser.post('/me/delete', {
      password: 'a password to go',
      confirm: '',
    });
    expect(unconfirmed.statusCode).toBe(422);
    expect(unconfirmed.body).toContain('注销');
    const zip = await browser.get('/me/export');
    expect(zip.headers['content-type']).toBe('application/zip');
    expect(zip.headers['content-disposition']).toMatch(/^attachment; filename="byline-export-/);
    const gone = await browser.post('/me/delete', {
      password: 'a password to go',
      confirm: '注销',
    });
    expect(gone.statusCode).toBe(303);
    expect(gone.headers.location).toBe('/account-deleted');
    expect(browser.has('byline_session')).toBe(false);
    const again = await new Browser(app).post('/signin', {
      email: 'bye@example.com',
      password: 'a password to go',
    });
    expect(again.statusCode).toBe(401);
    await app.close();
  });

  it("never holds an author's or an editor's own comments, keeps 关注 on the article, and shows the right menu", async () => {
    const { d, clock, app } = await site();
    // Everyone here is brand new (a day's hold for new accounts is the default).
    const author = await makeCreator(d.db);
    const article = await makeArticle(d.db, { authorId: author.id });
    const editor = await createUser(d.db, {
      email: 'ed@example.com',
      displayName: '编辑',
      role: 'editor',
    });
    const reader = await createUser(d.db, { email: 'rd@example.com', displayName: '新读者' });
    const post = async (userId: string, body: string) => {
      const b = new Browser(app).useSession((await createSession(d.db, clock, userId, 't')).token);
      await b.get(`/article/${article.id}`);
      return b.post(`/article/${article.id}/comments`, { body });
    };
    expect((await post(author.userId, '作者回复读者')).headers.location).toContain(
      'posted=visible',
    );
    expect((await post(editor.id, '编辑的话')).headers.location).toContain('posted=visible');
    expect((await post(reader.id, '新读者的话')).headers.location).toContain('posted=held');

    // 关注 from the article returns to the article (and answers JSON to the script).
    const fan = new Browser(app).useSession(
      (await createSession(d.db, clock, reader.id, 't')).token,
    );
    const articlePage = await fan.get(`/article/${article.id}`);
    const followForm = parseHtml(articlePage.body).querySelector('form.follow-form')!;
    const next = followForm.querySelector('input[name="next"]')!.getAttribute('value')!;
    expect(next).toBe(`/article/${article.id}`);
    const followed = await fan.post(followForm.getAttribute('action')!, { next });
    expect(followed.statusCode).toBe(303);
    expect(followed.headers.location).toBe(`/article/${article.id}`);
    const json = await fan.post(
      followForm.getAttribute('action')!,
      { next },
      { headers: { accept: 'application/json' } },
    );
    expect(json.json()).toEqual({ following: false, followers: 0 });
    // Elsewhere than this site: home instead.
    const away = await fan.post(followForm.getAttribute('action')!, {
      next: 'https://evil.example/',
    });
    expect(away.headers.location).toBe('/');

    // The header: a reader has 我的主页 → /me and 申请入驻; a creator has 创作中心, no 申请入驻,
    // and no 关注 button on its own page.
    const readerHome = parseHtml((await fan.get('/')).body);
    const readerMenu = readerHome.querySelectorAll('.account-menu a').map((a) => a.text.trim());
    expect(readerMenu).toEqual(['我的主页', '关注', '我的收藏', '阅读历史', '通知', '设置']);
    expect(readerHome.querySelector('.account-menu a')!.getAttribute('href')).toBe('/me');
    expect(readerHome.querySelectorAll('.tools a').some((a) => a.text === '申请入驻')).toBe(true);
    const writer = new Browser(app).useSession(
      (await createSession(d.db, clock, author.userId, 't')).token,
    );
    const writerHome = parseHtml((await writer.get('/')).body);
    expect(writerHome.querySelectorAll('.account-menu a').map((a) => a.text.trim())).toEqual([
      '我的主页',
      '创作中心',
      '关注',
      '我的收藏',
      '阅读历史',
      '通知',
      '设置',
    ]);
    expect(writerHome.querySelector('.account-menu a')!.getAttribute('href')).toBe(
      `/author/${author.handle}`,
    );
    expect(writerHome.querySelectorAll('.tools a').some((a) => a.text === '申请入驻')).toBe(false);
    const own = await writer.get(`/author/${author.handle}`);
    expect(own.body).not.toContain('class="follow-form"');
    expect(own.body).toContain('编辑资料');
    await app.close();
  });
});
