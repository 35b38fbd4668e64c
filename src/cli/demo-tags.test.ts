import { describe, expect, it } from 'vitest';
import { demoTags, withDemoTags } from './demo-tags.js';

describe('demo topics', () => {
  it('takes topics the title names or the body mentions twice, most mentioned first, at most 3', () => {
    expect(demoTags('武汉大学', '武汉的一所学校。')).toEqual(['大学']);
    expect(demoTags('某条河', '铁路沿河。铁路通车。电影一部。')).toEqual(['铁路']);
    const busy = '历史历史历史 战争战争 音乐音乐 电影电影电影电影';
    expect(demoTags('无题', busy)).toEqual(['电影', '历史', '战争']);
    expect(demoTags('无题', '没有话题')).toEqual([]);
  });

  it('adds them to corpus lines and leaves lines that are not JSON alone', () => {
    expect(JSON.parse(withDemoTags('{"title":"东京地铁","body":"x"}'))).toMatchObject({
      tags: ['地铁'],
    });
    expect(withDemoTags('{not json')).toBe('{not json');
  });
});
