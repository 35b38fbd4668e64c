/**
 * Every mutating route × every role. The routes come from the server itself
 * (onRoute), so a new route that is missing from RULES fails this test.
 * allow: anything but 401/403 (and never a 5xx); deny: 401 or 403, or for a
 * page form from a signed-out reader, a redirect to the sign-in page.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { expect, it } from 'vitest';
import { createSession, createUser, hashToken } from '../src/accounts/index.js';
import { createDraft } from '../src/articles/index.js';
import { DiskMediaStore, storeImage } from '../src/media/index.js';
import { publishChecked } from '../src/moderation/index.js';
import { createChannel, ensureDefaultChannels } from '../src/channels/index.js';
import { createCreatorProfile, submitApplication } from '../src/creators/index.js';
import { postComment } from '../src/engagement/index.js';
import { buildServer } from '../src/server.js';
import { csrfToken } from '../src/web/session.js';
import { createTestDatabase } from './db.js';
import { holdCopies, testClock } from './factories.js';
import { multipart } from './http.js';
import { testPhoto } from './photo.js';

/** A one-item feed: the smallest import an admin can start. */
const FEED = Buffer.from(
  '<?xml version="1.0"?><rss version="2.0"><channel><title>源</title><item><title>一篇</title><description>正文。</description></item></channel></rss>',
);

const ROLES = ['anonymous', 'reader', 'owner', 'otherCreator', 'editor', 'admin'] as const;
type Who = (typeof ROLES)[number];
const everyone = new Set<Who>(ROLES);
const signedIn = new Set<Who>(['reader', 'owner', 'otherCreator', 'editor', 'admin']);
const creators = new Set<Who>(['owner', 'otherCreator']);
const ownerOrEditor = new Set<Who>(['owner', 'editor', 'admin']);
const editors = new Set<Who>(['editor', 'admin']);
const admins = new Set<Who>(['admin']);

