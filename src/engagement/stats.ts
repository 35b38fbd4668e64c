import { SITE_OFFSET, siteDaysEnding } from '../shared/time-zone.js';
import { and, gte, inArray, sql } from 'drizzle-orm';
import { listArticleIdsOfAuthor } from '../articles/index.js';
import { countNewFollowersByDay } from '../creators/index.js';
import type { Queryable } from '../db/client.js';
import { articleDaily } from './schema.js';
import type { Clock } from '../shared/clock.js';

/** Days shown in the studio's daily statistics. */
export const STATS_DAYS = 30;

export interface DailyStats {
  readonly day: string;
  readonly views: number;
  readonly shares: number;
  readonly comments: number;
  readonly followers: number;
}

/** A creator's engagement per day for the last STATS_DAYS days (zero-filled), in two queries. */
export async function creatorDailyStats(
  db: Queryable,
  clock: Clock,
  creatorId: string,
): Promise<DailyStats[]> {
  const end = clock.now();
  const days = siteDaysEnding(end, STATS_DAYS);
  const first = days[0]!;
  const ids = await listArticleIdsOfAuthor(db, creatorId);
  const engagement = ids.length
    ? await db
        .select({
          day: articleDaily.day,
          views: sql<number>`sum(${articleDaily.views})::int`,
          shares: sql<number>`sum(${articleDaily.shares})::int`,
          comments: sql<number>`sum(${articleDaily.comments})::int`,
        })
        .from(articleDaily)
        .where(and(inArray(articleDaily.articleId, ids), gte(articleDaily.day, first)))
        .groupBy(articleDaily.day)
    : [];
  const f = await countNewFollowersByDay(
    db,
    creatorId,
    new Date(`${first}T00:00:00${SITE_OFFSET}`),
  );
  const e = new Map(engagement.map((r) => [r.day, r]));
  return days.map((day) => ({
    day,
    views: e.get(day)?.views ?? 0,
    shares: e.get(day)?.shares ?? 0,
    comments: e.get(day)?.comments ?? 0,
    followers: f.get(day) ?? 0,
  }));
}
