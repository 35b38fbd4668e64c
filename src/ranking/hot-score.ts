/**
 * The 热榜 score — open and documented in docs/hot-list.md. A pure function:
 *
 *   engagement = 1·visitors + 5·shares + 4·comments + 1·likes   (last 3 days)
 *   score      = engagement / (age_hours + 2) ^ 1.5
 *
 * HN-style gravity: engagement must keep coming for an article to stay up.
 */

/** What each kind of engagement is worth, relative to one distinct visitor. */
export const HOT_WEIGHTS = {
  /** One distinct reader (deduplicated, capped per network). */
  visitors: 1,
  /** Sharing puts the article in front of new readers and takes effort: worth several reads. */
  shares: 5,
  /** Writing a comment is deliberate interest, a little less than sharing. */
  comments: 4,
  /** A like on a comment shows the discussion is alive; cheap, so weight 1. */
  likes: 1,
} as const;

/** Gravity exponent: 1.5 halves a constant-engagement article's score in roughly 1.6× its age. */
export const GRAVITY = 1.5;
/** Hours added to the age so a brand-new article is not divided by ~0. */
export const AGE_OFFSET_HOURS = 2;
/** Engagement older than this many days no longer counts (a story is news for about three days). */
export const ENGAGEMENT_WINDOW_DAYS = 3;
/** Articles older than this are not candidates at all. */
export const CANDIDATE_MAX_AGE_DAYS = 7;

export interface HotInput {
  readonly visitors: number;
  readonly shares: number;
  readonly comments: number;
  readonly likes: number;
  readonly ageHours: number;
}

export interface HotScore {
  readonly score: number;
  readonly components: {
    readonly visitors: number;
    readonly shares: number;
    readonly comments: number;
    readonly likes: number;
    readonly engagement: number;
    readonly ageHours: number;
    readonly decay: number;
  };
}

export function hotScore(input: HotInput): HotScore {
  const visitors = HOT_WEIGHTS.visitors * Math.max(0, input.visitors);
  const shares = HOT_WEIGHTS.shares * Math.max(0, input.shares);
  const comments = HOT_WEIGHTS.comments * Math.max(0, input.comments);
  const likes = HOT_WEIGHTS.likes * Math.max(0, input.likes);
  const engagement = visitors + shares + comments + likes;
  const ageHours = Math.max(0, input.ageHours);
  const decay = Math.pow(ageHours + AGE_OFFSET_HOURS, GRAVITY);
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    score: round(engagement / decay),
    components: {
      visitors,
      shares,
      comments,
      likes,
      engagement,
      ageHours: round(ageHours),
      decay: round(decay),
    },
  };
}

/**
 * The key under which near-identical titles collapse (the same story posted
 * again): Simplified, without punctuation, spaces or case. Callers pass the
 * title already converted to Simplified.
 */
export function titleKey(simplifiedTitle: string): string {
  return simplifiedTitle
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\s]/gu, '');
}
