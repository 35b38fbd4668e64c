/**
 * Page views, counted honestly and off the request path: the article page
 * calls `record()` (memory only); `flush()` writes the sums in two statements
 * every few seconds and on shutdown.
 *
 * A view counts once per visitor per article per 30 minutes. Toward the hot
 * list a visitor counts once per article per day, and one network (IPv4 /24,
 * IPv6 /48) adds at most PREFIX_DAILY_CAP visitors per article per day, so a
 * burst from a few machines cannot beat broad interest. Bots, prefetches and
 * authors reading their own articles are not counted at all.
 */
import { siteDay } from '../shared/time-zone.js';
import { sql } from 'drizzle-orm';
import { addArticleViews } from '../articles/index.js';
import { rowsOf, type Queryable } from '../db/client.js';
import type { Clock } from '../shared/clock.js';
import { recordReads, type PendingRead } from './history.js';

/** The same reader reloading within half an hour is one view. */
export const VIEW_DEDUP_MS = 30 * 60_000;
/** Distinct visitors one network may add to an article's hot score per day (an office or campus NAT). */
export const PREFIX_DAILY_CAP = 20;
/** Bound on remembered (visitor, article) pairs; the oldest are forgotten first. */
const DEDUP_MAX_ENTRIES = 500_000;

/** Crawlers, link previewers, HTTP libraries and headless tools (user agents that announce themselves). */
export const BOT_USER_AGENT =
  /bot|crawl|spider|slurp|bingpreview|mediapartners|facebookexternalhit|embedly|quora link preview|whatsapp|telegrambot|curl|wget|python-requests|python-urllib|httpclient|okhttp|go-http-client|java\/|libwww|headlesschrome|phantomjs|lighthouse|pagespeed|preview|monitor|uptime|scrapy|feedfetcher|yandex|baiduspider|sogou|360spider|bytespider|petalbot|semrush|ahrefs/i;

export type ViewOutcome = 'counted' | 'duplicate' | 'bot' | 'prefetch' | 'own';

export interface ViewInput {
  readonly articleId: string;
  /**
   * Hash of the visitor cookie, else a salted hash of IP + user agent; or a
   * function computing it, called only for views that are not filtered out.
   */
  readonly visitorKey: string | (() => string);
  readonly ip: string;
  readonly userAgent: string | undefined;
  /** Purpose / Sec-Purpose headers of the request (prefetch, prerender). */
  readonly purpose: string | undefined;
  readonly isAuthor: boolean;
  /** A signed-in reader: the reading goes into their 阅读历史 (even within the 30 minutes). */
  readonly readerId?: string;
}

export function networkPrefix(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.\d+$/.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  const groups = ip.split(':');
  return `${groups.slice(0, 3).join(':')}::/48`;
}

/** A view that passed this instance's filters, waiting for the flush to count it across instances. */
interface PendingView {
  readonly articleId: string;
  readonly visitor: string;
  readonly prefix: string;
  readonly at: number;
}

/** Days of distinct visitors kept: the hot list weighs three days of engagement. */
export const VISITOR_DAYS_KEPT = 4;

export class ViewBuffer {
  /** Recent (article, visitor) pairs seen here: a reload costs nothing, not even a row at flush. */
  private readonly lastSeen = new Map<string, number>();
  private pending: PendingView[] = [];
  /** Readings of signed-in readers by `user|article`: a reload only moves the time. */
  private reads = new Map<string, PendingRead>();

  constructor(private readonly clock: Clock) {}

  record(input: ViewInput): ViewOutcome {
    if (!input.userAgent || BOT_USER_AGENT.test(input.userAgent)) return 'bot';
    if (input.purpose && /prefetch|prerender/i.test(input.purpose)) return 'prefetch';
    const now = this.clock.now().getTime();
    if (input.readerId) {
      const key = `${input.readerId}|${input.articleId}`;
      this.reads.set(key, { userId: input.readerId, articleId: input.articleId, at: now });
    }
    if (input.isAuthor) return 'own';
    const visitor = typeof input.visitorKey === 'function' ? input.visitorKey() : input.visitorKey;
    const key = `${input.articleId}|${visitor}`;
    const last = this.lastSeen.get(key);
    if (last !== undefined && now - last < VIEW_DEDUP_MS) return 'duplicate';
    this.lastSeen.delete(key);
    this.lastSeen.set(key, now);
    if (this.lastSeen.size > DEDUP_MAX_ENTRIES)
      this.lastSeen.delete(this.lastSeen.keys().next().value!);
    this.pending.push({
      articleId: input.articleId,
      visitor,
      prefix: networkPrefix(input.ip),
      at: now,
    });
    return 'counted';
  }

  /** Views recorded and not yet written. */
  pendingViews(): number {
    return this.pending.length;
  }

  /** Readings (reading history) recorded and not yet written. */
  pendingReads(): number {
    return this.reads.size;
  }

