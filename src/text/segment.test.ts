import { describe, expect, it } from 'vitest';
import { Segmenter } from './segment.js';

const segmenter = new Segmenter();
const searchTokens = (text: string) => segmenter.searchTokens(text);

describe('searchTokens', () => {
  it('segments Chinese, keeps Latin words and numbers, drops punctuation', () => {
    const tokens = searchTokens('英伟达发布GPU，OpenAI在2026年！');
    expect(tokens).toEqual(expect.arrayContaining(['英伟达', '发布', 'gpu', 'openai', '2026']));
    expect(tokens.some((t) => /[，！]/.test(t))).toBe(false);
  });
  it('folds Traditional, full width and pinyin annotations to the same tokens', () => {
    expect(searchTokens('網(wǎng)易號 英偉達 ＧＰＵ')).toEqual(searchTokens('网易号 英伟达 GPU'));
  });
});
