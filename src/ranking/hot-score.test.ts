import { describe, expect, it } from 'vitest';
import { AGE_OFFSET_HOURS, GRAVITY, hotScore, titleKey } from './hot-score.js';

const base = { visitors: 0, shares: 0, comments: 0, likes: 0, ageHours: 0 };

describe('hotScore', () => {
  it.each([
    // [case, input, expected score]
    ['nothing happened', base, 0],
    [
      '100 visitors, brand new',
      { ...base, visitors: 100 },
      100 / Math.pow(AGE_OFFSET_HOURS, GRAVITY),
    ],
    ['a share is worth 5 visitors', { ...base, shares: 1, ageHours: 2 }, 5 / Math.pow(4, GRAVITY)],
    ['a comment is worth 4', { ...base, comments: 1, ageHours: 2 }, 4 / Math.pow(4, GRAVITY)],
    ['negative inputs count as zero', { ...base, visitors: -5, ageHours: -3 }, 0],
  ])('%s', (_name, input, expected) => {
    expect(hotScore(input).score).toBeCloseTo(expected, 5);
  });

  it('decays with age: the same engagement a day later scores far less', () => {
    const fresh = hotScore({ ...base, visitors: 100, ageHours: 1 }).score;
    const dayOld = hotScore({ ...base, visitors: 100, ageHours: 25 }).score;
    expect(dayOld).toBeLessThan(fresh / 10);
  });

  it('explains itself', () => {
    expect(
      hotScore({ visitors: 10, shares: 2, comments: 1, likes: 3, ageHours: 7 }).components,
    ).toEqual({
      visitors: 10,
      shares: 10,
      comments: 4,
      likes: 3,
      engagement: 27,
      ageHours: 7,
      decay: 27,
    });
  });
});

describe('titleKey', () => {
  it('collapses the same story with other punctuation, spacing or width', () => {
    expect(titleKey('特斯拉发布新车！')).toBe(titleKey('特斯拉 发布新车'));
    expect(titleKey('ＧＰＵ价格下跌')).toBe(titleKey('gpu价格下跌'));
    expect(titleKey('特斯拉发布新车')).not.toBe(titleKey('比亚迪发布新车'));
  });
});
