/**
 * Imports articles in the corpus JSONL format, one JSON object per line:
 * `{"id","title","body","channel","source","published_at"}` plus an optional
 * `author` (creator handle). A line that fails validation is reported with its
 * line number and reason and skipped; valid lines are imported; each article
 * is written atomically, so a failure never leaves half of one.
 * Lines whose `id` was imported before are skipped, so re-running is safe.
 */
import { z } from 'zod';
import type { Channel } from '../channels/index.js';
import type { Queryable } from '../db/client.js';
import type { Clock } from '../shared/clock.js';
import { isAppError } from '../shared/errors.js';
import { zodDetails } from '../shared/validation.js';
import { CreateArticleSchema, type CreateArticleInput } from './article.js';
import { createArticle, createArticles } from './commands.js';
import { findImportedExternalIds } from './queries.js';

export const ImportLineSchema = z.object({
  id: z.string().min(1, 'id is required').max(200),
  title: z.string(),
  body: z.string(),
  channel: z.string().min(1, 'channel is required'),
  source: z.string().max(200).default(''),
  published_at: z.iso.datetime({ offset: true }).nullable().default(null),
  author: z.string().optional(),
  /** `text` (paragraphs apart by a blank line; the corpus) or `markdown` (figures, headings…). */
  body_format: z.enum(['text', 'markdown']).default('text'),
  /** 标签 (话题), at most TAGS_MAX. */
  tags: z.array(z.string()).default([]),
});
export type ImportLine = z.output<typeof ImportLineSchema>;

/** Corpus channel labels that are not channel names here. */
const CHANNEL_ALIASES: Record<string, string> = { 综合: 'news' };

export interface ImportOptions {
  readonly clock: Clock;
  readonly channels: readonly Channel[];
  /** Creator id for a line; may throw ImportLineError. Called only for valid lines. */
  readonly resolveAuthor: (line: ImportLine) => Promise<string> | string;
  /** Publish time for a line without `published_at`; default: now. */
  readonly publishedAt?: (line: ImportLine) => Date;
  readonly onProgress?: (event: { processed: number; imported: number; failed: number }) => void;
}

export interface ImportFailure {
  readonly line: number;
  readonly reason: string;
}

export interface ImportReport {
  readonly imported: number;
  readonly skipped: number;
  readonly failed: readonly ImportFailure[];
}

export class ImportLineError extends Error {}

/**
 * Valid lines are written in batches of this many: one transaction and one
 * statement per table for the whole batch (commits and round trips are the
 * costly part on the embedded database). If a batch fails, its lines are
 * retried one transaction each, so only the failing article is lost and no
 * article is ever half-written.
 */
const IMPORT_BATCH_SIZE = 100;

export async function importArticles(
  db: Queryable,
  lines: Iterable<string> | AsyncIterable<string>,
  options: ImportOptions,
): Promise<ImportReport> {
  const channelByKey = new Map<string, Channel>();
  for (const c of options.channels) {
    channelByKey.set(c.slug, c);
    channelByKey.set(c.name, c);
  }
  let imported = 0;
  let skipped = 0;
  let lineNo = 0;
  const failed: ImportFailure[] = [];
  let batch: { line: number; input: CreateArticleInput }[] = [];
  const progress = () =>
    options.onProgress?.({ processed: lineNo, imported, failed: failed.length });

  const flush = async () => {
    const seen = new Set(
      await findImportedExternalIds(
        db,
        batch.map((b) => b.input.externalId!),
      ),
    );
    const fresh = batch.filter((b) => {
      if (!seen.has(b.input.externalId!)) return seen.add(b.input.externalId!);
      skipped++;
      return false;
    });
    batch = [];
    try {
      await createArticles(
        db,
        options.clock,
        fresh.map((b) => b.input),
      );
      imported += fresh.length;
    } catch {
      // CASE: something in the batch failed; find out which line, one article per transaction.
      for (const { line, input } of fresh) {
        try {
          await createArticle(db, options.clock, input);
          imported++;
        } catch (err) {
          failed.push({ line, reason: describe(err) });
        }
      }
    }
    progress();
  };

  for await (const raw of lines) {
    lineNo++;
    if (raw.trim() === '') continue;
    try {
      batch.push({ line: lineNo, input: await prepareLine(raw, channelByKey, options) });
    } catch (err) {
      failed.push({ line: lineNo, reason: describe(err) });
    }
    if (batch.length >= IMPORT_BATCH_SIZE) await flush();
    else if (lineNo % 10 === 0) progress();
  }
  if (batch.length > 0) await flush();
  progress();
  failed.sort((a, b) => a.line - b.line);
  return { imported, skipped, failed };
}

async function prepareLine(
  raw: string,
  channelByKey: Map<string, Channel>,
  options: ImportOptions,
): Promise<CreateArticleInput> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ImportLineError('不是有效的 JSON');
  }
  const parsed = ImportLineSchema.safeParse(json);
  if (!parsed.success) throw new ImportLineError(formatIssues(zodDetails(parsed.error)));
  const line = parsed.data;
  const channel = channelByKey.get(CHANNEL_ALIASES[line.channel] ?? line.channel);
  if (!channel) throw new ImportLineError(`channel: 没有这个频道：“${line.channel}”`);
  const input: CreateArticleInput = {
    title: line.title,
    body: line.body,
    bodyFormat: line.body_format,
    authorId: await options.resolveAuthor(line),
    channelId: channel.id,
    status: 'published',
    publishedAt: line.published_at
      ? new Date(line.published_at)
      : (options.publishedAt?.(line) ?? options.clock.now()),
    sourceName: line.source,
    sourceUrl: wikipediaUrl(line),
    externalId: line.id,
    tags: line.tags,
  };
  const checked = CreateArticleSchema.safeParse(input);
  if (!checked.success) throw new ImportLineError(formatIssues(zodDetails(checked.error)));
  return input;
}

/** Corpus text from Chinese Wikipedia links back to its article, as CC BY-SA attribution asks. */
function wikipediaUrl(line: ImportLine): string {
  if (!line.source.includes('zh.wikipedia')) return '';
  return `https://zh.wikipedia.org/wiki/${encodeURIComponent(line.title)}`;
}

function formatIssues(details: readonly { path: string; message: string }[]): string {
  return details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ');
}

function describe(err: unknown): string {
  if (err instanceof ImportLineError) return err.message;
  if (isAppError(err)) {
    return err.details?.length ? formatIssues(err.details) : `${err.code}: ${err.message}`;
  }
  const cause = (err as { cause?: { message?: string } }).cause?.message;
  return `database error: ${cause ?? (err as Error).message}`;
}
