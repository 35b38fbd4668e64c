/**
 * Keeping fingerprints in step with the articles: the `originality.fingerprint`
 * consumer follows article events (publishing through the studio or the API
 * also fingerprints at once, inside the publish); a sweep at start-up and
 * after imports repairs anything missed, comparing published articles'
 * change times with the receipts'.
 */
import { sql } from 'drizzle-orm';
import { getArticleTexts, listPublishedStamps } from '../articles/index.js';
import { rowsOf, type Queryable } from '../db/client.js';
import { articleIdsOf, runConsumer, type ConsumerRun } from '../events/index.js';
import { matchBatch, prepareBatch } from './check.js';
import { fingerprintBatch, pendingFrom, withdrawFingerprints, writeBatch } from './record.js';
import { RunIndex, type PendingArticle } from './run-index.js';

/** Fingerprints per consumer pass: ~10 queries each, so a run stays short on the embedded database. */
export const FINGERPRINT_BATCH = 25;
/** Published articles compared per query when sweeping. */
const SWEEP_PAGE = 5_000;
/** The consumer that follows article events. */
export const FINGERPRINT_CONSUMER = 'originality.fingerprint';
const ARTICLE_EVENTS = [
  'article.published',
  'article.revised',
  'article.withdrawn',
  'articles.imported',
] as const;

/**
 * Fingerprints what these articles need: published ones whose receipt is
 * older than their text, and withdraws the keys of ones no longer published.
 */
export async function fingerprintArticles(db: Queryable, ids: readonly string[]): Promise<number> {
  const texts = await getArticleTexts(db, ids);
  const stamps = await fingerprintStamps(db, ids);
  const stale = texts.filter(
    (t) => t.status === 'published' && (stamps.get(t.id) ?? -Infinity) < t.updatedAt.getTime(),
  );
  const published = new Set(texts.filter((t) => t.status === 'published').map((t) => t.id));
  await withdrawFingerprints(
    db,
    ids.filter((id) => !published.has(id)),
  );
  const pending = await pendingFrom(db, stale);
  for (let i = 0; i < pending.length; i += FINGERPRINT_BATCH)
    await fingerprintBatch(db, pending.slice(i, i + FINGERPRINT_BATCH));
  return pending.length;
}

/** Follows article events: what was published, edited or withdrawn since the last run. */
export function runFingerprintConsumer(db: Queryable): Promise<ConsumerRun> {
  return runConsumer(db, FINGERPRINT_CONSUMER, ARTICLE_EVENTS, async (tx, list) => {
    await fingerprintArticles(tx, articleIdsOf(list));
  });
}

/**
 * When each fingerprint's text was taken, in epoch milliseconds (-Infinity:
 * withdrawn, to be taken again); all of them, or these.
 */
async function fingerprintStamps(
  db: Queryable,
  ids?: readonly string[],
): Promise<Map<string, number>> {
  const rows = rowsOf<{ article_id: string; at: number }>(
    await db.execute(sql`
      SELECT article_id, (extract(epoch FROM source_updated_at) * 1000)::float8 AS at
      FROM byline.article_fingerprints
      ${ids ? sql`WHERE article_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))` : sql``}`),
  );
  return new Map(rows.map((r) => [r.article_id, Number(r.at)]));
}

/**
 * Published articles without an up-to-date fingerprint, in publishing
 * order, and fingerprinted articles no longer published.
 */
export async function findUnfingerprinted(
  db: Queryable,
): Promise<{ stale: string[]; gone: string[] }> {
  const printed = await fingerprintStamps(db);
  const stale: { id: string; published: number }[] = [];
  const seen = new Set<string>();
  for (let after = ''; ;) {
    const page = await listPublishedStamps(db, after, SWEEP_PAGE);
    for (const a of page) {
      seen.add(a.id);
      if ((printed.get(a.id) ?? -Infinity) < a.updatedAt.getTime())
        stale.push({ id: a.id, published: (a.publishedAt ?? a.updatedAt).getTime() });
    }
    if (page.length < SWEEP_PAGE) break;
    after = page.at(-1)!.id;
  }
  stale.sort((a, b) => a.published - b.published || (a.id < b.id ? -1 : 1));
  const gone = [...printed].filter(([id, at]) => !seen.has(id) && at > -Infinity).map(([id]) => id);
  return { stale: stale.map((s) => s.id), gone };
}