/** Who may call each mutating route (web routes also exist under /zh-hant with the same rules). */
const RULES: Record<string, Set<Who>> = {
  'POST /article/:id/share': everyone,
  'POST /article/:id/view': everyone,
  'POST /author/:handle/follow': signedIn,
  'POST /signin': everyone,
  'POST /register': everyone,
  'POST /signout': everyone,
  'POST /signout/all': signedIn,
  'POST /apply': signedIn,
  'POST /studio/articles': creators,
  'POST /studio/articles/:id': ownerOrEditor,
  'POST /studio/articles/:id/autosave': ownerOrEditor,
  'POST /studio/preview': creators,
  'POST /studio/images': creators,
  'POST /studio/review/:id/approve': editors,
  'POST /studio/review/:id/reject': editors,
  'POST /studio/dictionary': admins,
  'POST /studio/moderation/decide': editors,
  'POST /studio/lexicon': admins,
  'POST /studio/lexicon/delete': admins,
  'POST /studio/moderation/restore/:id': editors,
  'POST /article/:id/report': signedIn,
  'POST /studio/dictionary/delete': admins,
  'POST /api/v1/users': everyone,
  'PUT /api/v1/users/:id/role': admins,
  'POST /api/v1/session': everyone,
  'DELETE /api/v1/session': signedIn,
  'POST /api/v1/creator-applications': signedIn,
  'POST /api/v1/creator-applications/:id/approve': editors,
  'POST /api/v1/creator-applications/:id/reject': editors,
  'POST /api/v1/articles': creators,
  'PATCH /api/v1/articles/:id': ownerOrEditor,
  'POST /api/v1/articles/:id/publish': ownerOrEditor,
  'DELETE /api/v1/articles/:id': ownerOrEditor,
  'POST /api/v1/images': creators,
  'POST /api/v1/admin/imports': admins,
  'POST /api/v1/articles/:id/comments': signedIn,
  'POST /article/:id/comments': signedIn,
  'POST /comments/:id/like': signedIn,
  'POST /comments/:id/report': signedIn,
  'POST /comments/:id/delete': new Set<Who>(['owner', 'editor', 'admin']),
  'POST /comments/:id/approve': editors,
  'POST /password-reset': everyone,
  'POST /password-reset/:token': everyone,
  'POST /verify-email/:token': everyone,
  'POST /unlock/:token': everyone,
  'POST /unsubscribe/:token': everyone,
  'POST /me/profile': signedIn,
  'POST /me/avatar': signedIn,
  'POST /me/avatar/remove': signedIn,
  'POST /me/password': signedIn,
  'POST /me/delete': signedIn,
  'POST /me/notifications': signedIn,
  'POST /notifications/read-all': signedIn,
  'POST /studio/mail/retry': admins,
  'PATCH /api/v1/me': signedIn,
  'DELETE /api/v1/me': signedIn,
  'POST /api/v1/me/avatar': signedIn,
  'PUT /api/v1/me/password': signedIn,
  'PUT /api/v1/me/notification-preferences': signedIn,
  'POST /api/v1/notifications/read': signedIn,
  'POST /api/v1/notifications/read-all': signedIn,
  'POST /api/v1/creators/:handle/follow': signedIn,
  'DELETE /api/v1/creators/:handle/follow': signedIn,
  'POST /api/v1/password-resets': everyone,
  'PUT /api/v1/password-resets/:token': everyone,
  'PATCH /api/v1/site-settings': admins,
  'POST /api/v1/channels': admins,
  'PATCH /api/v1/channels/:slug': admins,
  'DELETE /api/v1/channels/:slug': admins,
  'POST /api/v1/users/:id/suspend': admins,
  'POST /api/v1/users/:id/unsuspend': admins,
  'POST /api/v1/users/:id/signout-all': admins,
  'POST /studio/admin/settings': admins,
  'POST /studio/admin/channels': admins,
  'POST /studio/admin/imports': admins,
  'POST /studio/admin/channels/:slug': admins,
  'POST /studio/admin/channels/:slug/move': admins,
  'POST /studio/admin/channels/:slug/delete': admins,
  'POST /studio/admin/users/:id/role': admins,
  'POST /studio/admin/users/:id/suspend': admins,
  'POST /studio/admin/users/:id/unsuspend': admins,
  'POST /studio/admin/users/:id/signout-all': admins,
  'POST /studio/images/:id/alt': creators,
  'POST /studio/images/:id/delete': creators,
  'PATCH /api/v1/images/:id': creators,
  'DELETE /api/v1/images/:id': creators,
  'POST /studio/articles/:id/revisions/:n/restore': ownerOrEditor,
  'POST /api/v1/articles/:id/revisions/:revision/restore': ownerOrEditor,
  'POST /article/:id/like': signedIn,
  'POST /article/:id/bookmark': signedIn,
  'POST /me/history/clear': signedIn,
  'POST /me/history/:id/delete': signedIn,
  'POST /api/v1/articles/:id/like': signedIn,
  'DELETE /api/v1/articles/:id/like': signedIn,
  'POST /api/v1/articles/:id/bookmark': signedIn,
  'DELETE /api/v1/articles/:id/bookmark': signedIn,
  'DELETE /api/v1/me/history': signedIn,
};

