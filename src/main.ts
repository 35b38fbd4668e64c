/**
 * Composition root: loadConfig → open the database (locked) → migrate → first-
 * start setup (channels, admin, demo content) → build the server → listen.
 * The server only listens once it is ready, so /healthz never lies.
 */
import { ensureAdmin } from './accounts/index.js';
import { countPublishedArticles } from './articles/index.js';
import { ensureDefaultChannels } from './channels/index.js';
import { startProgress, type Progress } from './cli/progress.js';
import { seedDemo } from './cli/seed.js';
import type { Config } from './config.js';
import { migrate } from './db/migrate.js';
import { openConfiguredDatabase } from './db/open.js';
import { buildServer } from './server.js';
import { PageCache } from './web/page-cache.js';
import { ViewBuffer } from './engagement/index.js';
import { JOBS } from './jobs/registry.js';
import { EventRelay } from './events/index.js';
import { catchUpPublished } from './cli/catch-up.js';
import { startJobs } from './jobs/runner.js';
import { getOrCreateServerSecret } from './settings/index.js';
import { systemClock } from './shared/clock.js';
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

export async function start(
  config: Config,
  log: (line: string) => void = console.log,
): Promise<void> {
  const started = Date.now();
  installLastResort(log);
  const database = await openConfiguredDatabase(config, {
    onRestart: (n) => log(`嵌入式数据库线程意外退出，已重新启动（第 ${n} 次）`),
    onFatal: (err) => {
      console.error(`嵌入式数据库无法继续运行，进程退出：${err.message}`);
      process.exit(1);
    },
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await database.close();
  };
  try {
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
      let bar: Progress | undefined;
      const report = await seedDemo(database.db, {
        clock: systemClock,
        onStart: (total) => (bar = startProgress('导入演示内容', total)),
        onProgress: (n) => bar?.update(n),
      });
      bar?.stop();
      log(
        `演示内容：导入 ${report.imported} 篇，跳过 ${report.skipped} 篇，失败 ${report.failed.length} 篇`,
      );
    }
    // Search and 原创保护 work from the first page view: nothing published waits for a job.
    await catchUpPublished(database.db);
    const events = new EventRelay(database.db, {
      onError: (err) => log(`读取事件失败：${(err as Error).message}`),
    });
    await events.start();
    const ctx = {
      database,
      events,
      clock: systemClock,
      publicUrl: config.publicUrl,
      uploadsDir: config.uploadsDir,
      trustProxy: config.trustProxy,
      secret: await getOrCreateServerSecret(database.db),
      views: new ViewBuffer(systemClock),
    };
    const app = await buildServer(ctx, {
      logLevel: config.logLevel,
      ...(config.pageCacheBytes > 0
        ? { pageCache: new PageCache(config.pageCacheBytes, Date.now, config.pageCacheTtlMs) }
        : {}),
    });
    const stopJobs = startJobs(ctx, JOBS, log);
    const shutdown = (signal: string) => {
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
        .then(() => events.stop())
        // Views acknowledged to readers are written before the database closes.
        .then(() => ctx.views.flush(database.db))
        .then(close)
        .then(() => process.exit(0))
        .catch((err: unknown) => {
          console.error(err);
          process.exit(1);
        });
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    const address = await app.listen({ host: config.host, port: config.port });
    const articles = await countPublishedArticles(database.db);
    log(
      `署名 Byline 已就绪：${address}（${articles} 篇文章，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`,
    );
  } catch (err) {
    await close();
    throw err;
  }
}
