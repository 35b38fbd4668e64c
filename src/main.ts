/**
 * Composition root: loadConfig → open the database (locked) → migrate → first-
 * start setup (channels, admin, demo content) → build the server → listen.
 * The server only listens once it is ready, so /healthz never lies.
 */
import type { FastifyInstance } from 'fastify';
import { ensureAdmin } from './accounts/index.js';
import { countPublishedArticles } from './articles/index.js';
import { ensureDefaultChannels } from './channels/index.js';
import { startProgress, type Progress } from './cli/progress.js';
import { seedDemo } from './cli/seed.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import type { Database } from './db/client.js';
import { migrate } from './db/migrate.js';
import { openConfiguredDatabase } from './db/open.js';
import { serveAdminSocket } from './db/admin-socket.js';
import { buildServer } from './server.js';
import { FragmentCache } from './web/fragment-cache.js';
import { PageCache } from './web/page-cache.js';
import { ViewBuffer, VisitorSalt } from './engagement/index.js';
import { RedisRateStore } from './limits/index.js';
import type { MediaStore } from './media/index.js';
import { mediaStoreFor } from './media-context.js';
import { JOBS } from './jobs/registry.js';
import { fileMailer, smtpMailer } from './mail/index.js';
import { relayFor, type EventRelay } from './events/index.js';
import { catchUpPublished } from './cli/catch-up.js';
import { startJobs } from './jobs/runner.js';
import { getOrCreateServerSecret } from './settings/index.js';
import { systemClock } from './shared/clock.js';
import { Lexicon, syncLexicon } from './moderation/index.js';
import { Segmenter } from './text/index.js';
import { isDatabaseUnavailable } from './shared/errors.js';

/** How long a graceful shutdown may take before we exit anyway (with status 1). */
const SHUTDOWN_TIMEOUT_MS = 10_000;
/**
 * Requests still in flight when a shutdown begins get this long to finish;
 * then their connections are closed (a client stalled mid-body must not keep
 * the process from stopping).
 */
const SHUTDOWN_GRACE_MS = 2_000;

/**
 * The last resort for errors nothing else caught. A rejected promise is
 * logged and the server goes on. An uncaught exception leaves the process in
 * an unknown state, so it exits non-zero for the supervisor to restart it —
 * except a database connection that broke (an outage), which is survived:
 * queries fail with DB_UNAVAILABLE and the pool reconnects.
 */
export function installLastResort(log: (line: string) => void): void {
  process.on('unhandledRejection', (reason) => {
    log(`未处理的异步错误（已忽略，服务继续）：${String((reason as Error)?.stack ?? reason)}`);
  });
  process.on('uncaughtException', (err) => {
    if (isDatabaseUnavailable(err)) {
      log(`数据库连接中断：${err.message}（服务继续，连接恢复后自动重连）`);
      return;
    }
    console.error('致命错误，进程退出：', err);
    process.exit(1);
  });
}

/** What the composition root gives the server and the jobs: the context, with its view buffer and relay. */
type RootContext = AppContext & { readonly views: ViewBuffer; readonly events: EventRelay };
type Log = (line: string) => void;

export async function start(config: Config, log: Log = console.log): Promise<void> {
  const started = Date.now();
  installLastResort(log);
  const database = await openDatabase(config, log);
  // The embedded database: the CLI reaches it through the server while it runs (db/admin-socket.ts).
  const closeSocket = database.raw
    ? await serveAdminSocket(config.dataDir, database.raw)
    : undefined;
  const close = closeOnce(database, closeSocket);
  try {
    // This site's word lists: made here, passed to everything that segments or screens text.
    const segmenter = new Segmenter();
    await prepareDatabase(database, config, segmenter, log);
    const ctx = await buildContext(database, config, segmenter, log);
    const address = await serve(ctx, config, close, log);
    const articles = await countPublishedArticles(database.db);
    log(
      `署名 Byline 已就绪：${address}（${articles} 篇文章，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`,
    );
  } catch (err) {
    await close();
    throw err;
  }
}

/** Opens the configured database; the embedded one's thread is restarted, or the process exits. */
function openDatabase(config: Config, log: Log): Promise<Database> {
  return openConfiguredDatabase(config, {
    onRestart: (n) => log(`嵌入式数据库线程意外退出，已重新启动（第 ${n} 次）`),
    onFatal: (err) => {
      console.error(`嵌入式数据库无法继续运行，进程退出：${err.message}`);
      process.exit(1);
    },
  });
}

/** Closes the database the first time it is called; later calls do nothing. */
function closeOnce(database: Database, before?: () => Promise<void>): () => Promise<void> {
  let closed = false;
  return async () => {
    if (closed) return;
    closed = true;
    await before?.().catch(() => {});
    await database.close();
  };
}

/** The lock start-up runs under: any number of instances may start at once; one prepares at a time. */
const STARTUP_LOCK = 'startup';

/**
 * Migrates, then the first-start setup — default channels, the admin
 * account, demo content — and the catch-up of search and fingerprints, all
 * under the start-up lock: instances started together take turns, and each
 * after the first finds the work done (one migration, one admin, one demo
 * import), then serves.
 */
