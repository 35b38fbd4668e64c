/**
 * `byline <command>`: the command-line edge. Validates arguments, opens the
 * database through the same path as the server, calls domain commands, and
 * prints results. Exit codes: 0 ok, 1 failed, 2 usage or configuration error.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { createUser, ROLES } from '../accounts/index.js';
import { importArticles, type ImportLine, type ImportReport } from '../articles/index.js';
import { ensureDefaultChannels, listChannels } from '../channels/index.js';
import { getCreatorByHandleOrThrow, listCreators } from '../creators/index.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import type { Database } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { openConfiguredDatabase } from '../db/open.js';
import { start } from '../main.js';
import { systemClock } from '../shared/clock.js';
import { isAppError } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import { computeAllRelated } from '../recommend/index.js';
import {
  DEFAULT_SITE_SETTINGS,
  getSiteSettings,
  updateSiteSettings,
  type SiteSettings,
} from '../settings/index.js';
import { clearSearchIndex, countUnindexed, indexAll, syncDictionary } from '../search/index.js';
import { catchUpPublished } from './catch-up.js';
import { startProgress } from './progress.js';
import { DEMO_CORPUS_URL, demoAuthorPicker, ensureDemoCreators, seedDemo } from './seed.js';

class UsageError extends Error {}

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
    summary: 'Migrate, seed demo content on an empty database, and serve the site',
    usage: 'byline start',
    options: HELP_OPTION,
    async run(_args, config) {
      await start(config);
      return -1; // keep running
    },
  },
  migrate: {
    summary: 'Apply pending database migrations',
    usage: 'byline migrate',
    options: HELP_OPTION,
    run: (_args, config) =>
      withDatabase(config, async (database) => {
        const result = await migrate(database.db);
        console.log(
          result.applied.length > 0
            ? `Applied: ${result.applied.join(', ')}`
            : `Up to date (${result.alreadyApplied} migrations)`,
        );
        return 0;
      }),
  },
  seed: {
    summary: 'Import the demo content (channels, 20 creators, the CC BY-SA corpus)',
    usage: 'byline seed --demo',
    options: { ...HELP_OPTION, demo: { type: 'boolean' } },
    async run({ values }, config) {
      if (!values.demo) throw new UsageError('seed needs --demo (the only seed there is)');
      return withDatabase(config, async (database) => {
        await migrate(database.db);
        let bar: ReturnType<typeof startProgress> | undefined;
        const report = await seedDemo(database.db, {
          clock: systemClock,
          onStart: (total) => (bar = startProgress('导入演示内容', total)),
          onProgress: (n) => bar?.update(n),
        });
        bar?.stop();
        await catchUpPublished(database.db);
        return printReport(report);
      });
    },
  },
  import: {
    summary: 'Import articles from a JSONL file in the corpus format',
    usage:
      'byline import FILE.jsonl [--author HANDLE]\n\n' +
      'Each line: {"id","title","body","channel","source","published_at"[,"author"]}.\n' +
      'The author is the line\'s "author" handle, else --author, else a demo creator.\n' +
      'Invalid lines are reported with their line number and skipped.',
    options: { ...HELP_OPTION, author: { type: 'string' } },
    allowPositionals: true,
    async run({ values, positionals }, config) {
      const file = positionals[0];
      if (!file || positionals.length > 1) throw new UsageError('import needs exactly one FILE');
      if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
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
        await catchUpPublished(db);
        return printReport(report);
      });
    },
  },
  reindex: {
    summary: 'Rebuild the search index and related lists (with progress bars)',
    usage: 'byline reindex',
    options: HELP_OPTION,
    run: (_args, config) =>
      withDatabase(config, async (database) => {
        await migrate(database.db);
        await syncDictionary(database.db);
        await clearSearchIndex(database.db);
        const bar = startProgress('重建搜索索引', await countUnindexed(database.db));
        const n = await indexAll(database.db, (done) => bar.update(done));
        bar.stop();
        const related = startProgress('计算相关推荐', n);
        await computeAllRelated(database.db, (done) => related.update(done));
        related.stop();
        console.log(`Indexed ${n} articles; related lists computed`);
        return 0;
      }),
  },
  settings: {
    summary: 'Show site settings, or change one: settings set KEY VALUE (e.g. copyPolicy repost)',
    usage: 'byline settings | byline settings set KEY VALUE',
    options: HELP_OPTION,
    allowPositionals: true,
    async run({ positionals }, config) {
      const [sub, key, value] = positionals;
      if (sub !== undefined && (sub !== 'set' || key === undefined || value === undefined)) {
        throw new UsageError('usage: settings | settings set KEY VALUE');
      }
      return withDatabase(config, async (database) => {
        await migrate(database.db);
        if (sub === 'set') {
          if (!(key! in DEFAULT_SITE_SETTINGS)) throw new UsageError(`unknown setting: ${key}`);
          // Numbers are numbers; everything else is the string as typed.
          const typed =
            typeof DEFAULT_SITE_SETTINGS[key as keyof SiteSettings] === 'number'
              ? Number(value)
              : value;
          await updateSiteSettings(database.db, { [key!]: typed } as Partial<SiteSettings>);
        }
        console.log(JSON.stringify(await getSiteSettings(database.db), null, 2));
        return 0;
      });
    },
  },
  user: {
    summary: 'Manage users: user create --email E --password P --role ROLE [--name N]',
    usage: `byline user create --email EMAIL --password PASSWORD --role ${ROLES.join('|')} [--name NAME]`,
    options: {
      ...HELP_OPTION,
      email: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string', default: 'reader' },
      name: { type: 'string' },
    },
    allowPositionals: true,
    async run({ values, positionals }, config) {
      if (positionals[0] !== 'create' || positionals.length !== 1) {
        throw new UsageError('the only user subcommand is: user create');
      }
      const input = parseInput(
        z.object({
          email: z.string({ error: '--email is required' }),
          password: z.string({ error: '--password is required' }),
          role: z.enum(ROLES, { error: `--role must be one of ${ROLES.join(', ')}` }),
          name: z.string().optional(),
        }),
        values,
      );
      return withDatabase(config, async (database) => {
        await migrate(database.db);
        const user = await createUser(database.db, {
          email: input.email,
          password: input.password,
          role: input.role,
          displayName: input.name ?? input.email.split('@')[0] ?? input.email,
        });
        console.log(`Created ${user.role} ${user.email} (${user.id})`);
        return 0;
      });
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
  for (const f of report.failed) console.error(`line ${f.line}: ${f.reason}`);
  console.log(
    `Imported ${report.imported}, skipped ${report.skipped} already present, failed ${report.failed.length}`,
  );
  return report.failed.length > 0 ? 1 : 0;
}

async function withDatabase(
  config: Config,
  fn: (database: Database) => Promise<number>,
): Promise<number> {
  const database = await openConfiguredDatabase(config);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  return [
    'Byline (署名) — a Chinese-first self-media publishing platform',
    '',
    'Usage: byline <command> [options]    (byline <command> --help for details)',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Configuration comes from environment variables; see README.md.',
    `Demo corpus: ${DEMO_CORPUS_URL.pathname}`,
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
    if (!command) throw new UsageError(`unknown command "${name}"`);
    let parsed;
    try {
      parsed = parseArgs({
        args: [...rest],
        options: command.options,
        allowPositionals: command.allowPositionals ?? false,
        strict: true,
      });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    if (parsed.values.help) {
      console.log(`Usage: ${command.usage}\n\n${command.summary}`);
      return 0;
    }
    const config = loadConfig();
    return await command.run(
      parsed as { values: Record<string, unknown>; positionals: string[] },
      config,
    );
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(
        `byline: ${err.message}\n\n${command ? `Usage: ${command.usage}` : mainHelp()}`,
      );
      return 2;
    }
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    if (isAppError(err)) {
      const details =
        err.details?.map((d) => `\n  - ${d.path ? `${d.path}: ` : ''}${d.message}`) ?? [];
      console.error(`byline: ${err.message} [${err.code}]${details.join('')}`);
      return 1;
    }
    console.error(err);
    return 1;
  }
}
