import { describe, expect, it } from 'vitest';
import { stripPinyinAnnotations, toSimplified, toTraditional } from './convert.js';

describe('Simplified ↔ Traditional', () => {
  it.each([
    ['网易号', '網易號'],
    ['里程碑', '里程碑'], // never doubled or split character by character
    ['头发很干净', '頭髮很乾淨'],
    ['皇后后来', '皇后後來'],
    ['软件和鼠标', '軟體和滑鼠'], // Taiwan's words, not only its characters
    ['登录后搜索', '登入後搜尋'],
    ['无障碍工具栏', '無障礙工具列'],
    ['用户上传并发布', '使用者上傳並發布'],
    ['合并', '合併'],
    ['一只猫', '一隻貓'],
    ['E=mc²，😀！', 'E=mc²，😀！'],
  ])('%s → %s', (simplified, traditional) => {
    expect(toTraditional(simplified)).toBe(traditional);
  });

  it('converts Traditional input to Simplified, dropping stray pinyin', () => {
    expect(toSimplified('網(wǎng)易號的里程碑')).toBe('网易号的里程碑');
    expect(toSimplified('英偉達')).toBe('英伟达');
    // A Taiwan reader's words find the Simplified text.
    expect(toSimplified('軟體和滑鼠')).toBe('软件和鼠标');
  });

  it('removes only tone-marked pinyin annotations after Han characters', () => {
    expect(stripPinyinAnnotations('網(wǎng)易（yì）新聞')).toBe('網易新聞');
    expect(stripPinyinAnnotations('函数 f(x) 与 (GPU)')).toBe('函数 f(x) 与 (GPU)');
    expect(stripPinyinAnnotations('《战国无双3》（）')).toBe('《战国无双3》（）');
  });
});
