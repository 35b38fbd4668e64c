/**
 * Originality checks: candidates from the fingerprint index (keys.ts) and
 * from a bulk run's own articles (run-index.ts), verified by exact shingle
 * comparison against the candidates' published texts (read from the
 * articles domain).
 */
import { inArray } from 'drizzle-orm';
import { getArticleTexts } from '../articles/index.js';
import type { Queryable } from '../db/client.js';
import { fingerprint, matchingPassages, type Fingerprint } from '../text/index.js';
import { indexCandidates } from './keys.js';
import { matchShingles, textShingles, type MatchDecision } from './match.js';
import { RunIndex, type PendingArticle } from './run-index.js';
import { articleFingerprints } from './schema.js';

/** A passage is reported when this share of its shingles is in the original. */
const PASSAGE_MIN_SHARE = 0.6;

export interface OriginalityMatch extends MatchDecision {
  readonly originalId: string;
  readonly originalTitle: string;
  readonly originalAuthorId: string;
  readonly originalPublishedAt: Date;
  readonly sameAuthor: boolean;
  readonly passages: { passage: string; share: number }[];
}

/**
 * Earlier published articles that this text copies (or that copy it),
 * verified. `excludeId` is the article itself; `before` limits to articles
 * first published before that time (the originals).
 */
export async function findCopies(
  db: Queryable,
  text: { title: string; body: string; authorId: string },
  options: { excludeId?: string; before?: Date } = {},
): Promise<{ fingerprint: Fingerprint; matches: OriginalityMatch[] }> {
  const fp = fingerprint(text.title, text.body);
  // A new text has no id yet: any placeholder that is not an article id (12 characters) will do.
  const self = options.excludeId ?? 'new';
  const worth = ((await indexCandidates(db, [{ id: self, fp }])).get(self) ?? []).map((h) => h.id);
  const candidates = await loadCandidates(db, worth, options.before);
  const matches: OriginalityMatch[] = [];
  for (const c of candidates) {
    const decision = matchShingles(fp.shingles, textShingles(c));
    if (!decision.isCopy) continue;
    matches.push({
      ...decision,
      originalId: c.id,
      originalTitle: c.title,
      originalAuthorId: c.authorId,
      originalPublishedAt: c.firstPublished,
      sameAuthor: c.authorId === text.authorId,
      passages: matchingPassages(text.body, `${c.title}\n${c.body}`, PASSAGE_MIN_SHARE),
    });
  }
  matches.sort(
    (a, b) => b.containment + b.reverseContainment - (a.containment + a.reverseContainment),
  );
  return { fingerprint: fp, matches };
}

/** A batch with its fingerprints computed (pure CPU, no database). */
export interface PreparedBatch {
  readonly batch: readonly PendingArticle[];
  readonly prints: ReadonlyMap<string, Fingerprint>;
}

/** Fingerprints of a batch, yielding now and then so queries in flight keep moving. */
export async function prepareBatch(batch: readonly PendingArticle[]): Promise<PreparedBatch> {
  const prints = new Map<string, Fingerprint>();
  for (const [i, a] of batch.entries()) {
    if (i % 16 === 15) await new Promise((r) => setImmediate(r));
    prints.set(a.id, fingerprint(a.title, a.body));
  }
  return { batch, prints };
}

/**
 * The verified matches of each article of a batch: candidates from the
 * index (one query for the whole batch, unless `run.only`) and from the
 * articles of this run before it, in memory (copies imported together with
 * their original), verified by exact shingle comparison.
 */
export async function matchBatch(
  db: Queryable,
  { batch, prints }: PreparedBatch,
  run: { index: RunIndex; only: boolean } = { index: new RunIndex(), only: false },
): Promise<Map<string, OriginalityMatch[]>> {
  const bySource = run.only
    ? new Map<string, { id: string; hits: number }[]>()
    : await indexCandidates(
        db,
        batch.map((a) => ({ id: a.id, fp: prints.get(a.id)! })),
      );
  const candidateIds = [...new Set([...bySource.values()].flat().map((h) => h.id))];
  const candidates = new Map((await loadCandidates(db, candidateIds)).map((c) => [c.id, c]));
  const shingleCache = new Map<string, ReadonlySet<number>>();
  const matchesOf = new Map<string, OriginalityMatch[]>();
  for (const a of batch) {
    const fp = prints.get(a.id)!;
    const others = new Map<
      string,
      {
        id: string;
        title: string;
        body: string;
        authorId: string;
        firstPublished: Date;
        shingles?: ReadonlySet<number>;
      }
    >();
    for (const h of bySource.get(a.id) ?? []) {
      const c = candidates.get(h.id);
      if (!c || c.firstPublished >= a.firstPublished) continue;
      others.set(c.id, c);
    }
    for (const other of run.index.candidates(a, fp))
      if (!others.has(other.article.id))
        others.set(other.article.id, { ...other.article, shingles: other.fp.shingles });
    run.index.add(a, fp);
    const found: OriginalityMatch[] = [];
    for (const c of others.values()) {
      let other = c.shingles ?? shingleCache.get(c.id);
      if (!other) shingleCache.set(c.id, (other = textShingles(c)));
      const decision = matchShingles(fp.shingles, other);
      if (!decision.isCopy) continue;
      found.push({
        ...decision,
        originalId: c.id,
        originalTitle: c.title,
        originalAuthorId: c.authorId,
        originalPublishedAt: c.firstPublished,
        sameAuthor: c.authorId === a.authorId,
        passages: matchingPassages(a.body, `${c.title}\n${c.body}`, PASSAGE_MIN_SHARE),
      });
    }
    matchesOf.set(a.id, found);
  }
  return matchesOf;
}

/**
 * The published texts behind candidate ids, with their first-publish times
 * from the receipts (two queries): what verification needs.
 */
async function loadCandidates(db: Queryable, ids: readonly string[], before?: Date) {
  if (ids.length === 0) return [];
  const firsts = new Map(
    (
      await db
        .select({ id: articleFingerprints.articleId, first: articleFingerprints.firstPublishedAt })
        .from(articleFingerprints)
        .where(inArray(articleFingerprints.articleId, [...ids]))
    ).map((r) => [r.id, r.first]),
  );
  const texts = await getArticleTexts(db, [...firsts.keys()]);
  return texts.flatMap((t) => {
    const first = firsts.get(t.id);
    if (t.status !== 'published' || !first || (before && first >= before)) return [];
    return [
      { id: t.id, title: t.title, body: t.bodySource, authorId: t.authorId, firstPublished: first },
    ];
  });
}
