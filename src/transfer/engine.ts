/**
 * The import engine: reads a source's records one at a time and writes
 * them through the domains, the same for the CLI, the admin console and the
 * API. Per article: validated as publishing validates, checked for spam and
 * lost characters (the moderation lexicon), its images carried, then written
 * in batches — the article with its revision, tags, comments and old
 * addresses commit together, or (on a failure) are retried one by one so
 * only the bad item is reported. Every write is keyed by the item's identity
 * in its source, so a re-run skips what it already brought.
 */
import { createHash } from 'node:crypto';
import {
  createArticles,
  CreateArticleSchema,
  findArticlesByExternalId,
  normalizeTag,
  TAG_MAX_CHARS,
  TAGS_MAX,
  type CreateArticleInput,
} from '../articles/index.js';
import type { Channel } from '../channels/index.js';
import type { Queryable } from '../db/client.js';
import { checkContent, type Lexicon } from '../moderation/index.js';
import type { Clock } from '../shared/clock.js';
import { zodDetails } from '../shared/validation.js';
import { carryComments } from './comments.js';
import { ImageImporter, type ImageOptions } from './images.js';
import {
  emptyReport,
  type ImportFormat,
  type SiteImportReport,
  type SourceArticle,
  type SourceRecord,
} from './model.js';
import { People } from './people.js';
import { saveRedirects } from './redirects.js';

/** Articles written per transaction: commits are the costly part, and a failed batch is retried one by one. */
const ARTICLE_BATCH = 50;
/** Import ids are at most 200 characters (articles.external_id); longer source keys are hashed. */
const EXTERNAL_ID_MAX = 200;
/** The channel for articles whose categories match none (头条, the site's first). */
const FALLBACK_CHANNEL = 'news';

export interface ImportRunOptions extends Omit<ImageOptions, 'clock'> {
  readonly clock: Clock;
  readonly lexicon: Lexicon;
  readonly channels: readonly Channel[];
  /** Category (name or slug in the source) → channel slug or name here. */
  readonly channelMap?: Readonly<Record<string, string>>;
  /** The creator for articles whose author the source does not name. */
  readonly fallbackAuthor: () => Promise<string>;
  readonly onProgress?: (p: { processed: number; report: SiteImportReport }) => void;
}

export function externalIdOf(key: string): string {
  if (key.length <= EXTERNAL_ID_MAX) return key;
  return `${key.slice(0, EXTERNAL_ID_MAX - 66)}#${createHash('sha256').update(key).digest('hex')}`;
}

interface Pending {
  readonly source: SourceArticle;
  readonly input: CreateArticleInput;
  readonly held: string | undefined;
}

export async function runImport(
  db: Queryable,
  format: ImportFormat,
  records: AsyncIterable<SourceRecord>,
  options: ImportRunOptions,
): Promise<SiteImportReport> {
  const report = emptyReport(format);
  const people = new People(db, report, options.fallbackAuthor);
  const images = new ImageImporter(db, report, options);
  const channelOf = channelChooser(options.channels, options.channelMap ?? {});
  let processed = 0;
  let batch: Pending[] = [];

  const flush = async () => {
    const todo = batch;
    batch = [];
    const seen = await findArticlesByExternalId(
      db,
      todo.map((p) => p.input.externalId!),
    );
    const fresh = todo.filter((p) => !seen.has(p.input.externalId!));
    for (const p of todo.filter((p) => seen.has(p.input.externalId!))) {
      report.counts[p.source.kind].skipped++;
      report.items.push({
        kind: p.source.kind,
        position: p.source.position,
        outcome: 'skipped',
        reason: '以前导入过',
      });
      // Its comments may not all have come (an earlier run stopped): they are keyed, so only the missing ones go in.
      await carryComments(db, people, report, seen.get(p.input.externalId!)!, p.source);
    }
    const written = await writeArticles(db, options.clock, fresh, report);
    await saveRedirects(
      db,
      written.map(([p, articleId]) => ({ articleId, links: p.source.oldLinks })),
    );
    for (const [p, id] of written) await carryComments(db, people, report, id, p.source);
    options.onProgress?.({ processed, report });
  };

  for await (const record of records) {
    processed++;
    if (record.type === 'person') await people.addAuthor(record.person);
    else if (record.type === 'skip' || record.type === 'fail') {
      const item = record.type === 'skip' ? record.skip : record.fail;
      report.counts[item.kind][record.type === 'skip' ? 'skipped' : 'failed']++;
      report.items.push({ ...item, outcome: record.type === 'skip' ? 'skipped' : 'failed' });
    } else {
      const prepared = await prepare(record.article, people, images, channelOf, options, report);
      if (prepared) batch.push(prepared);
      if (batch.length >= ARTICLE_BATCH) await flush();
    }
  }
  if (batch.length > 0) await flush();
  options.onProgress?.({ processed, report });
  return report;
}

