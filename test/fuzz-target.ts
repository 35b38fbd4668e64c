/**
 * The fuzz test's server: the production server (PostgreSQL when
 * DATABASE_URL is given, else PGlite in its worker on a data dir; page cache,
 * jobs, the last-resort handlers) over a small site —
 * channels, an admin, a creator and a reader with sessions, articles in
 * several states, a comment, an application — listening on a free port.
 * Prints one JSON line: the port, the routes, the ids and the credentials.
 * Run as its own process, so a crash shows as an exit.
 */
import { randomBytes } from 'node:crypto';
import { createSession, createUser } from '../src/accounts/index.js';
import { createArticle, createDraft } from '../src/articles/index.js';
import { ensureDefaultChannels, listChannels } from '../src/channels/index.js';
import { createCreatorProfile, submitApplication } from '../src/creators/index.js';
import { openPgliteInWorker, openPostgres } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { postComment, ViewBuffer } from '../src/engagement/index.js';
import { EventRelay } from '../src/events/index.js';
import { JOBS } from '../src/jobs/registry.js';
import { startJobs } from '../src/jobs/runner.js';
import { installLastResort } from '../src/main.js';
import { catchUpPublished } from '../src/cli/catch-up.js';
import { buildServer } from '../src/server.js';
import { systemClock } from '../src/shared/clock.js';
import { csrfToken } from '../src/web/session.js';
import { hashToken } from '../src/accounts/index.js';
import { PageCache } from '../src/web/page-cache.js';
import { Lexicon } from '../src/moderation/index.js';
import { VisitorSalt } from '../src/engagement/index.js';
import { DiskMediaStore } from '../src/media/index.js';
import { Segmenter } from '../src/text/index.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: fuzz-target DATA_DIR');
installLastResort((line) => process.stderr.write(`${line}\n`));
// PostgreSQL when given (faster, and what production runs), else PGlite in its worker thread.
const database = process.env.DATABASE_URL
  ? await openPostgres(process.env.DATABASE_URL)
  : await openPgliteInWorker(dataDir, {
      onFatal: (err) => {
        process.stderr.write(`fatal: ${err.message}\n`);
        process.exit(1);
      },
    });
const db = database.db;
const clock = systemClock;
await migrate(db);
await ensureDefaultChannels(db);
const [tech] = await listChannels(db);

const admin = await createUser(db, {
  email: 'admin@fuzz.test',
  displayName: '管理员',
  role: 'admin',
});
const creatorUser = await createUser(db, {
  email: 'creator@fuzz.test',
  displayName: '作者',
  role: 'creator',
});
const creator = await createCreatorProfile(db, {
  userId: creatorUser.id,
  handle: 'fuzz-author',
  displayName: '模糊测试作者',
  tagline: '写点东西',
});
const reader = await createUser(db, { email: 'reader@fuzz.test', displayName: '读者' });
const articles: string[] = [];
for (let i = 0; i < 5; i++) {
  const { id } = await createArticle(db, clock, {
    title: `第 ${i} 篇文章：网易号与头条号`,
    body: `第一段，第 ${i} 篇。\n\n第二段，讲一讲自媒体平台。\n\n${'内容'.repeat(50 + i)}`,
    channelId: tech!.id,
    authorId: creator.id,
    status: 'published',
  });
  articles.push(id);
}
const draft = await createDraft(
  db,
  clock,
  { userId: creatorUser.id, authorId: creator.id },
  { title: '草稿', channel: tech!.slug, bodyMarkdown: '还没写完。' },
);
const comment = await postComment(db, clock, {
  articleId: articles[0]!,
  userId: reader.id,
  holdHours: 0,
  body: '第一条评论',
});
const application = await submitApplication(db, clock, reader.id, {
  displayName: '申请人',
  handle: 'applicant',
  accountType: 'individual',
  tagline: '想写作',
  contact: 'wechat: x',
});
const segmenter = new Segmenter();
const lexicon = new Lexicon();
await catchUpPublished(db, segmenter);

const secret = randomBytes(32).toString('base64url');
const session = async (userId: string) => {
  const { token } = await createSession(db, clock, userId, 'fuzz');
  return { token, csrf: csrfToken(secret, hashToken(token)) };
};
const credentials = {
  admin: await session(admin.id),
  creator: await session(creatorUser.id),
  reader: await session(reader.id),
};

const events = new EventRelay(db);
await events.start();
const ctx = {
  database,
  clock,
  events,
  secret,
  uploadsDir: `${dataDir}/uploads`,
  views: new ViewBuffer(clock),
  segmenter,
  lexicon,
  visitorSalt: new VisitorSalt(),
  media: new DiskMediaStore(`${dataDir}/uploads`),
};
const routes: { method: string; url: string }[] = [];
const app = await buildServer(ctx, {
  pageCache: new PageCache(32 * 1024 * 1024),
  onRoute: (r) => {
    for (const method of [r.method].flat()) routes.push({ method, url: r.url });
  },
});
startJobs(ctx, JOBS, (line) => process.stderr.write(`${line}\n`));
await app.listen({ host: '127.0.0.1', port: 0 });
const port = (app.server.address() as { port: number }).port;
process.stdout.write(
  `${JSON.stringify({
    port,
    routes,
    ids: {
      article: articles[0],
      articles,
      draft: draft.id,
      comment: comment.id,
      application: application.id,
      handle: creator.handle,
      channel: tech!.slug,
      user: reader.id,
    },
    credentials,
  })}\n`,
);
