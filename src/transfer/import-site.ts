/**
 * One import, start to finish, as the CLI and the import jobs run it: the
 * site's channels and lexicon, the source read and written (engine.ts), then
 * every imported article fingerprinted before it returns, so a copy among
 * the imported and existing articles is found from the first minute.
 */
import { ensureDefaultChannels, listChannels } from '../channels/index.js';
import { getCreatorByHandleOrThrow } from '../creators/index.js';
import type { Queryable } from '../db/client.js';
import type { MediaStore } from '../media/index.js';
import { Lexicon, syncLexicon } from '../moderation/index.js';
import { fingerprintAll } from '../originality/index.js';
import type { Clock } from '../shared/clock.js';
import { runImport } from './engine.js';
import { emptyReport, type ImportFormat, type SiteImportReport } from './model.js';
import { People } from './people.js';
import { readSource } from './sources.js';

export interface SiteImportOptions {
  readonly format: Exclude<ImportFormat, 'byline'>;
  readonly path: string;
  readonly clock: Clock;
  readonly store: MediaStore;
  readonly channelMap?: Readonly<Record<string, string>>;
  /** 账号名 of the creator for articles whose source names no author. */
  readonly author?: string;
  readonly download?: boolean;
  readonly onProgress?: (p: { processed: number; report: SiteImportReport }) => void;
  readonly onFingerprint?: (done: number) => void;
}

export async function importSite(
  db: Queryable,
  options: SiteImportOptions,
): Promise<SiteImportReport> {
  const started = performance.now();
  await ensureDefaultChannels(db);
  const lexicon = new Lexicon();
  await syncLexicon(db, lexicon);
  let fallback: string | undefined;
  const report = await runImport(
    db,
    options.format,
    readSource(options.format, options.path, options.clock.now()),
    {
      clock: options.clock,
      lexicon,
      store: options.store,
      download: options.download ?? true,
      localRoot: options.format === 'markdown' ? options.path : undefined,
      channels: await listChannels(db),
      channelMap: options.channelMap,
      onProgress: options.onProgress,
      async fallbackAuthor() {
        if (fallback) return fallback;
        if (options.author)
          return (fallback = (await getCreatorByHandleOrThrow(db, options.author)).id);
        // No author named anywhere: one 导入作者 account per site, made once.
        // Counted apart: the source's authors are what the report counts.
        const people = new People(db, emptyReport(options.format), () =>
          Promise.reject(new Error('no author')),
        );
        await people.addAuthor({
          key: 'import:default-author',
          position: '导入作者',
          displayName: '导入作者',
          login: 'imported',
        });
        return (fallback = await people.creatorFor('import:default-author'));
      },
    },
  );
  const written = performance.now();
  report.fingerprinted = await fingerprintAll(db, options.onFingerprint);
  report.timings = {
    readAndWriteSeconds: round((written - started) / 1000),
    fingerprintSeconds: round((performance.now() - written) / 1000),
  };
  return report;
}

const round = (s: number) => Math.round(s * 10) / 10;