async function prepare(
  a: SourceArticle,
  people: People,
  images: ImageImporter,
  channelOf: (categories: readonly string[]) => Channel,
  options: ImportRunOptions,
  report: SiteImportReport,
): Promise<Pending | undefined> {
  const fail = (reason: string) => {
    report.counts[a.kind].failed++;
    report.items.push({ kind: a.kind, position: a.position, outcome: 'failed', reason });
    return undefined;
  };
  if (a.title.trim() === '') return fail('缺少标题');
  if (a.bodyMarkdown.trim() === '') return fail('正文为空');
  const authorId = await people.creatorFor(a.authorKey);
  const carried = await images.carry(a.bodyMarkdown, a.coverUrl, authorId, a.position);
  const check = checkContent(`${a.title}\n${carried.markdown}`, options.lexicon);
  if (check.verdict === 'reject')
    return fail(`内容被拒绝（${check.reasons.map((r) => `${r.code}: ${r.detail}`).join('；')}）`);
  const damage = check.reasons.filter((r) => r.code === 'ENCODING_DAMAGE');
  const held =
    check.verdict === 'hold'
      ? check.reasons.map((r) => `${r.code}: ${r.detail}`).join('；')
      : undefined;
  const status = held && a.status !== 'draft' ? 'draft' : a.status;
  const input: CreateArticleInput = {
    title: a.title,
    body: carried.markdown,
    bodyFormat: 'markdown',
    summary: a.summary
      ? [...a.summary.replace(/<[^>]+>/g, '').trim()].slice(0, 500).join('') || undefined
      : undefined,
    authorId,
    channelId: channelOf(a.categories).id,
    status,
    publishedAt: a.publishedAt,
    sourceName: [...(a.sourceName ?? '')].slice(0, 200).join(''),
    sourceUrl: a.sourceUrl ?? '',
    externalId: externalIdOf(a.key),
    tags: cleanTags([...a.tags]),
    coverImageId: carried.coverImageId,
  };
  const checked = CreateArticleSchema.safeParse(input);
  if (!checked.success)
    return fail(
      zodDetails(checked.error)
        .map((d) => (d.path ? `${d.path}: ${d.message}` : d.message))
        .join('；'),
    );
  if (held)
    report.items.push({
      kind: a.kind,
      position: a.position,
      outcome: 'held',
      reason: `作为草稿导入，待人工审核（${held}）`,
    });
  else if (damage.length > 0)
    report.items.push({
      kind: a.kind,
      position: a.position,
      outcome: 'held',
      reason: `疑似丢字（${damage.map((d) => d.detail).join('；')}）`,
    });
  return { source: a, input, held };
}

/** Tags as the article form accepts them: at most 10, each at most 20 characters; the rest dropped. */
function cleanTags(tags: string[]): string[] {
  const out: string[] = [];
  for (const t of tags) {
    const tag = normalizeTag(t);
    if (
      tag &&
      [...tag].length <= TAG_MAX_CHARS &&
      !out.some((o) => o.toLowerCase() === tag.toLowerCase())
    )
      out.push(tag);
    if (out.length === TAGS_MAX) break;
  }
  return out;
}

async function writeArticles(
  db: Queryable,
  clock: Clock,
  pending: readonly Pending[],
  report: SiteImportReport,
): Promise<[Pending, string][]> {
  if (pending.length === 0) return [];
  const done: [Pending, string][] = [];
  try {
    const ids = await createArticles(
      db,
      clock,
      pending.map((p) => p.input),
    );
    pending.forEach((p, i) => done.push([p, ids[i]!.id]));
  } catch {
    // CASE: something in the batch failed: one transaction per article finds which.
    for (const p of pending) {
      try {
        const [id] = await createArticles(db, clock, [p.input]);
        done.push([p, id!.id]);
      } catch (err) {
        report.counts[p.source.kind].failed++;
        const cause = (err as { cause?: { message?: string } }).cause?.message;
        report.items.push({
          kind: p.source.kind,
          position: p.source.position,
          outcome: 'failed',
          reason: cause ?? (err as Error).message,
        });
      }
    }
  }
  for (const [p] of done) report.counts[p.source.kind].imported++;
  return done;
}

/**
 * A source category → a channel: the map's entry, else a channel named like
 * it (same name or slug, or one containing the other), else 头条.
 */
export function channelChooser(
  channels: readonly Channel[],
  map: Readonly<Record<string, string>>,
): (categories: readonly string[]) => Channel {
  const find = (key: string) => {
    const k = key.trim().toLowerCase();
    return channels.find((c) => c.slug === k || c.name.toLowerCase() === k);
  };
  const fallback = find(FALLBACK_CHANNEL) ?? channels[0]!;
  return (categories) => {
    for (const c of categories) {
      const mapped = map[c] ?? map[c.toLowerCase()];
      const hit = (mapped ? find(mapped) : undefined) ?? find(c);
      if (hit) return hit;
    }
    for (const c of categories) {
      const hit = channels.find(
        (ch) => c.includes(ch.name) || (ch.name.length > 1 && ch.name.includes(c)),
      );
      if (hit) return hit;
    }
    return fallback;
  };
}