/** Published articles without an up-to-date fingerprint (what fingerprintAll would do). */
export async function countUnfingerprinted(db: Queryable): Promise<number> {
  return (await findUnfingerprinted(db)).stale.length;
}

/** Articles per batch when fingerprinting everything (bulk import, first start): fewer round trips. */
const BULK_FINGERPRINT_BATCH = 200;
/** Pending articles read at once by a bulk run, split into batches. */
const BULK_READ = 2_000;
/** Articles of one run kept in memory for matching (~1 MB per 300): a big import's demo-sized start. */
const RUN_INDEX_MAX = 20_000;
/**
 * …and at most this much text: held with its keys it costs ~55 bytes per
 * character (measured with the import bench: +650 MB for 10,000 articles of
 * 1,200 characters), so ~220 MB. The demo corpus (1.5 M characters) fits.
 */
const RUN_INDEX_MAX_CHARS = 4_000_000;

/**
 * Fingerprints everything pending (first start, import, seed), as a
 * pipeline: while one batch's rows are written, the next batch's
 * fingerprints are computed, so the database and this process work at the
 * same time. Each batch is matched only after the one before it is written
 * (its keys are then visible), so copies within a run are found. (Looking up
 * the next batch's candidates during the write was measured slower: on two
 * cores the two queries and this process only take turns.)
 */
export async function fingerprintAll(
  db: Queryable,
  onProgress?: (done: number) => void,
): Promise<number> {
  let done = 0;
  // A site fingerprinted for the first time (first start, import into a new site) has nothing
  // in its index: every candidate is an article of this run, found in memory.
  const indexEmpty =
    rowsOf(await db.execute(sql`SELECT 1 FROM byline.fingerprint_keys LIMIT 1`)).length === 0;
  let run = { index: new RunIndex(), only: indexEmpty };
  const { stale, gone } = await findUnfingerprinted(db);
  await withdrawFingerprints(db, gone);
  for (let round = 0; round * BULK_READ < stale.length; round++) {
    const pending = await pendingFrom(
      db,
      await getArticleTexts(db, stale.slice(round * BULK_READ, (round + 1) * BULK_READ)),
    );
    if (pending.length === 0) continue;
    const batches: PendingArticle[][] = [];
    for (let i = 0; i < pending.length; i += BULK_FINGERPRINT_BATCH)
      batches.push(pending.slice(i, i + BULK_FINGERPRINT_BATCH));
    let prepared = await prepareBatch(batches[0]!);
    let writing: Promise<void> = Promise.resolve();
    for (let i = 0; i < batches.length; i++) {
      await writing;
      // A bulk run grows the key index from nothing: fresh statistics keep the plans index-based.
      if ((round * batches.length + i) % 10 === 1)
        await db.execute(sql`ANALYZE byline.fingerprint_keys, byline.article_fingerprints`);
      // Beyond this many, memory is not worth it: the rest is matched through the index.
      if (run.only && (run.index.size >= RUN_INDEX_MAX || run.index.chars >= RUN_INDEX_MAX_CHARS))
        run = { index: new RunIndex(), only: false };
      const current = prepared;
      // Through the index, only the batch itself is kept in memory.
      const matches = await matchBatch(
        db,
        current,
        run.only ? run : { index: new RunIndex(), only: false },
      );
      writing = writeBatch(db, current, matches).then(() => {
        done += current.batch.length;
        onProgress?.(done);
      });
      // The write's first statement goes out before the next batch's CPU work starts.
      await new Promise((r) => setImmediate(r));
      if (i + 1 < batches.length) prepared = await prepareBatch(batches[i + 1]!);
    }
    await writing;
  }
  return done;
}
