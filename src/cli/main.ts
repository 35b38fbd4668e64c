/**
 * `byline <command>`: the command-line edge. Validates arguments, opens the
 * database through the same path as the server, calls domain commands, and
 * prints results. Exit codes: 0 ok, 1 failed, 2 usage or configuration error.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ROLES } from '../accounts/index.js';
import { importArticles, type ImportLine, type ImportReport } from '../articles/index.js';
import { ensureDefaultChannels, listChannels } from '../channels/index.js';
import { getCreatorByHandleOrThrow, listCreators } from '../creators/index.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import type { Database } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { openConfiguredDatabase } from '../db/open.js';
import { mediaStoreFor } from '../media-context.js';
import { systemClock } from '../shared/clock.js';
import { isAppError } from '../shared/errors.js';
import { computeAllRelated } from '../recommend/index.js';
import {
  DEFAULT_SITE_SETTINGS,
  getSiteSettings,
  updateSiteSettings,
  type SiteSettings,
} from '../settings/index.js';
import { clearSearchIndex, countUnindexed, indexAll, syncDictionary } from '../search/index.js';
import { Segmenter } from '../text/index.js';
import { catchUpPublished } from './catch-up.js';
import { createUserCommand, decideUserCommand, UsageError } from './users.js';
import { startProgress } from './progress.js';
import { runExport, runSiteImport } from './transfer.js';
import { DEMO_CORPUS_URL, demoAuthorPicker, ensureDemoCreators, seedDemo } from './seed.js';

interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  readonly allowPositionals?: boolean;
  run(
    args: { values: Record<string, unknown>; positionals: string[] },
    config: Config,
  ): Promise<number>;
}

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

const COMMANDS: Record<string, Command> = {
  start: {
    summary: '迁移数据库，空库时导入演示内容，然后启动网站',
    usage: 'byline start',
    options: HELP_OPTION,
    async run(_args, config) {
      // Loaded only here: the web server is most of the code, and the other commands never need it.
      const { start } = await import('../main.js');
      await start(config);
      return -1; // keep running
    },
  },
  migrate: {
    summary: '执行尚未应用的数据库迁移',
    usage: 'byline migrate',
    options: HELP_OPTION,
    run: (_args, config) =>
      withDatabase(config, async (database) => {
        const result = await migrate(database.db);
        console.log(
          result.applied.length > 0
            ? `已应用迁移：${result.applied.join('、')}`
            : `数据库已是最新（共 ${result.alreadyApplied} 个迁移）`,
        );
        return 0;
      }),
  },
  seed: {
    summary: '导入演示内容（频道、20 位创作者、CC BY-SA 授权的文章语料）',
    usage: 'byline seed --demo',
    options: { ...HELP_OPTION, demo: { type: 'boolean' } },
    async run({ values }, config) {
      if (!values.demo) throw new UsageError('seed 需要 --demo 参数（目前只有演示内容可导入）');
      return withDatabase(config, async (database) => {
        await migrate(database.db);
        let bar: ReturnType<typeof startProgress> | undefined;
        const report = await seedDemo(database.db, {
          clock: systemClock,
          media: mediaStoreFor(config),
          onStart: (total) => (bar = startProgress('导入演示内容', total)),
          onProgress: (n) => bar?.update(n),
        });
        bar?.stop();
        await catchUpPublished(database.db, new Segmenter());
        return printReport(report);
      });
    },
  },
  import: {
    summary: '导入整个站点（WordPress、Ghost、Markdown 文件夹、RSS/Atom、署名导出包）或 JSONL 语料',
    usage:
      'byline import 文件.jsonl [--author 账号名]\n' +
      '       byline import --format wordpress|ghost|markdown|rss|byline 路径 [--channel-map 映射.json] [--report 报告.json] [--author 账号名] [--no-download]\n\n' +
      '--format：WordPress 的 WXR 导出文件、Ghost 的 JSON 导出文件、Hexo/Hugo/Jekyll 的 Markdown 文件夹、\n' +
      'RSS/Atom 文件或网址、byline export 生成的导出包。可重复运行：以前导入过的内容会跳过。\n' +
      '--channel-map：JSON 对象，来源分类 → 频道标识或名称；未映射的分类取名称最接近的频道，否则归入头条。\n' +
      '--report：把报告（各类导入、跳过、失败的数量与原因）另存为 JSON。\n' +
      '--no-download：不下载图片，全部保留原地址。\n\n' +
      '不带 --format 时导入 JSONL 语料：' +
      '每行一篇：{"id","title","body","channel","source","published_at"[,"author"]}。\n' +
      '作者依次取该行的 "author" 账号名、--author 参数、演示创作者。\n' +
      '无效的行会报告行号并跳过。',
    options: {
      ...HELP_OPTION,
      author: { type: 'string' },
      format: { type: 'string' },
      'channel-map': { type: 'string' },
      report: { type: 'string' },
      'no-download': { type: 'boolean' },
    },
    allowPositionals: true,
    async run({ values, positionals }, config) {
      const file = positionals[0];
      if (!file || positionals.length > 1) throw new UsageError('import 需要且只需要一个文件');
      if (values.format !== undefined) return runSiteImport(values, file, config, withDatabase);
      if (!existsSync(file)) throw new UsageError(`文件不存在：${file}`);
      return withDatabase(config, async (database) => {
        const db = database.db;
        await migrate(db);
        await ensureDefaultChannels(db);
        const channels = await listChannels(db);
        const fallback =
          typeof values.author === 'string'
            ? (await getCreatorByHandleOrThrow(db, values.author)).id
            : undefined;
        const handles = new Map<string, string>();
        let demoPick: ((line: ImportLine) => string) | undefined;
        const total = countLines(file);
        const bar = startProgress('导入文章', total);
        const report = await importArticles(db, readLines(file), {
          clock: systemClock,
          channels,
          async resolveAuthor(line) {
            if (line.author) {
              const known = handles.get(line.author);
              if (known) return known;
              const creator = await getCreatorByHandleOrThrow(db, line.author);
              handles.set(line.author, creator.id);
              return creator.id;
            }
            if (fallback) return fallback;
            if (!demoPick) {
              await ensureDemoCreators(db);
              const byName = new Map(channels.map((c) => [c.name, c.slug]));
              demoPick = demoAuthorPicker(
                await listCreators(db),
                (l) => byName.get(l.channel) ?? l.channel,
              );
            }
            return demoPick(line);
          },
          onProgress: (e) => bar.update(e.processed),
        });
        bar.stop();
        await catchUpPublished(db, new Segmenter());
        return printReport(report);
      });
    },
  },
  export: {
    summary: '导出整个站点（或 --creator 一位创作者）为一个 zip 导出包',
    usage:
      'byline export 导出包.zip [--with-credentials] [--creator 账号名]\n\n' +
      '整站导出：设置、频道、用户（不含密码哈希，除非 --with-credentials）、创作者、文章及全部修订、评论、\n' +
      '关注、互动记录、原创指纹与存证、媒体文件。格式见 docs/export-format.md；可用 byline import --format byline 导入。\n' +
      '--creator：只导出一位创作者：Markdown 文件、图片、评论和粉丝 CSV。',
    options: {
      ...HELP_OPTION,
      'with-credentials': { type: 'boolean' },
      creator: { type: 'string' },
    },
    allowPositionals: true,
    run: ({ values, positionals }, config) => runExport(values, positionals, config, withDatabase),
  },
  reindex: {
    summary: '重建搜索索引和相关推荐（显示进度）',
    usage: 'byline reindex',
    options: HELP_OPTION,
    run: (_args, config) =>
      withDatabase(config, async (database) => {
        await migrate(database.db);
        const segmenter = new Segmenter();
        await syncDictionary(database.db, segmenter);
        await clearSearchIndex(database.db);
        const bar = startProgress('重建搜索索引', await countUnindexed(database.db));
        const n = await indexAll(database.db, segmenter, (done) => bar.update(done));
        bar.stop();
        const related = startProgress('计算相关推荐', n);
        await computeAllRelated(database.db, (done) => related.update(done));
        related.stop();
        console.log(`已为 ${n} 篇文章建立索引，相关推荐已计算`);
        return 0;
      }),
  },
  settings: {
    summary: '显示站点设置，或修改一项：settings set 名称 值（如 siteName 我的网站）',
    usage: 'byline settings | byline settings set 名称 值',
    options: HELP_OPTION,
    allowPositionals: true,
    async run({ positionals }, config) {
      const [sub, key, value] = positionals;
      if (sub !== undefined && (sub !== 'set' || key === undefined || value === undefined)) {
        throw new UsageError('用法：settings 或 settings set 名称 值');
      }
      return withDatabase(config, async (database) => {
        await migrate(database.db);
        if (sub === 'set') {
          if (!(key! in DEFAULT_SITE_SETTINGS))
            throw new UsageError(
              `没有这项设置：${key}（可用：${Object.keys(DEFAULT_SITE_SETTINGS).join('、')}）`,
            );
          // Numbers are numbers, true/false are booleans; everything else is the string as typed.
          const kind = typeof DEFAULT_SITE_SETTINGS[key as keyof SiteSettings];
          const typed =
            kind === 'number'
              ? Number(value)
              : kind === 'boolean'
                ? ['true', '1', 'yes', 'on'].includes(value!.toLowerCase())
                : value;
          await updateSiteSettings(database.db, { [key!]: typed } as Partial<SiteSettings>);
        }
        console.log(JSON.stringify(await getSiteSettings(database.db), null, 2));
        return 0;
      });
    },
  },
  user: {
    summary:
      '管理用户：user create（新建）、user role（改角色）、user suspend / unsuspend（停用 / 恢复）',
    usage:
      `byline user create --email 邮箱 --password 密码 --role ${ROLES.join('|')} [--name 昵称]\n` +
      `       byline user role 邮箱 ${ROLES.join('|')} --reason 理由\n` +
      '       byline user suspend 邮箱 --reason 理由\n' +
      '       byline user unsuspend 邮箱 --reason 理由\n\n' +
      '以 --role creator 新建或改为创作者时，同时建立创作者主页（账号名取自邮箱），可以马上写文章。\n' +
      '命令行的改动记入审计日志，操作人记为“系统或命令行”。',
    options: {
      ...HELP_OPTION,
      email: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string', default: 'reader' },
      name: { type: 'string' },
      reason: { type: 'string' },
    },
    allowPositionals: true,
    async run({ values, positionals }, config) {
      const [sub, ...rest] = positionals;
      if (sub === 'create' && rest.length === 0)
        return createUserCommand(values, config, withDatabase);
      if (
        (sub === 'role' && rest.length === 2) ||
        (sub && ['suspend', 'unsuspend'].includes(sub) && rest.length === 1)
      )
        return decideUserCommand(sub, rest, values, config, withDatabase);
      throw new UsageError('user 的子命令：create、role 邮箱 角色、suspend 邮箱、unsuspend 邮箱');
    },
  },
};

function countLines(file: string): number {
  const text = readFileSync(file, 'utf8');
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

async function* readLines(file: string): AsyncGenerator<string> {
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) yield line;
}

function printReport(report: ImportReport): number {
  for (const f of report.failed) console.error(`第 ${f.line} 行：${f.reason}`);
  console.log(
    `导入 ${report.imported} 篇，跳过已存在的 ${report.skipped} 篇，失败 ${report.failed.length} 篇`,
  );
  return report.failed.length > 0 ? 1 : 0;
}

async function withDatabase(
  config: Config,
  fn: (database: Database) => Promise<number>,
): Promise<number> {
  const database = await openConfiguredDatabase(config, {
    viaServer: { onVia: (message) => console.error(message) },
  });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  return [
    '署名 Byline — 开源、可自托管的中文自媒体平台',
    '',
    '用法：byline <命令> [选项]    （byline <命令> --help 查看详细说明）',
    '',
    '命令：',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    '配置来自环境变量，见 README.md。网站运行中（嵌入式数据库）时，命令通过服务器的管理套接字执行。',
    `演示语料：${DEMO_CORPUS_URL.pathname}`,
  ].join('\n');
}

export async function runCli(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(mainHelp());
    return 0;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`没有这个命令：“${name}”`);
    let parsed;
    try {
      parsed = parseArgs({
        args: [...rest],
        options: command.options,
        allowPositionals: command.allowPositionals ?? false,
        strict: true,
      });
    } catch (err) {
      throw new UsageError(`参数有误（${(err as Error).message}）`);
    }
    if (parsed.values.help) {
      console.log(`用法：${command.usage}\n\n${command.summary}`);
      return 0;
    }
    const config = loadConfig();
    return await command.run(
      parsed as { values: Record<string, unknown>; positionals: string[] },
      config,
    );
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`byline：${err.message}\n\n${command ? `用法：${command.usage}` : mainHelp()}`);
      return 2;
    }
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    if (isAppError(err)) {
      const details =
        err.details?.map((d) => `\n  - ${d.path ? `${d.path}: ` : ''}${d.message}`) ?? [];
      console.error(`byline：${err.message} [${err.code}]${details.join('')}`);
      return 1;
    }
    console.error(err);
    return 1;
  }
}