  /**
   * Writes the buffered views in one transaction. The counting is shared by
   * every instance: a view counts only if its (article, visitor, 30-minute
   * window) mark is new (another instance may have counted the same reader),
   * a visitor counts toward the hot list once per article per day, and one
   * network at most PREFIX_DAILY_CAP times (two instances flushing the same
   * network at the same moment may each add up to the cap). On failure the
   * views go back into the buffer for the next flush, so nothing
   * acknowledged is lost. Readings go into the reading history in the same
   * transaction. Returns the views handled.
   */
  async flush(db: Queryable): Promise<number> {
    if (this.pending.length === 0 && this.reads.size === 0) return 0;
    const batch = this.pending;
    const reads = this.reads;
    this.pending = [];
    this.reads = new Map();
    try {
      await db.transaction(async (tx) => {
        if (batch.length > 0) await countViews(tx, batch);
        await recordReads(tx, [...reads.values()]);
      });
    } catch (err) {
      this.pending = [...batch, ...this.pending];
      // A newer reading recorded meanwhile wins over the one that failed.
      for (const [key, read] of reads) if (!this.reads.has(key)) this.reads.set(key, read);
      throw err;
    }
    return batch.length;
  }
}

/** Days are the site's (Beijing time). */
const dayOf = (at: number) => siteDay(at);

/** Counts a batch of views against what every instance has counted (see ViewBuffer.flush). */
async function countViews(tx: Queryable, batch: readonly PendingView[]): Promise<void> {
  const values = sql.join(
    batch.map(
      (v) =>
        sql`(${v.articleId}, ${v.visitor}, ${Math.floor(v.at / VIEW_DEDUP_MS)}::int, ${dayOf(v.at)}, ${v.prefix})`,
    ),
    sql`, `,
  );
  // The views whose marks are new: counted once, whichever instance saw them.
  const counted = rowsOf<{ article_id: string; visitor: string; day: string; prefix: string }>(
    await tx.execute(sql`
      WITH v(article_id, visitor, bucket, day, prefix) AS (VALUES ${values}),
      marks AS (
        INSERT INTO byline.view_marks (article_id, visitor, bucket)
        SELECT DISTINCT article_id, visitor, bucket FROM v
        ON CONFLICT DO NOTHING RETURNING article_id, visitor, bucket
      )
      SELECT DISTINCT v.article_id, v.visitor, v.day, v.prefix
      FROM v JOIN marks m ON m.article_id = v.article_id AND m.visitor = v.visitor AND m.bucket = v.bucket`),
  );
  if (counted.length === 0) return;
  const views = new Map<string, number>();
  for (const c of counted) views.set(c.article_id, (views.get(c.article_id) ?? 0) + 1);
  const existing = await addArticleViews(tx, views);
  const live = counted.filter((c) => existing.has(c.article_id));
  if (live.length === 0) return;
  const visitorValues = sql.join(
    live.map((c) => sql`(${c.article_id}, ${c.day}, ${c.visitor}, ${c.prefix})`),
    sql`, `,
  );
  // New visitors of the day, each network capped; the outer query sees the rows before this insert.
  const visitors = rowsOf<{ article_id: string; day: string; visitors: number }>(
    await tx.execute(sql`
      WITH ins AS (
        INSERT INTO byline.view_visitors (article_id, day, visitor, prefix)
        SELECT DISTINCT * FROM (VALUES ${visitorValues}) AS x(article_id, day, visitor, prefix)
        ON CONFLICT DO NOTHING RETURNING article_id, day, prefix
      ),
      g AS (SELECT article_id, day, prefix, count(*)::int AS n FROM ins GROUP BY 1, 2, 3)
      SELECT g.article_id, g.day,
             sum(least(g.n, greatest(0, ${PREFIX_DAILY_CAP} - e.n)))::int AS visitors
      FROM g CROSS JOIN LATERAL (
        SELECT count(*)::int AS n FROM byline.view_visitors x
        WHERE x.article_id = g.article_id AND x.day = g.day AND x.prefix = g.prefix
      ) e
      GROUP BY g.article_id, g.day`),
  );
  const daily = new Map<string, { views: number; visitors: number }>();
  for (const c of live) {
    const d = daily.get(`${c.article_id}|${c.day}`) ?? { views: 0, visitors: 0 };
    d.views++;
    daily.set(`${c.article_id}|${c.day}`, d);
  }
  for (const v of visitors) daily.get(`${v.article_id}|${v.day}`)!.visitors += v.visitors;
  await tx.execute(sql`
    INSERT INTO byline.article_daily (article_id, day, views, visitors)
    VALUES ${sql.join(
      [...daily].map(([key, d]) => {
        const [articleId, day] = key.split('|') as [string, string];
        return sql`(${articleId}, ${day}, ${d.views}::int, ${d.visitors}::int)`;
      }),
      sql`, `,
    )}
    ON CONFLICT (article_id, day) DO UPDATE SET
      views = byline.article_daily.views + excluded.views,
      visitors = byline.article_daily.visitors + excluded.visitors`);
}

/** Drops view marks past their window and visitor rows past the hot list's days (an hourly job). */
export async function pruneViewCounting(db: Queryable, now: Date): Promise<void> {
  const bucket = Math.floor(now.getTime() / VIEW_DEDUP_MS) - 1;
  const firstDay = dayOf(now.getTime() - VISITOR_DAYS_KEPT * 86_400_000);
  await db.execute(sql`DELETE FROM byline.view_marks WHERE bucket < ${bucket}`);
  await db.execute(sql`DELETE FROM byline.view_visitors WHERE day < ${firstDay}`);
}
