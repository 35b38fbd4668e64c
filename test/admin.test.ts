/**
 * The admin console and its API: settings that reach the cached pages at
 * once, channels (create, rename, hide, reorder, remove with the articles
 * moved), users (search by name, e-mail or handle; suspend ends sessions and
 * sign-in; role → creator gets a profile), the audit log in words, the
 * dashboard — and who may see what.
 */
import { expect, it } from 'vitest';
import { createSession, createUser } from '../src/accounts/index.js';
import { ensureDefaultChannels } from '../src/channels/index.js';
import { buildServer } from '../src/server.js';
import { fixedClock } from '../src/shared/clock.js';
import { PageCache } from '../src/web/page-cache.js';
import { relayFor } from '../src/events/index.js';
import { describeEachEngine } from './db.js';
import { makeArticle, makeCreator } from './factories.js';
import { Browser } from './http.js';

describeEachEngine('admin console', ({ db }) => {
  async function site() {
    const d = db();
    const clock = fixedClock('2026-11-20T02:00:00Z');
    await ensureDefaultChannels(d.db);
    const events = relayFor(d, { pollMs: 0 });
    const app = await buildServer(
      { database: d, clock, secret: 'admin-secret', events },
      { pageCache: new PageCache(8 * 1024 * 1024) },
    );
    const admin = await createUser(d.db, {
      email: 'admin@example.com',
      password: 'correct horse battery',
      displayName: '站长',
      role: 'admin',
    });
    const adminToken = (await createSession(d.db, clock, admin.id, 'test')).token;
    const api = async (method: string, url: string, payload?: unknown, token = adminToken) => {
      const res = await app.inject({
        method: method as 'GET',
        url: `/api/v1${url}`,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
      // What a change committed reaches this instance's caches (the relay is read at once).
      await events.catchUp();
      return res;
    };
    return { d, clock, app, admin, adminToken, api, events };
  }

  it('changes site settings through the API; the cached portal shows them at once', async () => {
    const { app, api } = await site();
    const before = await app.inject({ url: '/' });
    expect(before.body).toContain('署名');
    expect((await app.inject({ url: '/' })).headers['x-cache']).toBe('HIT');
    const pub = await api('GET', '/site-settings', undefined, '');
    expect(pub.statusCode).toBe(200);
    expect(pub.json().site_name).toBe('署名');
    const bad = await api('PATCH', '/site-settings', { comment_hold_hours: -1, site_name: '' });
    expect(bad.statusCode).toBe(422);
    const paths = bad.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['comment_hold_hours', 'site_name']));
    expect(JSON.stringify(bad.json())).toMatch(/不能|最|至少/);
    const ok = await api('PATCH', '/site-settings', {
      site_name: '新闻港',
      logo_text: '新闻港 NEWS',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().site_name).toBe('新闻港');
    const after = await app.inject({ url: '/' });
    expect(after.body).toContain('新闻港 NEWS');
    const reader = await makeCreator(db().db);
    const { token } = await createSession(
      db().db,
      fixedClock('2026-11-20T02:00:00Z'),
      reader.userId,
      't',
    );
    expect((await api('PATCH', '/site-settings', { site_name: 'x' }, token)).statusCode).toBe(403);
    expect((await api('PATCH', '/site-settings', { site_name: 'x' }, '')).statusCode).toBe(401);
  });

  it('creates, renames, hides, reorders and removes channels, moving their articles', async () => {
    const { d, app, api } = await site();
    const created = await api('POST', '/channels', { slug: 'edu', name: '教育' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ slug: 'edu', name: '教育', hidden: false });
    expect((await api('POST', '/channels', { slug: 'edu', name: '再来' })).json().error.code).toBe(
      'CHANNEL_TAKEN',
    );
    const badSlug = await api('POST', '/channels', { slug: 'No Spaces', name: '' });
    expect(badSlug.statusCode).toBe(422);
    expect(badSlug.json().error.fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['slug', 'name']),
    );
    // The nav lists channels with articles: this one gets one before the change is announced.
    const author = await makeCreator(d.db);
    const article = await makeArticle(d.db, { authorId: author.id, channelSlug: 'edu' });
    const navOf = (body: string) =>
      body.slice(body.indexOf('<nav aria-label="频道导航"'), body.indexOf('</nav>'));
    const moved = await api('PATCH', '/channels/edu', { name: '教育频道', position: 1 });
    expect(moved.json()).toMatchObject({ name: '教育频道', position: 1 });
    const list = (await api('GET', '/channels', undefined, '')).json().items;
    expect(list[0].slug).toBe('edu');
    expect(navOf((await app.inject({ url: '/' })).body)).toContain('>教育频道<');
    await api('PATCH', '/channels/edu', { hidden: true });
    const nav = navOf((await app.inject({ url: '/' })).body);
    expect(nav).not.toContain('>教育频道<');
    expect((await app.inject({ url: '/channel/edu' })).statusCode).toBe(200);

    const removed = await api('DELETE', '/channels/edu?move_to=tech');
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().moved).toBe(1);
    expect((await app.inject({ url: '/channel/edu' })).statusCode).toBe(404);
    const page = await app.inject({ url: `/article/${article.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('/channel/tech');
    expect((await api('DELETE', '/channels/tech?move_to=tech')).statusCode).toBe(422);
    expect((await api('DELETE', '/channels/nope?move_to=tech')).json().error.code).toBe(
      'CHANNEL_NOT_FOUND',
    );
  });

  it('finds users, suspends one (its sessions end at once) and restores it; all audited', async () => {
    const { d, clock, app, api, admin } = await site();
    const creator = await makeCreator(d.db, { handle: 'tech-writer', displayName: '科技写手' });
    const { token } = await createSession(d.db, clock, creator.userId, 'test');
    const byHandle = (await api('GET', '/users?q=tech-writer')).json();
    expect(byHandle.items.map((u: { id: string }) => u.id)).toContain(creator.userId);
    const byName = (await api('GET', `/users?q=${encodeURIComponent('科技写')}`)).json();
    expect(byName.items[0].id).toBe(creator.userId);
    expect((await api('GET', '/users?q=x', undefined, token)).statusCode).toBe(403);

    const noReason = await api('POST', `/users/${creator.userId}/suspend`, { reason: '' });
    expect(noReason.statusCode).toBe(422);
    const suspended = await api('POST', `/users/${creator.userId}/suspend`, { reason: '发布广告' });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json()).toMatchObject({
      status: 'suspended',
      suspended_reason: '发布广告',
      sessions: 0,
    });
    const me = await app.inject({
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.statusCode).toBe(401);
    const self = await api('POST', `/users/${admin.id}/suspend`, { reason: '试试' });
    expect(self.json().error.code).toBe('INVALID_STATE');
    const restored = await api('POST', `/users/${creator.userId}/unsuspend`, {
      reason: '申诉通过',
    });
    expect(restored.json().status).toBe('active');

    const log = (await api('GET', '/audit-log?action=user.')).json();
    expect(log.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['user.suspend', 'user.unsuspend']),
    );
    // The page reads as sentences: names, Chinese actions, links to the accounts.
    const browser = new Browser(app).useSession(
      (await createSession(d.db, clock, admin.id, 'p')).token,
    );
    const audit = await browser.get('/studio/admin/audit');
    expect(audit.statusCode).toBe(200);
    expect(audit.body).toContain('停用账号');
    expect(audit.body).toContain('站长');
    expect(audit.body).toContain(`/studio/admin/users/${creator.userId}`);
    expect(audit.body).toContain('科技写手');
    expect(audit.body).not.toContain('>user.suspend<');
    const filtered = await browser.get('/studio/admin/audit?action=user.unsuspend');
    expect(filtered.body).toContain('恢复账号');
    expect(filtered.body).not.toContain('发布广告');
    expect((await browser.get('/studio/audit')).statusCode).toBe(301);
  });

  it('makes a reader a creator who can write, from the user page', async () => {
    const { d, clock, app, admin } = await site();
    const reader = await createUser(d.db, {
      email: 'Writer.One@example.com',
      password: 'correct horse battery',
      displayName: '一号读者',
      role: 'reader',
    });
    const browser = new Browser(app).useSession(
      (await createSession(d.db, clock, admin.id, 'p')).token,
    );
    const page = await browser.get(`/studio/admin/users/${reader.id}`);
    expect(page.statusCode).toBe(200);
    const refused = await browser.post(`/studio/admin/users/${reader.id}/role`, {
      role: 'creator',
      reason: '',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('请填写理由');
    const done = await browser.post(`/studio/admin/users/${reader.id}/role`, {
      role: 'creator',
      reason: '签约作者',
    });
    expect(done.statusCode).toBe(303);
    const writer = new Browser(app).useSession(
      (await createSession(d.db, clock, reader.id, 'w')).token,
    );
    expect((await writer.get('/studio/new')).statusCode).toBe(200);
    expect((await app.inject({ url: '/author/writer-one' })).statusCode).toBe(200);
  });

  it('shows the dashboard to editors and admins, the rest of the console to admins only', async () => {
    const { d, clock, app, api } = await site();
    const editor = await createUser(d.db, {
      email: 'editor@example.com',
      password: 'correct horse battery',
      displayName: '编辑',
      role: 'editor',
    });
    const author = await makeCreator(d.db);
    await makeArticle(d.db, { authorId: author.id, publishedAt: clock.now() });
    const dash = await api('GET', '/dashboard');
    expect(dash.statusCode, dash.body).toBe(200);
    expect(dash.json().day).toBe('2026-11-20');
    expect(dash.json().totals.articles_published).toBeGreaterThanOrEqual(1);
    const editorBrowser = new Browser(app).useSession(
      (await createSession(d.db, clock, editor.id, 'e')).token,
    );
    const page = await editorBrowser.get('/studio/admin');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('待处理');
    expect(page.body).not.toContain('/studio/admin/settings');
    expect((await editorBrowser.get('/studio/admin/settings')).statusCode).toBe(403);
    expect((await editorBrowser.get('/studio/admin/users')).statusCode).toBe(403);
    const anonymous = await app.inject({ url: '/studio/admin' });
    expect(anonymous.statusCode).toBe(303);
  });
});
