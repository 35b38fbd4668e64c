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
import { countUnindexed, indexAll, syncDictionary } from './search/index.js';
import { syncLexicon } from './moderation/index.js';
import { startJobs } from './jobs/runner.js';
import { getOrCreateServerSecret } from './settings/index.js';
import { systemClock } from './shared/clock.js';

/** How long a graceful shutdown may take before we exit anyway. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

export async function start(
  config: Config,
  log: (line: string) => void = console.log,
): Promise<void> {
  const started = Date.now();
  const database = await openConfiguredDatabase(config);
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
    // Search works from the first page view: index what is missing before listening.
    await syncDictionary(database.db);
    await syncLexicon(database.db);
    const unindexed = await countUnindexed(database.db);
    if (unindexed > 0) {
      const bar = startProgress('建立搜索索引', unindexed);
      await indexAll(database.db, (n) => bar.update(n));
      bar.stop();
    }
    const ctx = {
      database,
      clock: systemClock,
      publicUrl: config.publicUrl,
      uploadsDir: config.uploadsDir,
      trustProxy: config.trustProxy,
      secret: await getOrCreateServerSecret(database.db),
      views: new ViewBuffer(systemClock),
    };
    const app = await buildServer(ctx, {
      logLevel: config.logLevel,
      ...(config.pageCacheBytes > 0 ? { pageCache: new PageCache(config.pageCacheBytes) } : {}),
    });
    const stopJobs = startJobs(ctx, JOBS, log);
    const shutdown = (signal: string) => {
      log(`收到 ${signal}，正在关闭…`);
      const timer = setTimeout(() => process.exit(1), SHUTDOWN_TIMEOUT_MS);
      timer.unref();
      app
        .close()
        .then(stopJobs)
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
