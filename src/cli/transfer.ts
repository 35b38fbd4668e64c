/**
 * `byline import --format …` and `byline export`: bringing a whole site in
 * from WordPress, Ghost, a Markdown folder, a feed or Byline's own export,
 * and taking everything out again. Thin: arguments checked here, the work
 * done by the transfer domain.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Database } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { mediaStoreFor } from '../media-context.js';
import type { Config } from '../config.js';
import { systemClock } from '../shared/clock.js';
import { Segmenter } from '../text/index.js';
import {
  exportCreator,
  exportSite,
  importArchive,
  IMPORT_FORMATS,
  IMPORT_KIND_LABELS,
  IMPORT_KINDS,
  IMPORT_OUTCOME_LABELS,
  parseChannelMap,
  importSite,
  type ImportFormat,
  type SiteImportReport,
} from '../transfer/index.js';
import { catchUpPublished } from './catch-up.js';
import { startProgress } from './progress.js';
import { UsageError } from './users.js';

export type WithDatabase = (
  config: Config,
  fn: (database: Database) => Promise<number>,
) => Promise<number>;

export function parseFormat(value: unknown): ImportFormat {
  if (typeof value !== 'string' || !(IMPORT_FORMATS as readonly string[]).includes(value))
    throw new UsageError(`--format 只能是 ${IMPORT_FORMATS.join('、')} 之一`);
  return value as ImportFormat;
}

export function readChannelMap(file: unknown): Record<string, string> | undefined {
  if (file === undefined) return undefined;
  if (typeof file !== 'string' || !existsSync(file))
    throw new UsageError(`--channel-map 文件不存在：${String(file)}`);
  const parsed = parseChannelMap(readFileSync(file, 'utf8'));
  if ('error' in parsed) throw new UsageError(`--channel-map ${parsed.error}`);
  return parsed.map;
}

export async function runSiteImport(
  values: Record<string, unknown>,
  path: string,
  config: Config,
  withDatabase: WithDatabase,
): Promise<number> {
  const format = parseFormat(values.format);
  const remote = format === 'rss' && /^https?:\/\//i.test(path);
  if (!remote && !existsSync(path)) throw new UsageError(`路径不存在：${path}`);
  if (format === 'markdown' && !statSync(path).isDirectory())
    throw new UsageError('--format markdown 需要一个文件夹');
  if (format !== 'markdown' && !remote && statSync(path).isDirectory())
    throw new UsageError(`--format ${format} 需要一个文件`);
  const channelMap = readChannelMap(values['channel-map']);
  return withDatabase(config, async (database) => {
    const db = database.db;
    await migrate(db);
    let report: SiteImportReport;
    if (format === 'byline') {
      report = await importArchive(db, path, { store: mediaStoreFor(config) });
    } else {
      const bar = startProgress('导入', 0);
      let fingerprints: ReturnType<typeof startProgress> | undefined;
      report = await importSite(db, {
        format,
        path,
        clock: systemClock,
        store: mediaStoreFor(config),
        channelMap,
        author: typeof values.author === 'string' ? values.author : undefined,
        download: values['no-download'] !== true,
        onProgress: ({ processed }) => bar.update(processed),
        onFingerprint: (n) => (fingerprints ??= startProgress('生成原创指纹', 0)).update(n),
      });
      bar.stop();
      fingerprints?.stop();
    }
    const indexing = performance.now();
    await catchUpPublished(db, new Segmenter());
    if (report.timings)
      report.timings.indexSeconds = Math.round((performance.now() - indexing) / 100) / 10;
    if (typeof values.report === 'string')
      await writeFile(values.report, `${JSON.stringify(report, null, 2)}\n`);
    return printSiteReport(report);
  });
}

export function printSiteReport(report: SiteImportReport): number {
  for (const item of report.items)
    if (item.outcome !== 'skipped' || item.reason !== '以前导入过')
      console.error(
        `[${IMPORT_KIND_LABELS[item.kind]}·${IMPORT_OUTCOME_LABELS[item.outcome]}] ${item.position}：${item.reason}`,
      );
  for (const kind of IMPORT_KINDS) {
    const c = report.counts[kind];
    if (c.imported + c.skipped + c.failed === 0) continue;
    console.log(
      `${IMPORT_KIND_LABELS[kind]}：导入 ${c.imported}，跳过 ${c.skipped}，失败 ${c.failed}`,
    );
  }
  if (report.external.length > 0)
    console.log(`未能下载、保留原地址的图片：${report.external.length} 张（见报告）`);
  return IMPORT_KINDS.some((k) => report.counts[k].failed > 0) ? 1 : 0;
}

export async function runExport(
  values: Record<string, unknown>,
  positionals: string[],
  config: Config,
  withDatabase: WithDatabase,
): Promise<number> {
  const path = positionals[0];
  if (!path || positionals.length > 1)
    throw new UsageError('export 需要且只需要一个输出文件（如 site.zip）');
  if (existsSync(path)) throw new UsageError(`文件已存在：${path}（不会覆盖）`);
  return withDatabase(config, async (database) => {
    await migrate(database.db);
    const store = mediaStoreFor(config);
    if (typeof values.creator === 'string') {
      const r = await exportCreator(database.db, values.creator, path, {
        store,
        origin: config.publicUrl,
      });
      console.log(
        `已导出 ${values.creator}：文章 ${r.articles} 篇，图片 ${r.images} 张，评论 ${r.comments} 条，粉丝 ${r.followers} 位 → ${path}`,
      );
      return 0;
    }
    const counts = await exportSite(database.db, path, {
      store,
      withCredentials: values['with-credentials'] === true,
    });
    console.log(
      `已导出：文章 ${counts.articles ?? 0} 篇，修订 ${counts.article_revisions ?? 0} 个，用户 ${counts.users ?? 0} 位，评论 ${counts.comments ?? 0} 条，图片 ${counts.images ?? 0} 张 → ${path}`,
    );
    return 0;
  });
}
