/** Bad input gets a clear 4xx with a stable code, never a 500; sessions, cookies and headers are safe by default. */
import { expect, it } from 'vitest';
import { createSession, createUser } from '../src/accounts/index.js';
import { createDraft, findArticle, scheduleArticle } from '../src/articles/index.js';
import { publishDueArticles } from '../src/moderation/index.js';
import { ensureDefaultChannels } from '../src/channels/index.js';
import { createCreatorProfile } from '../src/creators/index.js';
import { buildServer } from '../src/server.js';
import { fixedClock } from '../src/shared/clock.js';
import { describeEachEngine } from './db.js';
import { testClock, testLexicon } from './factories.js';
import { Browser } from './http.js';

describeEachEngine('security baseline', ({ db }) => {
  it('answers malformed, mistyped, unknown, oversize and non-UTF-8 input with 4xx codes', async () => {
    const database = db();
    const app = await buildServer({ database, clock: testClock() });
    const post = (payload: string | Buffer, type = 'application/json') =>
      app.inject({
        method: 'POST',
        url: '/api/v1/users',
        payload,
        headers: { 'content-type': type },
      });
    const cases: [string | Buffer, number, string, string?][] = [
      ['{"email": ', 400, 'BAD_REQUEST'],
      ['{"email": 1, "password": [], "display_name": {}}', 422, 'VALIDATION_FAILED'],
      [
        '{"email":"a@b.cn","password":"long enough pass","display_name":"x","admin":true}',
        422,
        'VALIDATION_FAILED',
      ],
      ['{"__proto__": {"role": "admin"}}', 400, 'BAD_REQUEST'],
      [
        Buffer.from([0x7b, 0x22, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
        400,
        'INVALID_ENCODING',
      ],
      [
        Buffer.from('email=%FF%FE&password=x'),
        400,
        'INVALID_ENCODING',
        'application/x-www-form-urlencoded',
      ],
      ['x'.repeat(3 * 1024 * 1024), 413, 'PAYLOAD_TOO_LARGE'],
      ['hello', 415, 'UNSUPPORTED_MEDIA_TYPE', 'text/plain'],
    ];
    for (const [payload, status, code, type] of cases) {
      const res = await post(payload, type);
      expect(res.statusCode, String(payload).slice(0, 40)).toBe(status);
      expect(res.json<{ error: { code: string } }>().error.code, String(payload).slice(0, 40)).toBe(
        code,
      );
    }
    const fields = await post('{"email":"not an email","password":"short","display_name":""}');
    expect(
      fields
        .json<{ error: { fields: { path: string }[] } }>()
        .error.fields.map((f) => f.path)
        .sort(),
    ).toEqual(['display_name', 'email', 'password']);
    // the web form parser refuses broken UTF-8 the same way
    const form = await app.inject({
      method: 'POST',
      url: '/signin',
      payload: Buffer.from('email=%C3%28'),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('INVALID_ENCODING');
    await app.close();
  });

  it('rate-limits sign-in per account with 429 and Retry-After', async () => {
    const database = db();
    const app = await buildServer({ database, clock: testClock() });
    await createUser(database.db, {
      email: 'target@example.com',
      password: 'the right password',
      displayName: 't',
    });
    const attempt = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: 'target@example.com', password },
      });
    for (let i = 0; i < 5; i++) expect((await attempt('wrong guess')).statusCode).toBe(401);
    const limited = await attempt('the right password');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const page = await app.inject({
      method: 'POST',
      url: '/signin',
      payload: 'email=target%40example.com&password=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(page.statusCode).toBe(429);
    expect(page.headers['retry-after']).toBeDefined();
    await app.close();
  });

  it('issues a new session on sign-in, Secure cookies behind an https proxy, and security headers everywhere', async () => {
    const database = db();
    await createUser(database.db, {
      email: 'u@example.com',
      password: 'a decent password',
      displayName: 'u',
    });
    const app = await buildServer({ database, clock: testClock(), trustProxy: 1 });
    const browser = new Browser(app);
    await browser.get('/signin');
    const planted = 'planted-session-id-0000000000';
    const res = await app.inject({
      method: 'POST',
      url: '/signin',
      payload: 'email=u%40example.com&password=a+decent+password',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `byline_session=${planted}`,
        'x-forwarded-proto': 'https',
      },
    });
    expect(res.statusCode).toBe(303);
    const cookie = res.cookies.find((c) => c.name === 'byline_session')!;
    expect(cookie.value).not.toBe(planted);
    expect(cookie.secure).toBe(true);
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    for (const url of [
      '/',
      '/nope',
      '/feed.xml',
      '/assets/site.css',
      '/api/v1/articles',
      '/healthz',
    ]) {
      const r = await app.inject({ url });
      expect(r.headers['content-security-policy'], url).toMatch(/script-src 'self'/);
      expect(r.headers['content-security-policy'], url).not.toContain('unsafe-inline');
      expect(r.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(r.headers['x-content-type-options'], url).toBe('nosniff');
      expect(r.headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
    }
    await app.close();
  });

  it('publishes scheduled articles when their time comes', async () => {
    const database = db();
    await ensureDefaultChannels(database.db);
    const clock = fixedClock('2026-11-01T00:00:00Z');
    const user = await createUser(database.db, {
      email: 'c@example.com',
      displayName: 'c',
      role: 'creator',
    });
    const creator = await createCreatorProfile(database.db, {
      userId: user.id,
      handle: 'sched',
      displayName: 'c',
    });
    const { id } = await createDraft(
      database.db,
      clock,
      { userId: user.id, authorId: creator.id },
      { title: '定时', channel: 'tech', bodyMarkdown: '正文' },
    );
    await expect(
      scheduleArticle(database.db, clock, id, new Date('2026-10-31T00:00:00Z')),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await scheduleArticle(database.db, clock, id, new Date('2026-11-01T02:00:00Z'));
    expect(await publishDueArticles(database.db, clock, testLexicon)).toBe(0);
    clock.advance(2 * 3_600_000);
    expect(await publishDueArticles(database.db, clock, testLexicon)).toBe(1);
    const article = await findArticle(database.db, id);
    expect(article).toMatchObject({ status: 'published' });
    expect(article!.publishedAt!.toISOString()).toBe('2026-11-01T02:00:00.000Z');
    const { token } = await createSession(database.db, clock, user.id, undefined);
    expect(token.length).toBeGreaterThan(40);
  });
});
