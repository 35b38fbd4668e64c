/**
 * Recomputes the 热榜: candidates (published in the last week) with their
 * engagement over the last three days → hotScore → near-duplicate titles
 * collapsed to the earliest → top 50 overall and per channel → hot_list,
 * replaced in one transaction. Runs every minute (jobs/registry.ts).
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { rowsOf } from '../db/client.js';
import { hotList } from '../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { toSimplified } from '../text/index.js';
import {
  CANDIDATE_MAX_AGE_DAYS,
  ENGAGEMENT_WINDOW_DAYS,
  hotScore,
  titleKey,
  type HotScore,
} from './hot-score.js';

/** Items kept per list (global and per channel). */
export const HOT_LIST_SIZE = 50;
/** Rows per insert statement when writing the list. */
const INSERT_BATCH = 500;

const DAY_MS = 86_400_000;

interface Candidate {
  id: string;
  title: string;
  channel: string;
  published_at: string;
  visitors: number;
  shares: number;
  comments: number;
  likes: number;
}

export interface Ranked {
  readonly id: string;
  readonly channel: string;
  readonly score: number;
  readonly components: HotScore['components'];
}

/** Titles rarely change and the job runs every minute: remember their keys (bounded). */
const TITLE_KEY_CACHE_MAX = 200_000;
const titleKeys = new Map<string, string>();

function cachedTitleKey(title: string): string {
  let key = titleKeys.get(title);
  if (key === undefined) {
    key = titleKey(toSimplified(title));
    if (titleKeys.size >= TITLE_KEY_CACHE_MAX) titleKeys.clear();
    titleKeys.set(title, key);
  }
  return key;
}

/** Pure ranking of candidates: scored, duplicates collapsed to the earliest, best first. */
export function rankCandidates(candidates: readonly Candidate[], now: Date): Ranked[] {
  const byKey = new Map<string, Candidate>();
  for (const c of [...candidates].sort(
    (a, b) => Date.parse(a.published_at) - Date.parse(b.published_at) || a.id.localeCompare(b.id),
  )) {
    const key = cachedTitleKey(c.title);
    const earliest = byKey.get(key);
    if (!earliest) {
      byKey.set(key, { ...c });
      continue;
    }
    // CASE: the same story re-posted — its engagement adds to the earliest copy, which alone is listed.
    earliest.visitors += c.visitors;
    earliest.shares += c.shares;
    earliest.comments += c.comments;
    earliest.likes += c.likes;
  }
  return [...byKey.values()]
    .map((c) => {
      const s = hotScore({
        visitors: c.visitors,
        shares: c.shares,
        comments: c.comments,
        likes: c.likes,
        ageHours: (now.getTime() - Date.parse(c.published_at)) / 3_600_000,
      });
      return {
        id: c.id,
        channel: c.channel,
        score: s.score,
        components: s.components,
        published: Date.parse(c.published_at),
      };
    })
    .sort((a, b) => b.score - a.score || b.published - a.published || a.id.localeCompare(b.id))
    .map(({ published: _p, ...r }) => r);
}

export async function refreshHotLists(
  db: Queryable,
  clock: Clock,
): Promise<{ candidates: number; lists: number }> {
  const now = clock.now();
  const since = new Date(now.getTime() - CANDIDATE_MAX_AGE_DAYS * DAY_MS);
  const firstDay = new Date(now.getTime() - (ENGAGEMENT_WINDOW_DAYS - 1) * DAY_MS)
    .toISOString()
    .slice(0, 10);
  const candidates = rowsOf<Candidate>(
    await db.execute(sql`
      SELECT a.id, a.title, c.slug AS channel, a.published_at::text AS published_at,
             coalesce(e.visitors, 0)::int AS visitors, coalesce(e.shares, 0)::int AS shares,
             coalesce(e.comments, 0)::int AS comments, coalesce(e.likes, 0)::int AS likes
      FROM byline.articles a
      JOIN byline.channels c ON c.id = a.channel_id
      LEFT JOIN LATERAL (
        SELECT sum(visitors) AS visitors, sum(shares) AS shares, sum(comments) AS comments, sum(likes) AS likes
        FROM byline.article_daily d WHERE d.article_id = a.id AND d.day >= ${firstDay}
      ) e ON true
      WHERE a.status = 'published' AND a.published_at >= ${since.toISOString()}::timestamptz
        AND a.published_at <= ${now.toISOString()}::timestamptz`),
  );
  const ranked = rankCandidates(candidates, now);
  const lists = new Map<string, Ranked[]>([['all', ranked.slice(0, HOT_LIST_SIZE)]]);
  for (const r of ranked) {
    const list = lists.get(r.channel) ?? [];
    if (list.length < HOT_LIST_SIZE) list.push(r);
    lists.set(r.channel, list);
  }
  const rows = [...lists].flatMap(([scope, items]) =>
    items.map((r, i) => ({
      scope,
      rank: i + 1,
      articleId: r.id,
      score: r.score,
      components: { ...r.components },
      computedAt: now,
    })),
  );
  await db.transaction(async (tx) => {
    await tx.delete(hotList);
    for (let i = 0; i < rows.length; i += INSERT_BATCH)
      await tx.insert(hotList).values(rows.slice(i, i + INSERT_BATCH));
  });
  return { candidates: candidates.length, lists: lists.size };
}
