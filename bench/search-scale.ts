/**
 * Search and 相关推荐 at scale (issue 6): the corpus is scaled up by
 * deterministic recombination — article k joins the first half of corpus
 * article k mod N with the second half of another, chosen by k — bulk-inserted,
 * then indexed and related lists computed, timing each; then search and the
 * related lookup are timed for a deterministic sample of queries.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { seedBenchAuthors } from './fixtures.js';
import { DEMO_CORPUS_URL } from '../src/cli/seed.js';
import type { Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { computeAllRelated, listRelatedArticles } from '../src/recommend/index.js';
import { indexAll, searchArticles } from '../src/search/index.js';
import { Segmenter } from '../src/text/index.js';

interface CorpusLine {
  id: string;
  title: string;
  body: string;
  channel: string;
}

/** Queries timed per kind; enough for a stable p99. */
const QUERIES_PER_KIND = 100;
/** Related lookups timed. */
const RELATED_LOOKUPS = 500;
/** Rows per bulk insert statement. */
const INSERT_CHUNK = 2_000;

function halves(body: string): [string, string] {
  const middle = Math.floor(body.length / 2);
  const cut = body.indexOf('。', middle);
  const at = cut > 0 && cut < body.length - 1 ? cut + 1 : middle;
  return [body.slice(0, at), body.slice(at)];
}

/**
 * A 4-character piece of a body's k-th long Han run, cut 1–3 characters in
 * (deterministic, so rarely at a word boundary): what a reader half remembers.
 */
export function bodyFragment(body: string, k: number): string {
  const runs = [...body.matchAll(/\p{Script=Han}{8,}/gu)].map((m) => Array.from(m[0]));
  if (runs.length === 0) return '历史';
  const run = runs[k % runs.length]!;
  const start = 1 + (k % Math.min(3, run.length - 5));
  return run.slice(start, start + 4).join('');
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function timeEach(n: number, fn: (i: number) => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), n };
}

export interface ScaleFigures {
  engine: string;
  articles: number;
  insertSeconds: number;
  indexPerSecond: number;
  relatedPerSecond: number;
  searchTitle: { p50: number; p99: number; n: number };
  searchWords: { p50: number; p99: number; n: number };
  searchLatin: { p50: number; p99: number; n: number };
  searchFragment: { p50: number; p99: number; n: number };
  searchTwoFragments: { p50: number; p99: number; n: number };
  relatedLookup: { p50: number; p99: number; n: number };
}

/** Migrates and fills a fresh database with `articles` recombined corpus articles; returns sample titles. */
export async function buildScaledCorpus(
  db: Database['db'],
  articles: number,
): Promise<{ titles: string[]; corpus: CorpusLine[]; insertSeconds: number }> {
  await migrate(db);
  const corpus = readFileSync(DEMO_CORPUS_URL, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as CorpusLine);
  const n = corpus.length;
  const authors = await seedBenchAuthors(db);
  const t0 = performance.now();
  const titles: string[] = [];
  for (let start = 0; start < articles; start += INSERT_CHUNK) {
    const rows = [];
    for (let k = start; k < Math.min(articles, start + INSERT_CHUNK); k++) {
      const a = corpus[k % n]!;
      const round = Math.floor(k / n);
      const b = corpus[((k % n) + 1 + ((round * 37) % (n - 1))) % n]!;
      const body = round === 0 ? a.body : halves(a.body)[0] + halves(b.body)[1];
      const title = round === 0 ? a.title : `${a.title}·${b.title}`.slice(0, 60);
      if (k < 2_000) titles.push(title);
      rows.push({
        id: `b${String(k).padStart(11, '0')}`,
        author: authors[k % authors.length],
        channel: 1 + (k % 11),
        title,
        body,
        minutes: k % 43_200,
      });
    }
    await db.execute(sql`
      INSERT INTO byline.articles (id, author_id, channel_id, title, summary, body_format, body_source, body_html, status, published_at)
      SELECT x.id, x.author::uuid, x.channel, x.title, '', 'text', x.body, '<p>' || x.id || '</p>', 'published',
             now() - (x.minutes || ' minutes')::interval
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS x(id text, author text, channel int, title text, body text, minutes int)`);
  }
  await db.execute(
    sql`INSERT INTO byline.article_stats (article_id) SELECT id FROM byline.articles`,
  );
  const insertSeconds = (performance.now() - t0) / 1000;
  await db.execute(sql`ANALYZE`);
  return { titles, corpus, insertSeconds };
}

