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
import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import type { Clock } from '../shared/clock.js';

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
}

export function networkPrefix(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.\d+$/.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  const groups = ip.split(':');
  return `${groups.slice(0, 3).join(':')}::/48`;
}

interface Pending {
  views: number;
  visitors: number;
}

export class ViewBuffer {
  private readonly lastSeen = new Map<string, number>();
  private day = '';
  private readonly dailyVisitors = new Set<string>();
  private readonly dailyPrefix = new Map<string, number>();
  private pending = new Map<string, Pending>();

  constructor(private readonly clock: Clock) {}

  record(input: ViewInput): ViewOutcome {
    if (!input.userAgent || BOT_USER_AGENT.test(input.userAgent)) return 'bot';
    if (input.purpose && /prefetch|prerender/i.test(input.purpose)) return 'prefetch';
    if (input.isAuthor) return 'own';
    const now = this.clock.now().getTime();
    const visitor = typeof input.visitorKey === 'function' ? input.visitorKey() : input.visitorKey;
    const key = `${input.articleId}|${visitor}`;
    const last = this.lastSeen.get(key);
    if (last !== undefined && now - last < VIEW_DEDUP_MS) return 'duplicate';
    this.lastSeen.delete(key);
    this.lastSeen.set(key, now);
    if (this.lastSeen.size > DEDUP_MAX_ENTRIES)
      this.lastSeen.delete(this.lastSeen.keys().next().value!);

    const day = this.clock.now().toISOString().slice(0, 10);
    if (day !== this.day) {
      this.day = day;
      this.dailyVisitors.clear();
      this.dailyPrefix.clear();
    }
    const p = this.bucket(`${input.articleId}|${day}`);
    p.views++;
    if (!this.dailyVisitors.has(key)) {
      this.dailyVisitors.add(key);
      const prefixKey = `${input.articleId}|${networkPrefix(input.ip)}`;
      const fromPrefix = this.dailyPrefix.get(prefixKey) ?? 0;
      if (fromPrefix < PREFIX_DAILY_CAP) {
        this.dailyPrefix.set(prefixKey, fromPrefix + 1);
        p.visitors++;
      }
    }
    return 'counted';
  }

  private bucket(key: string): Pending {
    let p = this.pending.get(key);
    if (!p) {
      p = { views: 0, visitors: 0 };
      this.pending.set(key, p);
    }
    return p;
  }

  /** Views recorded and not yet written. */
  pendingViews(): number {
    let n = 0;
    for (const p of this.pending.values()) n += p.views;
    return n;
  }

  /**
   * Writes the buffered counts: one statement for the daily rows, one for the
   * article totals, in one transaction. On failure the counts go back into
   * the buffer for the next flush, so nothing acknowledged is lost.
   */
  async flush(db: Queryable): Promise<number> {
    if (this.pending.size === 0) return 0;
    const batch = this.pending;
    this.pending = new Map();
    const rows = [...batch].map(([key, p]) => {
      const [articleId, day] = key.split('|') as [string, string];
      return { articleId, day, ...p };
    });
    const totals = new Map<string, number>();
    for (const r of rows) totals.set(r.articleId, (totals.get(r.articleId) ?? 0) + r.views);
    try {
      await db.transaction(async (tx) => {
        await tx.execute(sql`
          INSERT INTO byline.article_daily (article_id, day, views, visitors)
          SELECT v.article_id, v.day, v.views, v.visitors
          FROM (VALUES ${sql.join(
            rows.map((r) => sql`(${r.articleId}, ${r.day}, ${r.views}::int, ${r.visitors}::int)`),
            sql`, `,
          )}) AS v(article_id, day, views, visitors)
          WHERE EXISTS (SELECT 1 FROM byline.articles a WHERE a.id = v.article_id)
          ON CONFLICT (article_id, day) DO UPDATE SET
            views = byline.article_daily.views + excluded.views,
            visitors = byline.article_daily.visitors + excluded.visitors`);
        await tx.execute(sql`
          UPDATE byline.article_stats s SET views = s.views + v.n, updated_at = now()
          FROM (VALUES ${sql.join(
            [...totals].map(([id, n]) => sql`(${id}, ${n}::bigint)`),
            sql`, `,
          )}) AS v(id, n)
          WHERE s.article_id = v.id`);
      });
    } catch (err) {
      for (const [key, p] of batch) {
        const q = this.bucket(key);
        q.views += p.views;
        q.visitors += p.visitors;
      }
      throw err;
    }
    return rows.reduce((n, r) => n + r.views, 0);
  }
}
