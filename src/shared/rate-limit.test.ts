import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.js';

describe('RateLimiter', () => {
  it('allows up to the limit per window, then says how long to wait', () => {
    let t = 0;
    const limiter = new RateLimiter(() => t);
    const rule = { limit: 3, windowMs: 60_000 };
    expect([1, 2, 3].map(() => limiter.hit('k', rule).allowed)).toEqual([true, true, true]);
    t = 15_000;
    expect(limiter.hit('k', rule)).toEqual({ allowed: false, retryAfterS: 45 });
    expect(limiter.hit('other', rule).allowed).toBe(true);
    t = 60_000;
    expect(limiter.hit('k', rule).allowed).toBe(true);
    limiter.reset('k');
    expect(limiter.hit('k', rule)).toEqual({ allowed: true, retryAfterS: 60 });
  });
});