async function prepareDatabase(
  database: Database,
  config: Config,
  segmenter: Segmenter,
  log: Log,
): Promise<void> {
  await database.locks.withLock(STARTUP_LOCK, async () => {
    await prepareSite(database, config, log);
    // Search and 原创保护 work from the first page view: nothing published waits for a job.
    await catchUpPublished(database.db, segmenter);
  });
}

/** Migrations, default channels, the admin account, demo content (each a no-op when done). */
async function prepareSite(database: Database, config: Config, log: Log): Promise<void> {
  log(
    `数据库：${database.kind === 'pglite' ? `嵌入式 PGlite（${config.dataDir}）` : 'PostgreSQL'}`,
  );
  const migrated = await migrate(database.db);
  log(
    migrated.applied.length > 0
      ? `迁移：已应用 ${migrated.applied.join(', ')}`
      : `迁移：已是最新（${migrated.alreadyApplied} 个）`,
  );
  await ensureDefaultChannels(database.db);
  if (config.admin && (await ensureAdmin(database.db, config.admin)).created) {
    log(`已创建管理员账号 ${config.admin.email}`);
  }
  if (config.demo && (await countPublishedArticles(database.db)) === 0) {
    await importDemo(database, mediaStoreFor(config), log);
  }
}

/** Imports the demo content (into an empty site), with a progress bar. */
async function importDemo(database: Database, media: MediaStore, log: Log): Promise<void> {
  let bar: Progress | undefined;
  const report = await seedDemo(database.db, {
    clock: systemClock,
    media,
    onStart: (total) => (bar = startProgress('导入演示内容', total)),
    onProgress: (n) => bar?.update(n),
  });
  bar?.stop();
  log(
    `演示内容：导入 ${report.imported} 篇，跳过 ${report.skipped} 篇，失败 ${report.failed.length} 篇`,
  );
}

/** The site's word lists, search and fingerprints caught up, the event relay started: the context. */
async function buildContext(
  database: Database,
  config: Config,
  segmenter: Segmenter,
  log: Log,
): Promise<RootContext> {
  const lexicon = new Lexicon();
  await syncLexicon(database.db, lexicon);
  const rateLimits = config.redisUrl ? await RedisRateStore.connect(config.redisUrl) : undefined;
  const events = relayFor(database, {
    onError: (err) => log(`读取事件失败：${(err as Error).message}`),
  });
  await events.start();
  return {
    database,
    events,
    clock: systemClock,
    publicUrl: config.publicUrl,
    uploadsDir: config.uploadsDir,
    trustProxy: config.trustProxy,
    secret: await getOrCreateServerSecret(database.db),
    views: new ViewBuffer(systemClock),
    segmenter,
    lexicon,
    visitorSalt: new VisitorSalt(),
    media: mediaStoreFor(config),
    ...(config.mediaPublicUrl ? { mediaPublicUrl: config.mediaPublicUrl } : {}),
    ...(rateLimits ? { rateLimits } : {}),
    purgeUrls: config.purgeUrls,
    mailer: config.smtpUrl ? smtpMailer(config.smtpUrl) : fileMailer(config.mailDir),
    mailFrom: config.mailFrom,
  };
}

/** Builds the server, starts the jobs, stops both on a signal, and listens; returns the address. */
async function serve(
  ctx: RootContext,
  config: Config,
  close: () => Promise<void>,
  log: Log,
): Promise<string> {
  const app = await buildServer(ctx, {
    logLevel: config.logLevel,
    // The parts of pages are kept even with the page cache off: a render then reads nothing.
    fragments: new FragmentCache(Date.now, config.pageCacheTtlMs),
    ...(config.pageCacheBytes > 0
      ? { pageCache: new PageCache(config.pageCacheBytes, Date.now, config.pageCacheTtlMs) }
      : {}),
  });
  log(
    ctx.mailer?.delivers
      ? `邮件：通过 ${ctx.mailer.description} 发送`
      : `邮件：未设置 BYLINE_SMTP_URL，邮件写入 ${config.mailDir}（不会真正发出）`,
  );
  const jobs = startJobs(ctx, JOBS, log);
  // A change anywhere in the cluster reaches the CDN at once, not at the next tick.
  if (config.purgeUrls.length > 0) ctx.events.subscribe(() => jobs.kick('purge-cdn'));
  const stopJobs = () => jobs.stop();
  const shutdown = (signal: string) =>
    shutDownGracefully(signal, { app, ctx, stopJobs, close, log });
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  return app.listen({ host: config.host, port: config.port });
}

/** A graceful shutdown: server, jobs, relay, buffered views, database; then exit (1 if it overruns). */
function shutDownGracefully(
  signal: string,
  running: {
    app: FastifyInstance;
    ctx: RootContext;
    stopJobs: () => Promise<void>;
    close: () => Promise<void>;
    log: Log;
  },
): void {
  const { app, ctx, stopJobs, close, log } = running;
  log(`收到 ${signal}，正在关闭…`);
  const timer = setTimeout(() => {
    log('关闭超时，强制退出');
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS);
  timer.unref();
  const grace = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
  grace.unref();
  app
    .close()
    .then(stopJobs)
    .then(() => ctx.events.stop())
    // Views acknowledged to readers are written before the database closes.
    .then(() => ctx.views.flush(ctx.database.db))
    .then(close)
    .then(() => process.exit(0))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
