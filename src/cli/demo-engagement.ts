/**
 * The demo site's engagement history: a deterministic pseudo-random model of
 * how readers found each demo article, so the 热榜 has something to rank that
 * is not simply "newest". Each article gets an appeal drawn from a heavy-tailed
 * distribution (most articles are read by a few dozen people, a few by
 * thousands), readers arrive mostly on the first day and fewer each day after,
 * a few articles are found again a few days later, and a small share of
 * readers share the article. No comments are invented: the
 * comment counts on the demo stay true (zero until someone writes one).
 */
import { stableHash } from '../shared/ids.js';

const DAY_MS = 86_400_000;
/** Days of per-day rows written (the hot list reads 3; 14 gives the creators' charts some history). */
export const DEMO_HISTORY_DAYS = 14;
/** First-day readers of the most appealing article; the tail exponent keeps most articles small. */
const PEAK_VISITORS = 3000;
const APPEAL_EXPONENT = 5;
/** Readers who arrive on the first day; each later day brings this fraction of the day before. */
const DAILY_DECAY = 0.55;
const MIN_FIRST_DAY_VISITORS = 8;
/** Views per distinct visitor (rereads, other devices). */
const VIEWS_PER_VISITOR = 1.3;
/** One article in five is found again a few days on (shared in a group, linked from elsewhere). */
const REVIVAL_RATE = 0.2;
/** The revival day has 2–6 × the readers the decay alone would give it. */
const REVIVAL_BOOST = [2, 6] as const;
/** Between 1 % and 5 % of readers share an article. */
const SHARE_RATE = [0.01, 0.05] as const;

/** A number in [0, 1) from a key: the model's only source of chance. */
function unit(key: string): number {
  return (stableHash(key) % 100_000) / 100_000;
}

/** How appealing an article is, in [0, 1): drawn once per article. */
export function demoAppeal(lineId: string): number {
  return unit(`${lineId}#appeal`);
}

export interface DemoDay {
  /** Whole days before the seed's day (0 = today). */
  readonly daysAgo: number;
  readonly views: number;
  readonly visitors: number;
  readonly shares: number;
}

/** Readers per day since publication (newest day first), for an article `ageMs` old. */
export function demoEngagement(lineId: string, ageMs: number): DemoDay[] {
  const first =
    MIN_FIRST_DAY_VISITORS + PEAK_VISITORS * Math.pow(demoAppeal(lineId), APPEAL_EXPONENT);
  const ageDays = Math.floor(ageMs / DAY_MS);
  const days: DemoDay[] = [];
  for (let daysAgo = 0; daysAgo <= ageDays; daysAgo++) {
    const sinceRelease = ageDays - daysAgo;
    const noise = 0.7 + 0.6 * unit(`${lineId}#day${sinceRelease}`);
    const revived =
      unit(`${lineId}#revival`) < REVIVAL_RATE &&
      sinceRelease === 1 + (stableHash(`${lineId}#revival-day`) % 3);
    const boost = revived
      ? REVIVAL_BOOST[0] + (REVIVAL_BOOST[1] - REVIVAL_BOOST[0]) * unit(`${lineId}#boost`)
      : 1;
    const visitors = Math.round(first * Math.pow(DAILY_DECAY, sinceRelease) * noise * boost);
    if (visitors === 0) continue;
    const rate = SHARE_RATE[0] + (SHARE_RATE[1] - SHARE_RATE[0]) * unit(`${lineId}#share`);
    days.push({
      daysAgo,
      visitors,
      views: Math.round(visitors * VIEWS_PER_VISITOR),
      shares: Math.round(visitors * rate),
    });
  }
  return days;
}
