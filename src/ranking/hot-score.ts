/**
 * The 热榜 score — open and documented in docs/hot-list.md. A pure function:
 *
 *   engagement = 1·visitors + 5·shares + 4·comments + 1·likes + 2·articleLikes   (last 3 days)
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
  /**
   * 点赞 on the article: one signed-in reader's explicit approval (one per account, net of likes
   * taken back) — more than a read, but one tap, so well below a comment or a share.
   */
  articleLikes: 2,
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
  /** Likes of the article itself (optional: 0 when absent). */
  readonly articleLikes?: number;
  readonly ageHours: number;
}

export interface HotScore {
  readonly score: number;
  readonly components: {
    readonly visitors: number;
    readonly shares: number;
    readonly comments: number;
    readonly likes: number;
    readonly articleLikes: number;
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
  const articleLikes = HOT_WEIGHTS.articleLikes * Math.max(0, input.articleLikes ?? 0);
  const engagement = visitors + shares + comments + likes + articleLikes;
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
      articleLikes,
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

/**
 * 热度, the score on a readable scale: ×1000 makes a fresh article read by a few
 * hundred people show thousands (a 0.35 score is 热度 350), as readers expect of a 热榜;
 * the order is the score's. Shown rounded; docs/hot-list.md.
 */
export const HEAT_SCALE = 1000;

export function heatOf(score: number): number {
  return Math.round(Math.max(0, score) * HEAT_SCALE);
}

/** 12,345 → "1.2万": how Chinese news sites print large counts. */
export function formatHeat(heat: number): string {
  if (heat < 10_000) return String(heat);
  if (heat < 100_000_000) return `${(heat / 10_000).toFixed(1).replace(/\.0$/, '')}万`;
  return `${(heat / 100_000_000).toFixed(1).replace(/\.0$/, '')}亿`;
}

/**
 * An item's move against the previous site day's last list: up/down by how many
 * places, `new` when it was not listed then, `none` when there is no previous day
 * to compare with (a fresh install).
 */
export type HotTrend =
  | { readonly kind: 'up' | 'down'; readonly by: number }
  | { readonly kind: 'same' | 'new' | 'none' };

export function trendOf(rank: number, previousRank: number | null, hasBaseline: boolean): HotTrend {
  if (!hasBaseline) return { kind: 'none' };
  if (previousRank === null) return { kind: 'new' };
  if (previousRank > rank) return { kind: 'up', by: previousRank - rank };
  if (previousRank < rank) return { kind: 'down', by: rank - previousRank };
  return { kind: 'same' };
}