// Every route × every role through the whole server: minutes on a loaded machine.
it('authorizes every mutating route for every role', { timeout: 240_000 }, async () => {
  const database = await createTestDatabase('pglite');
  const clock = testClock();
  const routes: string[] = [];
  const secret = 'matrix-secret';
  const media = new DiskMediaStore(mkdtempSync(path.join(tmpdir(), 'byline-matrix-')));
  const app = await buildServer(
    { database, clock, secret, media },
    {
      onRoute: (r) => {
        for (const m of [r.method].flat())
          if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(m)) routes.push(`${m} ${r.url}`);
      },
    },
  );
  try {
    const db = database.db;
    await ensureDefaultChannels(db);
    const users: Partial<Record<Who, { id: string; token: string; creatorId?: string }>> = {};
    await createUser(db, {
      email: 'login@example.com',
      password: 'the login password',
      displayName: 'login',
    });
    for (const who of ROLES.slice(1)) {
      const role =
        who === 'owner' || who === 'otherCreator'
          ? 'creator'
          : (who as 'reader' | 'editor' | 'admin');
      const user = await createUser(db, { email: `${who}@example.com`, displayName: who, role });
      const token = '';
      let creatorId: string | undefined;
      if (who === 'owner' || who === 'otherCreator') {
        creatorId = (
          await createCreatorProfile(db, {
            userId: user.id,
            handle: who.toLowerCase(),
            displayName: who,
          })
        ).id;
      }
      users[who] = { id: user.id, token, creatorId };
    }
    const photo = await testPhoto();
    const owner = users.owner!;
    const freshArticle = async () => {
      const { id } = await createDraft(
        db,
        clock,
        { userId: owner.id, authorId: owner.creatorId! },
        { title: '矩阵', channel: 'tech', bodyMarkdown: '正文' },
      );
      await publishChecked(db, clock, id, holdCopies);
      return id;
    };
    const freshComment = async () => {
      const articleId = await freshArticle();
      // written by someone outside the matrix, so only the article's creator and editors may delete it
      const commenter = await createUser(db, {
        email: `c-${randomUUID()}@example.com`,
        displayName: 'c',
      });
      const { id } = await postComment(db, clock, {
        articleId,
        userId: commenter.id,
        holdHours: 0,
        body: '一条跟贴',
      });
      return id;
    };
    const freshHeldComment = async () => {
      const articleId = await freshArticle();
      const { id } = await postComment(db, clock, {
        articleId,
        userId: users.reader!.id,
        holdHours: 1_000_000,
        body: '待审',
      });
      return id;
    };
    // A small image: the matrix stores one per request to an image route.
    const smallPhoto = await sharp({
      create: { width: 64, height: 48, channels: 3, background: '#c0392b' },
    })
      .png()
      .toBuffer();
    const freshImage = async () =>
      (await storeImage(db, clock, { ownerId: owner.id, bytes: smallPhoto, store: media })).id;
    const freshApplication = async () => {
      const applicant = await createUser(db, {
        email: `a-${randomUUID()}@example.com`,
        displayName: 'a',
      });
      const a = await submitApplication(db, clock, applicant.id, {
        displayName: '申请人',
        handle: `h${randomUUID().slice(0, 8)}`,
        accountType: 'media',
        tagline: 't',
        contact: 'c',
      });
      return a.id;
    };

    const article = {
      title: '标题',
      channel: 'tech',
      bodyMarkdown: '正文',
      intent: 'save',
      summary: '',
      coverImageId: '',
      publishAt: '',
    };
    const covered = new Set<string>();
    const failures: string[] = [];
    let requests = 0;
    for (const route of routes) {
      const [method, url] = route.split(' ') as [string, string];
      const key = `${method} ${url.replace(/^\/zh-hant(?=\/)/, '')}`;
      const allowed = RULES[key];
      if (!allowed) {
        failures.push(`no rule for ${route}`);
        continue;
      }
      covered.add(key);
      for (const who of ROLES) {
        const known = users[who as Exclude<Who, 'anonymous'>];
        // A fresh session per request: sign-out routes end the sessions they are called with.
        const user = known
          ? { ...known, token: (await createSession(db, clock, known.id, 'matrix')).token }
          : undefined;
        let target = url;
        if (key.includes('/images/:id')) target = target.replace(':id', await freshImage());
        if (target.includes(':id')) {
          target = target.replace(
            ':id',
            key.includes('/comments/:id/approve')
              ? await freshHeldComment()
              : key.startsWith('POST /comments/')
                ? await freshComment()
                : key.includes('review') || key.includes('applications')
                  ? await freshApplication()
                  : key.includes('/users/')
                    ? (
                        await createUser(db, {
                          email: `t-${randomUUID()}@example.com`,
                          displayName: 't',
                        })
                      ).id
                    : await freshArticle(),
          );
        }
        target = target
          .replace(':handle', 'owner')
          .replace(/:(n|revision)$|:(n|revision)(?=\/)/, '1');
        if (target.includes(':slug')) {
          // A channel of its own per request (a removal takes it away).
          const slug = `m${randomUUID().slice(0, 8)}`;
          await createChannel(db, { slug, name: '矩阵' });
          target = target.replace(':slug', slug);
          if (key === 'DELETE /api/v1/channels/:slug') target += '?move_to=tech';
        }
        const isApi = target.startsWith('/api/');
        const headers: Record<string, string> = {};
        let payload: string | Buffer | undefined;
        if (isApi) {
          if (user) headers.authorization = `Bearer ${user.token}`;
          const bodies: Record<string, unknown> = {
            'POST /api/v1/users': {
              email: `n-${randomUUID()}@example.com`,
              password: 'a long fresh password',
              display_name: 'n',
            },
            'PUT /api/v1/users/:id/role': { role: 'editor', reason: 'matrix' },
            'POST /api/v1/session': { email: 'login@example.com', password: 'the login password' },
            'POST /api/v1/creator-applications': {
              display_name: 'x',
              handle: `q${randomUUID().slice(0, 8)}`,
              account_type: 'individual',
              tagline: 't',
              contact: 'c',
            },
            'POST /api/v1/creator-applications/:id/reject': { reason: '不符合' },
            'POST /api/v1/articles': { title: 't', body_markdown: 'b', channel: 'tech' },
            'PATCH /api/v1/articles/:id': { title: '改' },
            'PATCH /api/v1/images/:id': { alt: '矩阵' },
            'POST /api/v1/articles/:id/comments': { body: '说两句' },
            'PATCH /api/v1/me': { tagline: '矩阵' },
            // A wrong password: allowed to try (422), and the matrix keeps its accounts.
            'DELETE /api/v1/me': { password: 'not the password' },
            'PUT /api/v1/me/password': {
              current_password: 'not the password',
              new_password: 'a long fresh password',
            },
            'PUT /api/v1/me/notification-preferences': { types: {} },
            'POST /api/v1/notifications/read': { ids: [1] },
            'POST /api/v1/password-resets': { email: 'login@example.com' },
            'PUT /api/v1/password-resets/:token': { password: 'a long fresh password' },
            'PATCH /api/v1/site-settings': { tagline: '矩阵' },
            'POST /api/v1/channels': { slug: `n${randomUUID().slice(0, 8)}`, name: '新' },
            'PATCH /api/v1/channels/:slug': { name: '改名' },
            'POST /api/v1/users/:id/suspend': { reason: 'matrix' },
            'POST /api/v1/users/:id/unsuspend': { reason: 'matrix' },
            'POST /api/v1/users/:id/signout-all': { reason: 'matrix' },
          };
          if (key === 'POST /api/v1/admin/imports') {
            const m = multipart({ format: 'rss' }, 'file', FEED, 'feed.xml', 'application/xml');
            payload = m.body;
            headers['content-type'] = m.contentType;
          } else if (key === 'POST /api/v1/images' || key === 'POST /api/v1/me/avatar') {
            const m = multipart({}, 'image', photo, 'p.jpg', 'image/jpeg');
            payload = m.body;
            headers['content-type'] = m.contentType;
          } else if (bodies[key] !== undefined || method !== 'DELETE') {
            payload = JSON.stringify(bodies[key] ?? {});
            headers['content-type'] = 'application/json';
          }
        } else {
          headers['sec-fetch-site'] = 'same-origin';
          const csrf = user ? csrfToken(secret, hashToken(user.token)) : '';
          if (user) headers.cookie = `byline_session=${user.token}`;
          if (key === 'POST /studio/admin/imports') {
            const m = multipart(
              { _csrf: csrf, format: 'rss' },
              'file',
              FEED,
              'feed.xml',
              'application/xml',
            );
            payload = m.body;
            headers['content-type'] = m.contentType;
          } else if (key === 'POST /studio/images' || key === 'POST /me/avatar') {
            const m = multipart({ _csrf: csrf }, 'image', photo, 'p.jpg', 'image/jpeg');
            payload = m.body;
            headers['content-type'] = m.contentType;
          } else {
            const fields: Record<string, string> =
              ({
                'POST /article/:id/share': { target: 'link' },
                'POST /signin': { email: 'login@example.com', password: 'the login password' },
                'POST /register': {
                  email: `r-${randomUUID()}@example.com`,
                  password: 'another long password',
                  displayName: 'r',
                },
                'POST /apply': {
                  displayName: 'x',
                  handle: `p${randomUUID().slice(0, 8)}`,
                  accountType: 'individual',
                  tagline: 't',
                  contact: 'c',
                },
                'POST /studio/admin/channels': { slug: `w${randomUUID().slice(0, 8)}`, name: '新' },
                'POST /studio/admin/channels/:slug': { name: '改名', description: '' },
                'POST /studio/admin/channels/:slug/move': { to: '1' },
                'POST /studio/admin/channels/:slug/delete': { moveTo: 'tech' },
                'POST /studio/admin/users/:id/role': { role: 'reader', reason: 'matrix' },
                'POST /studio/admin/users/:id/suspend': { reason: 'matrix' },
                'POST /studio/admin/users/:id/unsuspend': { reason: 'matrix' },
                'POST /studio/admin/users/:id/signout-all': { reason: 'matrix' },
                'POST /studio/articles': article,
                'POST /studio/articles/:id': article,
                'POST /studio/articles/:id/autosave': article,
                'POST /studio/preview': { bodyMarkdown: '# x' },
                'POST /studio/review/:id/reject': { reason: '不符合' },
                'POST /studio/dictionary': { word: '深度求索' },
                'POST /article/:id/report': { reason: 'spam' },
                'POST /studio/lexicon': { term: '新词测试', category: 'scam' },
                'POST /studio/lexicon/delete': { term: '新词测试' },
                'POST /studio/dictionary/delete': { word: '深度求索' },
                'POST /article/:id/comments': { body: '说两句' },
                'POST /password-reset': { email: 'login@example.com' },
                'POST /password-reset/:token': { password: 'a long fresh password' },
                'POST /me/profile': { displayName: '矩阵', tagline: '', bio: '' },
                'POST /me/password': {
                  currentPassword: 'not the password',
                  newPassword: 'a long fresh password',
                },
                'POST /me/delete': { password: 'not the password', confirm: '注销' },
              }[key] as Record<string, string> | undefined) ?? {};
            payload = new URLSearchParams({
              ...(csrf ? { _csrf: csrf } : {}),
              ...fields,
            }).toString();
            headers['content-type'] = 'application/x-www-form-urlencoded';
          }
        }
        const res = await app.inject({ method: method as 'POST', url: target, headers, payload });
        requests++;
        const toSignIn = res.statusCode === 303 && String(res.headers.location).includes('/signin');
        const denied =
          res.statusCode === 401 ||
          res.statusCode === 403 ||
          (!isApi && who === 'anonymous' && toSignIn);
        const shouldAllow = allowed.has(who);
        if (res.statusCode >= 500)
          failures.push(`${route} as ${who}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        else if (shouldAllow && denied)
          failures.push(
            `${route} as ${who}: denied (${res.statusCode}) but should be allowed ${res.body.slice(0, 120)}`,
          );
        else if (!shouldAllow && !denied)
          failures.push(`${route} as ${who}: allowed (${res.statusCode}) but should be denied`);
      }
    }
    expect(failures).toEqual([]);
    expect([...covered].sort()).toEqual(Object.keys(RULES).sort());
    console.log(
      `[authorization matrix] ${routes.length} mutating routes × ${ROLES.length} roles = ${requests} requests`,
    );
  } finally {
    await app.close();
    await database.close();
  }
});