export async function searchAtScale(
  database: Database,
  articles: number,
  options: { related: boolean } = { related: true },
): Promise<ScaleFigures> {
  const db = database.db;
  const { titles, corpus, insertSeconds } = await buildScaledCorpus(db, articles);
  const n = corpus.length;

  let t = performance.now();
  const segmenter = new Segmenter();
  const indexed = await indexAll(db, segmenter);
  const indexPerSecond = indexed / ((performance.now() - t) / 1000);
  await db.execute(sql`ANALYZE`);
  let relatedPerSecond = NaN;
  if (options.related) {
    t = performance.now();
    const related = await computeAllRelated(db);
    relatedPerSecond = related / ((performance.now() - t) / 1000);
    await db.execute(sql`ANALYZE`);
  }

  // Deterministic samples: every k-th title; two words from bodies; Latin/number queries.
  const sampleTitles = Array.from(
    { length: QUERIES_PER_KIND },
    (_, i) => titles[(i * 19) % titles.length]!,
  );
  const wordQueries = Array.from({ length: QUERIES_PER_KIND }, (_, i) => {
    const words = segmenter
      .queryTokens(corpus[(i * 31) % n]!.body)
      .filter((w) => Array.from(w).length >= 2);
    return words.slice(5, 7).join(' ') || '历史';
  });
  const latin = ['GPU', 'OpenAI', '2026', 'iPhone', 'NBA', 'DNA', 'BBC', '1990', 'Linux', 'CPU'];
  const fragments = Array.from({ length: QUERIES_PER_KIND }, (_, i) =>
    bodyFragment(corpus[(i * 31) % n]!.body, i),
  );
  const twoFragments = Array.from(
    { length: QUERIES_PER_KIND },
    (_, i) =>
      `${bodyFragment(corpus[(i * 37) % n]!.body, i)} ${bodyFragment(corpus[(i * 37) % n]!.body, i + 7)}`,
  );
  const search = (q: string) => searchArticles(db, segmenter, q, { page: 1 });
  // A serving process is warm: plans and catalogs cached before the timed queries.
  for (const q of ['历史', '中国', 'GPU', titles[0]!, titles[1]!]) await search(q);
  const searchTitle = await timeEach(QUERIES_PER_KIND, (i) => search(sampleTitles[i]!));
  const searchWords = await timeEach(QUERIES_PER_KIND, (i) => search(wordQueries[i]!));
  const searchLatin = await timeEach(QUERIES_PER_KIND, (i) => search(latin[i % latin.length]!));
  const searchFragment = await timeEach(QUERIES_PER_KIND, (i) => search(fragments[i]!));
  const searchTwoFragments = await timeEach(QUERIES_PER_KIND, (i) => search(twoFragments[i]!));
  const ids = Array.from(
    { length: RELATED_LOOKUPS },
    (_, i) => `b${String((i * 7919) % articles).padStart(11, '0')}`,
  );
  const channelOf = (id: string) => 1 + (Number(id.slice(1)) % 11);
  const relatedLookup = await timeEach(options.related ? RELATED_LOOKUPS : 0, (i) =>
    listRelatedArticles(db, { id: ids[i]!, title: '', channelId: channelOf(ids[i]!) }),
  );
  return {
    engine: database.kind,
    articles,
    insertSeconds,
    indexPerSecond,
    relatedPerSecond,
    searchTitle,
    searchWords,
    searchLatin,
    searchFragment,
    searchTwoFragments,
    relatedLookup,
  };
}
