import { AppError } from './errors.js';

/**
 * Fixed-window rate limits. `RateStore` is what the edges use; the memory
 * store here serves one process (and tests), a shared store serves several
 * instances through the same interface. Pure apart from the injected clock.
 */
export interface RateRule {
  /** Requests allowed per window. */
  readonly limit: number;
  readonly windowMs: number;
}

export interface RateDecision {
  readonly allowed: boolean;
  /** Seconds until the window resets (for Retry-After). */
  readonly retryAfterS: number;
}

/** Where rate counters live: memory for one process, a shared store for several. */
export interface RateStore {
  /** Counts one hit for `key` under `rule`. */
  hit(key: string, rule: RateRule): Promise<RateDecision>;
  /** Forgets a key (e.g. the per-account sign-in counter after a success). */
  reset(key: string): Promise<void>;
}

/** Sweep expired windows once the map holds this many keys, so memory stays bounded. */
const SWEEP_AT_KEYS = 10_000;

/** Counters in this process's memory (synchronous; `asStore()` gives the async interface). */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly now: () => number) {}

  /** Counts one hit for `key` under `rule`. */
  hit(key: string, rule: RateRule): RateDecision {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || t - w.start >= rule.windowMs) {
      if (this.windows.size >= SWEEP_AT_KEYS) this.sweep(t, rule.windowMs);
      w = { start: t, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    const retryAfterS = Math.max(1, Math.ceil((w.start + rule.windowMs - t) / 1000));
    return { allowed: w.count <= rule.limit, retryAfterS };
  }

  /** Forgets a key (e.g. the per-account sign-in counter after a success). */
  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(t: number, windowMs: number): void {
    for (const [k, w] of this.windows) if (t - w.start >= windowMs) this.windows.delete(k);
  }

  asStore(): RateStore {
    return {
      hit: async (key, rule) => this.hit(key, rule),
      reset: async (key) => this.reset(key),
    };
  }
}

/**
 * Counts a hit and throws RATE_LIMITED (429) when over the rule, after
 * setting Retry-After through `setHeader` (so this stays free of HTTP types).
 */
export async function enforceRate(
  store: RateStore,
  key: string,
  rule: RateRule,
  setHeader: (name: string, value: string) => unknown,
): Promise<void> {
  const decision = await store.hit(key, rule);
  if (!decision.allowed) {
    setHeader('retry-after', String(decision.retryAfterS));
    throw new AppError('RATE_LIMITED', `操作过于频繁，请 ${decision.retryAfterS} 秒后再试`);
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The limits. Sign-in: 5 tries per account per 15 minutes stops password
 * guessing without locking out someone who mistypes twice; 30 per IP per
 * 15 minutes allows a shared office NAT. Writes a reader can make are
 * generous for people, tight for scripts.
 */
export const RATE_RULES = {
  signInPerAccount: { limit: 5, windowMs: 15 * MINUTE },
  signInPerIp: { limit: 30, windowMs: 15 * MINUTE },
  registerPerIp: { limit: 10, windowMs: HOUR },
  /** Reset and verification mail: enough for typos, too few to flood a stranger's mailbox. */
  accountMailPerIp: { limit: 10, windowMs: HOUR },
  accountMailPerAddress: { limit: 3, windowMs: HOUR },
  /** Profile, password and preference changes. */
  accountWritePerUser: { limit: 30, windowMs: HOUR },
  /** A data export builds a zip of everything: a few a day is plenty. */
  exportPerUser: { limit: 5, windowMs: HOUR },
  applyPerUser: { limit: 5, windowMs: HOUR },
  readerWritePerIp: { limit: 120, windowMs: MINUTE },
  /** Ten comments a minute is a lively discussion; more is a script. */
  commentPerUser: { limit: 10, windowMs: MINUTE },
  creatorWritePerUser: { limit: 300, windowMs: MINUTE },
  /** A reader reports what they see, a few an hour; dozens are a campaign. */
  reportPerUser: { limit: 20, windowMs: HOUR },
} as const satisfies Record<string, RateRule>;
