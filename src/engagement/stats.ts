import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { rowsOf } from '../db/client.js';
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
  const days = Array.from({ length: STATS_DAYS }, (_, i) =>
    new Date(end.getTime() - (STATS_DAYS - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
  const first = days[0]!;
  const engagement = rowsOf<{ day: string; views: number; shares: number; comments: number }>(
    await db.execute(sql`
      SELECT d.day, sum(d.views)::int AS views, sum(d.shares)::int AS shares, sum(d.comments)::int AS comments
      FROM byline.article_daily d JOIN byline.articles a ON a.id = d.article_id
      WHERE a.author_id = ${creatorId} AND d.day >= ${first}
      GROUP BY d.day`),
  );
  const follows = rowsOf<{ day: string; n: number }>(
    await db.execute(sql`
      SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS n
      FROM byline.follows WHERE creator_id = ${creatorId} AND created_at >= ${`${first}T00:00:00Z`}::timestamptz
      GROUP BY 1`),
  );
  const e = new Map(engagement.map((r) => [r.day, r]));
  const f = new Map(follows.map((r) => [r.day, r.n]));
  return days.map((day) => ({
    day,
    views: e.get(day)?.views ?? 0,
    shares: e.get(day)?.shares ?? 0,
    comments: e.get(day)?.comments ?? 0,
    followers: f.get(day) ?? 0,
  }));
}
