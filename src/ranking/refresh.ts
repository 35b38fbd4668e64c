/**
 * Recomputes the 热榜: candidates (published in the last week) with their
 * engagement over the last three days → hotScore → near-duplicate titles
 * collapsed to the earliest → top 50 overall and per channel → hot_list,
 * replaced in one transaction. Runs every minute (jobs/registry.ts).
 */
import { siteDay } from '../shared/time-zone.js';
import { eq, lt, max, sql } from 'drizzle-orm';
import { listPublishedBetween } from '../articles/index.js';
import { listChannels } from '../channels/index.js';
import type { Queryable } from '../db/client.js';
import { sumEngagementSince } from '../engagement/index.js';
import { hotList, hotRankHistory } from './schema.js';
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
/** Days of daily lists kept for trends (only the previous day is compared; a week helps debugging). */
export const HOT_HISTORY_DAYS = 7;

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
  articleLikes: number;
}

export interface Ranked {
  readonly id: string;
  readonly channel: string;
  readonly score: number;
  readonly components: HotScore['components'];
}

/** Pure ranking of candidates: scored, duplicates collapsed to the earliest, best first. */
export function rankCandidates(candidates: readonly Candidate[], now: Date): Ranked[] {
  const byKey = new Map<string, Candidate>();
  for (const c of [...candidates].sort(
    (a, b) => Date.parse(a.published_at) - Date.parse(b.published_at) || a.id.localeCompare(b.id),
  )) {
    // ~17 µs a title (7,000 candidates: 0.1 s a minute), not worth a cache to keep.
    const key = titleKey(toSimplified(c.title));
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
    earliest.articleLikes += c.articleLikes;
  }
  return [...byKey.values()]
    .map((c) => {
      const s = hotScore({
        visitors: c.visitors,
        shares: c.shares,
        comments: c.comments,
        likes: c.likes,
        articleLikes: c.articleLikes,
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
  const today = siteDay(now);
  const firstDay = siteDay(now.getTime() - (ENGAGEMENT_WINDOW_DAYS - 1) * DAY_MS);
  const published = await listPublishedBetween(db, since, now);
  const [engagement, channels, baseline] = await Promise.all([
    sumEngagementSince(
      db,
      firstDay,
      published.map((a) => a.id),
      today,
    ),
    listChannels(db),
    previousDayRanks(db, today),
  ]);
  const slugOf = new Map(channels.map((c) => [c.id, c.slug]));
  const candidates: Candidate[] = published.map((a) => {
    const e = engagement.get(a.id);
    return {
      id: a.id,
      title: a.title,
      channel: slugOf.get(a.channelId) ?? '',
      published_at: a.publishedAt.toISOString(),
      visitors: e?.visitors ?? 0,
      shares: e?.shares ?? 0,
      comments: e?.comments ?? 0,
      likes: e?.likes ?? 0,
      articleLikes: e?.articleLikes ?? 0,
    };
  });
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
      previousRank: baseline?.get(`${scope} ${r.id}`) ?? null,
      hasBaseline: baseline !== undefined,
    })),
  );
  const history = rows.map((r) => ({
    day: today,
    scope: r.scope,
    articleId: r.articleId,
    rank: r.rank,
  }));
  await db.transaction(async (tx) => {
    // Two recomputes at once (the job is one-per-cluster; a tool may run it too) replace the
    // list one after the other, never interleaved into duplicate ranks.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('byline.hot_list'))`);
    await tx.delete(hotList);
    for (let i = 0; i < rows.length; i += INSERT_BATCH)
      await tx.insert(hotList).values(rows.slice(i, i + INSERT_BATCH));
    // Today's list so far is the baseline of tomorrow's trends.
    await tx.delete(hotRankHistory).where(eq(hotRankHistory.day, today));
    for (let i = 0; i < history.length; i += INSERT_BATCH)
      await tx.insert(hotRankHistory).values(history.slice(i, i + INSERT_BATCH));
    await tx
      .delete(hotRankHistory)
      .where(lt(hotRankHistory.day, siteDay(now.getTime() - HOT_HISTORY_DAYS * DAY_MS)));
  });
  return { candidates: candidates.length, lists: lists.size };
}

/**
 * Ranks on the last list of the latest site day before `today`, keyed
 * `scope articleId`; undefined when no earlier day was recorded.
 */
async function previousDayRanks(
  db: Queryable,
  today: string,
): Promise<Map<string, number> | undefined> {
  const [latest] = await db
    .select({ day: max(hotRankHistory.day) })
    .from(hotRankHistory)
    .where(lt(hotRankHistory.day, today));
  if (!latest?.day) return undefined;
  const rows = await db
    .select({
      scope: hotRankHistory.scope,
      articleId: hotRankHistory.articleId,
      rank: hotRankHistory.rank,
    })
    .from(hotRankHistory)
    .where(eq(hotRankHistory.day, latest.day));
  return new Map(rows.map((r) => [`${r.scope} ${r.articleId}`, r.rank]));
}
