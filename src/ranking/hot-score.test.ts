import { describe, expect, it } from 'vitest';
import {
  AGE_OFFSET_HOURS,
  formatHeat,
  GRAVITY,
  heatOf,
  hotScore,
  titleKey,
  trendOf,
} from './hot-score.js';

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
    ['a comment like is worth 1', { ...base, likes: 1, ageHours: 2 }, 1 / Math.pow(4, GRAVITY)],
    [
      'an article like is worth 2',
      { ...base, articleLikes: 1, ageHours: 2 },
      2 / Math.pow(4, GRAVITY),
    ],
    ['article likes left out count as none', { ...base, visitors: 3, ageHours: 2 }, 3 / 8],
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
      hotScore({ visitors: 10, shares: 2, comments: 1, likes: 3, articleLikes: 4, ageHours: 7 })
        .components,
    ).toEqual({
      visitors: 10,
      shares: 10,
      comments: 4,
      likes: 3,
      articleLikes: 8,
      engagement: 35,
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

describe('heat and trend', () => {
  it.each([
    [0, '0'],
    [0.3456, '346'],
    [12.3456, '1.2万'],
    [40, '4万'],
    [250_000, '2.5亿'],
  ])('score %s reads 热度 %s', (score, text) => {
    expect(formatHeat(heatOf(score))).toBe(text);
  });

  it.each([
    ['no previous day', 3, null, false, { kind: 'none' }],
    ['not listed yesterday', 3, null, true, { kind: 'new' }],
    ['climbed', 2, 7, true, { kind: 'up', by: 5 }],
    ['fell', 9, 4, true, { kind: 'down', by: 5 }],
    ['held', 4, 4, true, { kind: 'same' }],
  ] as const)('%s', (_name, rank, previous, baseline, expected) => {
    expect(trendOf(rank, previous, baseline)).toEqual(expected);
  });
});
