/**
 * 原创保护 at scale (issue 7). Recombining corpus halves (as the search bench
 * does) would make every article a partial copy of a hundred others, so here
 * the corpus feeds a word-bigram model and 100,000 new articles are generated
 * from it with a seeded RNG: Chinese text with the corpus's vocabulary and
 * little accidental overlap, like a real site. Then every article is
 * fingerprinted (rate), and originality checks are timed for copies
 * (Traditional, with pinyin) of random articles and for fresh texts.
 */
import { seededRandom } from '../test/rng.js';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { seedBenchAuthors } from './fixtures.js';
import { DEMO_CORPUS_URL } from '../src/cli/seed.js';
import type { Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { findCopies, fingerprintAll } from '../src/originality/index.js';
import { Segmenter, toTraditional } from '../src/text/index.js';

const segmenter = new Segmenter();
import { percentile } from './search-scale.js';

const INSERT_CHUNK = 2_000;
/** Articles added to the fingerprinted site for the second rate. */
const ADDED = 2_000;
const CHECKS = 500;

/** A word-bigram model of the corpus and a generator of articles from it. */
function textModel() {
  const corpus = readFileSync(DEMO_CORPUS_URL, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { body: string });
  const next = new Map<string, string[]>();
  const starts: string[] = [];
  for (const { body } of corpus) {
    const words = segmenter.queryTokens(body);
    if (words[0]) starts.push(words[0]);
    for (let i = 0; i + 1 < words.length; i++) {
      const list = next.get(words[i]!) ?? [];
      list.push(words[i + 1]!);
      next.set(words[i]!, list);
    }
  }
  return (seed: number) => {
    const r = seededRandom(seed);
    let word = starts[Math.floor(r() * starts.length)]!;
    const length = 250 + Math.floor(r() * 300);
    let text = '';
    let sinceStop = 0;
    for (let i = 0; i < length; i++) {
      text += word;
      sinceStop++;
      if (sinceStop > 6 && r() < 0.12) {
        text += r() < 0.6 ? '，' : '。';
        sinceStop = 0;
      }
      if (r() < 0.02) text += '\n\n';
      const options = next.get(word);
      word = options?.length
        ? options[Math.floor(r() * options.length)]!
        : starts[Math.floor(r() * starts.length)]!;
    }
    return { title: Array.from(text.replace(/\s/g, '')).slice(0, 12).join(''), body: `${text}。` };
  };
}

export interface OriginalityFigures {
  engine: string;
  articles: number;
  /** A site fingerprinted for the first time (first start, an import into a new site). */
  fingerprintPerSecond: number;
  /** Articles added to a fingerprinted site (an import into it), matched through the index. */
  addedPerSecond: number;
  added: number;
  copyCheck: { p50: number; p99: number; n: number; caught: number };
  freshCheck: { p50: number; p99: number; n: number; flagged: number };
}

export async function originalityAtScale(
  database: Database,
  articles: number,
): Promise<OriginalityFigures> {
  const db = database.db;
  await migrate(db);
  const generate = textModel();
  const authors = await seedBenchAuthors(db);
  const insert = async (from: number, to: number) => {
    for (let start = from; start < to; start += INSERT_CHUNK) {
      const rows = [];
      for (let k = start; k < Math.min(to, start + INSERT_CHUNK); k++) {
        const { title, body } = generate(k);
        rows.push({
          id: `o${String(k).padStart(11, '0')}`,
          author: authors[k % authors.length],
          channel: 1 + (k % 11),
          title,
          body,
          minutes: to - k,
        });
      }
      await db.execute(sql`
        INSERT INTO byline.articles (id, author_id, channel_id, title, summary, body_format, body_source, body_html, status, published_at)
        SELECT x.id, x.author::uuid, x.channel, x.title, '', 'text', x.body, '<p>' || x.id || '</p>', 'published',
               now() - (x.minutes || ' minutes')::interval
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          AS x(id text, author text, channel int, title text, body text, minutes int)`);
    }
    await db.execute(sql`ANALYZE`);
  };
  await insert(0, articles);
  let t = performance.now();
  const n = await fingerprintAll(db);
  const fingerprintPerSecond = n / ((performance.now() - t) / 1000);
  // An import into the site as it now is: the new articles are matched through the index.
  const added = Math.min(ADDED, Math.max(500, Math.floor(articles / 2)));
  await insert(articles, articles + added);
  t = performance.now();
  const m = await fingerprintAll(db);
  const addedPerSecond = m / ((performance.now() - t) / 1000);
  await db.execute(sql`ANALYZE`);

  const r = seededRandom(99);
  const copyTimes: number[] = [];
  let caught = 0;
  for (let i = 0; i < CHECKS; i++) {
    const k = Math.floor(r() * articles);
    const source = generate(k);
    const copy = {
      title: toTraditional(source.title),
      body: toTraditional(source.body).replace(/(\p{Script=Han})/u, '$1(zhōng)'),
      authorId: authors[(k + 1) % authors.length]!,
    };
    t = performance.now();
    const found = await findCopies(db, copy);
    copyTimes.push(performance.now() - t);
    if (found.matches.some((m) => m.originalId === `o${String(k).padStart(11, '0')}`)) caught++;
  }
  const freshTimes: number[] = [];
  let flagged = 0;
  for (let i = 0; i < CHECKS; i++) {
    const fresh = generate(10_000_000 + i);
    t = performance.now();
    const found = await findCopies(db, { ...fresh, authorId: authors[0]! });
    freshTimes.push(performance.now() - t);
    if (found.matches.length > 0) flagged++;
  }
  copyTimes.sort((a, b) => a - b);
  freshTimes.sort((a, b) => a - b);
  return {
    engine: database.kind,
    articles,
    fingerprintPerSecond,
    addedPerSecond,
    added,
    copyCheck: {
      p50: percentile(copyTimes, 50),
      p99: percentile(copyTimes, 99),
      n: CHECKS,
      caught,
    },
    freshCheck: {
      p50: percentile(freshTimes, 50),
      p99: percentile(freshTimes, 99),
      n: CHECKS,
      flagged,
    },
  };
}
