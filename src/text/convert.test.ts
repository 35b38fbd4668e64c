import { describe, expect, it } from 'vitest';
import { stripPinyinAnnotations, toSimplified, toTraditional } from './convert.js';

describe('Simplified ↔ Traditional', () => {
  it.each([
    ['网易号', '網易號'],
    ['里程碑', '里程碑'], // never doubled or split character by character
    ['头发很干净', '頭髮很乾淨'],
    ['皇后后来', '皇后後來'],
    ['软件和鼠标', '軟件和鼠標'], // characters only, no vocabulary localisation (not 軟體/滑鼠)
    ['一只猫', '一隻貓'],
    ['E=mc²，😀！', 'E=mc²，😀！'],
  ])('%s → %s', (simplified, traditional) => {
    expect(toTraditional(simplified)).toBe(traditional);
  });

  it('converts Traditional input to Simplified, dropping stray pinyin', () => {
    expect(toSimplified('網(wǎng)易號的里程碑')).toBe('网易号的里程碑');
    expect(toSimplified('英偉達')).toBe('英伟达');
  });

  it('removes only tone-marked pinyin annotations after Han characters', () => {
    expect(stripPinyinAnnotations('網(wǎng)易（yì）新聞')).toBe('網易新聞');
    expect(stripPinyinAnnotations('函数 f(x) 与 (GPU)')).toBe('函数 f(x) 与 (GPU)');
    expect(stripPinyinAnnotations('《战国无双3》（）')).toBe('《战国无双3》（）');
  });
});
