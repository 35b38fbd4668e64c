/**
 * The fingerprint key index (fingerprint_keys): the keys an article is found
 * by, candidates sharing keys with a text (indexed lookups, never a scan),
 * and removing an article's keys.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '../db/client.js';
import { hammingDistance, lshKeys, type Fingerprint } from '../text/index.js';
import { estimateJaccard, worthVerifying } from './match.js';

/** SimHash candidates farther than this many bits apart are different documents. */
export const SIMHASH_MAX_DISTANCE = 3;
/** Candidates verified per check, most shared keys first: a copy shares many, noise a few. */
const CANDIDATES_VERIFIED = 40;

export const KEY_KIND = { simhash: 1, lsh: 2, sentence: 3 } as const;

/**
 * The keys an article is found by: its MinHash LSH bands and sentence
 * hashes. SimHash bands are not indexed: on real text their values are far
 * from uniform (measured: each 16-bit band value shared by ~90 of 3,000
 * articles), so the band lookups returned seven times more rows than every
 * other key together — and a document within 3 SimHash bits of another
 * shares most of its shingles, so LSH or its sentences find it anyway. The
 * SimHash still decides which candidates are worth verifying.
 */
export function keysOf(
  fp: Pick<Fingerprint, 'lshKeys' | 'sentenceHashes'>,
): { kind: number; key: number }[] {
  return [
    ...fp.lshKeys.map((key, band) => ({ kind: KEY_KIND.lsh, key: band * 4294967296 + key })),
    ...fp.sentenceHashes.map((key) => ({ kind: KEY_KIND.sentence, key })),
  ];
}

/**
 * Index keys of many texts as array literals ({1,2,3}): far cheaper for the
 * server to parse than JSON for ~10k rows. Article ids are [a-z0-9] only, so
 * they need no quoting inside the literal.
 */
export function keyLiterals(
  sources: readonly { id: string; fp: Pick<Fingerprint, 'lshKeys' | 'sentenceHashes'> }[],
) {
  const rows = sources.flatMap((s) => keysOf(s.fp).map((k) => ({ src: s, ...k })));
  return {
    src: `{${rows.map((k) => k.src.id).join(',')}}`,
    kind: `{${rows.map((k) => k.kind).join(',')}}`,
    key: `{${rows.map((k) => k.key).join(',')}}`,
  };
}

/**
 * Index candidates of each source (one query for all): articles sharing keys,
 * pruned to those worth an exact comparison, most shared keys first, at most
 * CANDIDATES_VERIFIED each. A source never matches itself (its id is excluded).
 */
export async function indexCandidates(
  db: Queryable,
  sources: readonly { id: string; fp: Fingerprint }[],
): Promise<Map<string, { id: string; hits: number }[]>> {
  const keyArrays = keyLiterals(sources);
  const allHits = rowsOf<{
    src: string;
    id: string;
    hits: number;
    sentences: number;
    simhash: string;
    minhash: number[] | null;
  }>(
    await db.execute(sql`
      WITH x AS MATERIALIZED (
        SELECT * FROM unnest(${keyArrays.src}::text[], ${keyArrays.kind}::smallint[], ${keyArrays.key}::bigint[])
          AS x(src, kind, key)
      ),
      h AS (
        SELECT x.src, k.article_id AS id, count(*)::int AS hits,
               count(*) FILTER (WHERE x.kind = ${KEY_KIND.sentence})::int AS sentences
        FROM x CROSS JOIN LATERAL (
          SELECT article_id FROM byline.fingerprint_keys k
          WHERE k.kind = x.kind AND k.key = x.key AND k.article_id <> x.src
        ) k
        GROUP BY x.src, k.article_id
      )
      SELECT h.*, f.simhash::text AS simhash,
             -- the MinHash only where it decides: candidates with nothing but LSH bands
             CASE WHEN h.sentences = 0 THEN f.minhash END AS minhash
      FROM h JOIN byline.article_fingerprints f ON f.article_id = h.id`),
  );
  const fpOf = new Map(sources.map((s) => [s.id, s.fp]));
  const bySource = new Map<string, { id: string; hits: number }[]>();
  for (const h of allHits) {
    const fp = fpOf.get(h.src)!;
    const worth = worthVerifying({
      sentenceHits: h.sentences,
      simhashNear: hammingDistance(BigInt(h.simhash), fp.simhash) <= SIMHASH_MAX_DISTANCE,
      estimatedJaccard: h.minhash ? estimateJaccard(fp.minhash, h.minhash) : 0,
    });
    if (!worth) continue;
    const list = bySource.get(h.src) ?? [];
    list.push({ id: h.id, hits: h.hits });
    bySource.set(h.src, list);
  }
  for (const list of bySource.values()) {
    list.sort((x, y) => y.hits - x.hits || (x.id < y.id ? -1 : 1));
    list.length = Math.min(list.length, CANDIDATES_VERIFIED);
  }
  return bySource;
}

/**
 * Removes articles' rows from the key index. They are found through the
 * stored fingerprints (MinHash → LSH keys, and the sentence hashes), by the
 * index's own primary key: the table keeps no second index by article.
 */
export async function deleteIndexedKeys(tx: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const stored = rowsOf<{ article_id: string; minhash: number[]; sentence_hashes: number[] }>(
    await tx.execute(sql`
      SELECT article_id, minhash, sentence_hashes FROM byline.article_fingerprints
      WHERE article_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`),
  );
  if (stored.length === 0) return;
  const keys = keyLiterals(
    stored.map((r) => ({
      id: r.article_id,
      fp: { lshKeys: lshKeys(r.minhash), sentenceHashes: r.sentence_hashes },
    })),
  );
  await tx.execute(sql`
    DELETE FROM byline.fingerprint_keys k
    USING unnest(${keys.src}::text[], ${keys.kind}::smallint[], ${keys.key}::bigint[]) AS x(src, kind, key)
    WHERE k.kind = x.kind AND k.key = x.key AND k.article_id = x.src`);
}
