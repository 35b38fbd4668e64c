import { describe, expect, it } from 'vitest';
import { SNIPPET_CHARS, plainText, snippetAround } from './snippet.js';

describe('search snippets', () => {
  const body = `${'前文很长。'.repeat(40)}中国地学人才培养的主要教育机构。${'后文。'.repeat(40)}`;

  it('centres on the longest word that occurs, with context before it', () => {
    const s = snippetAround(body, ['学', '学人才培'], '摘要');
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('中国地学人才培养');
    expect(s.indexOf('学人才培')).toBeLessThan(40);
    expect(Array.from(s).length).toBe(SNIPPET_CHARS + 2);
  });

  it('falls back to the summary when nothing occurs, and cuts on code points', () => {
    expect(snippetAround(body, ['網易'], '摘要')).toBe('摘要');
    const emoji = `${'😀'.repeat(30)}GPU 加速`;
    const s = snippetAround(emoji, ['gpu'], '');
    expect(s).toContain('GPU');
    expect(s.startsWith('…😀')).toBe(true);
  });

  it('reads Markdown as text', () => {
    expect(plainText('## 标题\n\n![图](/media/x)\n\n见[链接](https://a.example/)和**重点**')).toBe(
      '标题 见链接和重点',
    );
  });
});
