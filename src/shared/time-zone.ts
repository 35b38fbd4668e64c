/**
 * The site's time zone. Byline is a Chinese platform: calendar days (daily
 * statistics, "today" on the dashboard, search date filters, the daily
 * digest) and every time shown are Beijing time, Asia/Shanghai — UTC+8 all
 * year (no daylight saving since 1991), so a fixed offset computes it exactly
 * and cheaply. Times are stored in UTC.
 */
export const SITE_TIME_ZONE = 'Asia/Shanghai';
/** Asia/Shanghai's offset from UTC, in milliseconds and as ISO 8601 / SQL text. */
export const SITE_OFFSET_MS = 8 * 3_600_000;
export const SITE_OFFSET = '+08:00';
const DAY_MS = 86_400_000;

/** The site's calendar day of a moment: `YYYY-MM-DD`. */
export function siteDay(at: Date | number): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  return new Date(ms + SITE_OFFSET_MS).toISOString().slice(0, 10);
}

/** When the site's day containing `at` began (00:00 Beijing time). */
export function siteDayStart(at: Date): Date {
  return new Date(Date.parse(`${siteDay(at)}T00:00:00${SITE_OFFSET}`));
}

/** The `n` site days ending with the one containing `at`, oldest first. */
export function siteDaysEnding(at: Date, n: number): string[] {
  return Array.from({ length: n }, (_, i) => siteDay(at.getTime() - (n - 1 - i) * DAY_MS));
}
