/**
 * Mail end to end with a real SMTP server (smtp-server on a free port):
 * password reset (the link works once, expires, unknown addresses answer the
 * same), registration without enumeration, the lockout's unlock mail, mail
 * queued while the server is down delivered when it is back, and the daily
 * digest with RFC 8058 one-click unsubscribe.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createUser } from '../src/accounts/index.js';
import { ensureDefaultChannels } from '../src/channels/index.js';
import { setFollow } from '../src/creators/index.js';
import { deliverMail, listOutbox, MAIL_BATCH, smtpMailer, type Mailer } from '../src/mail/index.js';
import { fromLine } from '../src/mail-context.js';
import {
  getPrefs,
  runNotificationConsumer,
  sendDigests,
  type NotifyContext,
} from '../src/notifications/index.js';
import { buildServer } from '../src/server.js';
import { fixedClock } from '../src/shared/clock.js';
import { describeEachEngine } from './db.js';
import { makeCreator } from './factories.js';
import { Browser } from './http.js';
import { linkIn, startSmtp, type TestSmtp } from './smtp.js';

const PUBLIC = 'http://byline.test';
const SECRET = 'mail-test-secret';
const FROM = 'no-reply@byline.test';

let smtp: TestSmtp;
let mailer: Mailer;
beforeEach(async () => {
  smtp = await startSmtp();
  mailer = smtpMailer(smtp.url);
});
afterEach(async () => {
  mailer.close();
  await smtp.stop();
});

describeEachEngine('mail', ({ db }) => {
  async function site() {
    const database = db();
    // 09:00 in Beijing: after the digest hour.
    const clock = fixedClock('2026-12-01T01:00:00Z');
    await ensureDefaultChannels(database.db);
    const app = await buildServer({
      database,
      clock,
      secret: SECRET,
      publicUrl: PUBLIC,
      mailer,
      mailFrom: FROM,
    });
    const deliver = async () => {
      let total = { sent: 0, failed: 0 };
      for (;;) {
        const run = await deliverMail(database.db, clock, mailer, fromLine(FROM, '署名'));
        total = { sent: total.sent + run.sent, failed: total.failed + run.failed };
        if (run.sent + run.failed < MAIL_BATCH) return total;
      }
    };
    const api = (method: 'POST' | 'PUT' | 'GET', url: string, body?: unknown) =>
      app.inject({
        method,
        url: `/api/v1${url}`,
        ...(body === undefined ? {} : { payload: body as object }),
      });
    return { database, clock, app, deliver, api };
  }

  it('resets a password by mail: the same answer for unknown addresses, a link that works once and expires', async () => {
    const { database, clock, app, deliver, api } = await site();
    await createUser(database.db, {
      email: 'reader@example.com',
      password: 'the old password 1',
      displayName: '读者',
    });
    const known = await api('POST', '/password-resets', { email: 'Reader@Example.com' });
    const unknown = await api('POST', '/password-resets', { email: 'nobody@example.com' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    expect(await deliver()).toEqual({ sent: 1, failed: 0 });
    const mail = await smtp.waitFor((m) => m.to === 'reader@example.com');
    expect(smtp.received).toHaveLength(1);
    expect(mail.subject).toBe('重设密码 - 署名');
    expect(mail.headers.get('from')).toMatchObject({ text: '"署名" <no-reply@byline.test>' });
    // Essential mail: no unsubscribe.
    expect(mail.headers.has('list-unsubscribe')).toBe(false);
    const link = linkIn(mail, `${PUBLIC}/password-reset/`);
    expect(mail.html).toContain(link);
    const path = link.slice(PUBLIC.length);

    // A signed-in session elsewhere ends when the password is reset.
    const other = new Browser(app);
    await other.post('/signin', { email: 'reader@example.com', password: 'the old password 1' });
    expect(other.has('byline_session')).toBe(true);

    const browser = new Browser(app);
    const form = await browser.get(path);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('设置新密码');
    const weak = await browser.post(path, { password: '12345678' });
    expect(weak.statusCode).toBe(422);
    const done = await browser.post(path, { password: 'a brand new password' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/me?done=password-reset');
    expect(browser.has('byline_session')).toBe(true);
    expect((await browser.get(done.headers.location as string)).body).toContain('密码已重设');
    expect((await other.get('/me')).statusCode).toBe(303);
    // Used once: the link is gone.
    expect((await new Browser(app).get(path)).statusCode).toBe(410);
    expect(
      (await new Browser(app).post(path, { password: 'yet another password' })).statusCode,
    ).toBe(410);
    const signIn = await api('POST', '/session', {
      email: 'reader@example.com',
      password: 'a brand new password',
    });
    expect(signIn.statusCode).toBe(201);
    // The mail that carried the link keeps no body once sent.
    const { items } = await listOutbox(database.db);
    expect(items[0]).toMatchObject({ kind: 'password_reset', status: 'sent' });

    // A second link expires after 30 minutes.
    await api('POST', '/password-resets', { email: 'reader@example.com' });
    await deliver();
    const second = await smtp.waitFor((m) => m !== mail);
    const secondPath = linkIn(second, `${PUBLIC}/password-reset/`).slice(PUBLIC.length);
    clock.advance(31 * 60_000);
    expect((await new Browser(app).get(secondPath)).statusCode).toBe(410);
    const expired = await api('PUT', `/password-resets/${secondPath.split('/').pop()}`, {
      password: 'too late password',
    });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe('LINK_INVALID');
    await app.close();
  });

  it('answers registration the same for a new and a taken address, and tells each owner by mail', async () => {
    const { database, app, deliver } = await site();
    await createUser(database.db, {
      email: 'taken@example.com',
      password: 'an existing password',
      displayName: '老用户',
    });
    const fresh = await new Browser(app).post('/register', {
      displayName: '新用户',
      email: 'fresh@example.com',
      password: 'a fresh long password',
    });
    const taken = await new Browser(app).post('/register', {
      displayName: '冒名者',
      email: 'taken@example.com',
      password: 'a fresh long password',
    });
    expect(fresh.statusCode).toBe(200);
    expect(taken.statusCode).toBe(200);
    const page = (body: string, email: string) => body.replaceAll(email, 'EMAIL');
    expect(page(taken.body, 'taken@example.com')).toBe(page(fresh.body, 'fresh@example.com'));
    expect(taken.body).not.toContain('已被注册');
    await deliver();
    const welcome = await smtp.waitFor((m) => m.to === 'fresh@example.com');
    const warning = await smtp.waitFor((m) => m.to === 'taken@example.com');
    expect(welcome.subject).toContain('验证邮箱');
    expect(warning.subject).toContain('有人用你的邮箱注册');
    // The verification link opens a page whose button verifies and signs in.
    const verify = linkIn(welcome, `${PUBLIC}/verify-email/`).slice(PUBLIC.length);
    const browser = new Browser(app);
    expect((await browser.get(verify)).body).toContain('验证并登录');
    const verified = await browser.post(verify, {});
    expect(verified.statusCode).toBe(303);
    expect((await browser.get('/me')).body).toContain('（已验证）');
    await app.close();
  });

  it('mails the owner an unlock link when wrong passwords lock the account, and the link lets them back in', async () => {
    const { database, app, deliver } = await site();
    await createUser(database.db, {
      email: 'owner@example.com',
      password: 'the right password',
      displayName: '主人',
    });
    const attacker = new Browser(app);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push(
        (await attacker.post('/signin', { email: 'owner@example.com', password: `guess ${i}` }))
          .statusCode,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // An unknown address locked the same way gets no mail (and the same answers).
    for (let i = 0; i < 6; i++)
      await attacker.post('/signin', { email: 'ghost@example.com', password: `guess ${i}` });
    await deliver();
    const mail = await smtp.waitFor((m) => m.to === 'owner@example.com');
    expect(smtp.received.filter((m) => m.to === 'owner@example.com')).toHaveLength(1);
    expect(smtp.received.some((m) => m.to === 'ghost@example.com')).toBe(false);
    const owner = new Browser(app);
    const locked = await owner.post('/signin', {
      email: 'owner@example.com',
      password: 'the right password',
    });
    expect(locked.statusCode).toBe(429);
    const unlock = linkIn(mail, `${PUBLIC}/unlock/`).slice(PUBLIC.length);
    await owner.get(unlock);
    expect((await owner.post(unlock, {})).body).toContain('已解除锁定');
    const back = await owner.post('/signin', {
      email: 'owner@example.com',
      password: 'the right password',
      next: '/',
    });
    expect(back.statusCode).toBe(303);
    expect(owner.has('byline_session')).toBe(true);
    await app.close();
  });

  it('keeps mail queued while the SMTP server is down and delivers it when it is back', async () => {
    const { database, clock, api, deliver } = await site();
    await createUser(database.db, {
      email: 'patient@example.com',
      password: 'a patient password',
      displayName: '耐心',
    });
    await smtp.down();
    await api('POST', '/password-resets', { email: 'patient@example.com' });
    expect(await deliver()).toEqual({ sent: 0, failed: 1 });
    let { items, counts } = await listOutbox(database.db);
    expect(counts).toEqual({ queued: 1, sent: 0, failed: 0 });
    expect(items[0]!.attempts).toBe(1);
    expect(items[0]!.lastError).toMatch(/ECONNREFUSED|connect/i);
    // Not due again before the backoff.
    expect(await deliver()).toEqual({ sent: 0, failed: 0 });
    clock.advance(31_000);
    expect(await deliver()).toEqual({ sent: 0, failed: 1 });
    await smtp.up();
    clock.advance(61_000);
    expect(await deliver()).toEqual({ sent: 1, failed: 0 });
    await smtp.waitFor((m) => m.to === 'patient@example.com');
    ({ items, counts } = await listOutbox(database.db));
    expect(counts).toEqual({ queued: 0, sent: 1, failed: 0 });
    expect(items[0]!.attempts).toBe(3);
  });

  it('sends a daily digest once, with one-click unsubscribe that needs no sign-in', async () => {
    const { database, clock, app, deliver } = await site();
    const notify: NotifyContext = {
      clock,
      site: { siteName: '署名', publicUrl: PUBLIC },
      secret: SECRET,
    };
    await runNotificationConsumer(database.db, notify);
    const creator = await makeCreator(database.db);
    const fans = [];
    for (const name of ['甲', '乙']) {
      const fan = await createUser(database.db, {
        email: `${name === '甲' ? 'a' : 'b'}@example.com`,
        displayName: name,
      });
      fans.push(fan);
      await setFollow(database.db, {
        userId: fan.id,
        creatorId: creator.id,
        follow: true,
        at: clock.now(),
      });
    }
    await runNotificationConsumer(database.db, notify);
    expect(await sendDigests(database.db, notify)).toBe(1);
    // Once a day, whoever runs the job again.
    expect(await sendDigests(database.db, notify)).toBe(0);
    await deliver();
    const digest = await smtp.waitFor((m) => m.subject.startsWith('今日通知摘要'));
    expect(digest.to).toBe(`${creator.handle}@example.test`);
    expect(digest.subject).toBe('今日通知摘要（2 条） - 署名');
    expect(digest.text).toContain('甲 关注了你');
    expect(digest.text).toContain('乙 关注了你');
    const head = digest.raw.slice(0, digest.raw.indexOf('\r\n\r\n')).replace(/\r\n\s+/g, ' ');
    expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    const url = /^List-Unsubscribe: <([^>]+)>$/m.exec(head)![1]!;
    expect(url.startsWith(`${PUBLIC}/unsubscribe/`)).toBe(true);
    // The mail program's POST: no cookie, no CSRF token, from another site.
    const oneClick = await app.inject({
      method: 'POST',
      url: url.slice(PUBLIC.length),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'cross-site',
      },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    const prefs = await getPrefs(database.db, creator.userId);
    expect(Object.values(prefs).every((c) => !c.digest)).toBe(true);
    // A forged token does nothing.
    const forged = await app.inject({
      method: 'POST',
      url: `${url.slice(PUBLIC.length, -4)}AAAA`,
      payload: '',
    });
    expect(forged.statusCode).toBe(410);
    // Next day: new followers, no digest (unsubscribed); still in the centre.
    clock.advance(86_400_000);
    const third = await createUser(database.db, { email: 'c@example.com', displayName: '丙' });
    await setFollow(database.db, {
      userId: third.id,
      creatorId: creator.id,
      follow: true,
      at: clock.now(),
    });
    await runNotificationConsumer(database.db, notify);
    expect(await sendDigests(database.db, notify)).toBe(0);
    await app.close();
  });
});
