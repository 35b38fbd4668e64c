import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../test/html.js';
import { bodyParagraphText, renderMarkdown, sanitize } from './markdown.js';

describe('Markdown rendering', () => {
  it('renders paragraphs, headings, quotes and lists', () => {
    const html = renderMarkdown('# 标题\n\n第一段 **加粗**。\n\n> 引用\n\n- 一\n- 二');
    expect(html).toContain('<h2>标题</h2>');
    expect(html).toContain('<p>第一段 <strong>加粗</strong>。</p>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<li>二</li>');
  });

  it('turns a lone image into a figure with a caption and srcset', () => {
    const id = '0b0f6a3e-7d7c-4a52-9a1a-2a8a4d6c9e11';
    const images = new Map([[id, { id, width: 1600, height: 900, variants: [480, 960, 1600] }]]);
    const html = renderMarkdown(
      `![兵马俑](/media/${id} "（从左到右：一号坑、二号坑 来源：维基百科）")`,
      images,
    );
    expect(html).toContain('<figure class="figure">');
    expect(html).toContain(
      `srcset="/media/${id}/480.webp 480w, /media/${id}/960.webp 960w, /media/${id}/1600.webp 1600w"`,
    );
    expect(html).toContain('width="1600" height="900" alt="兵马俑"');
    expect(html).toContain('<figcaption>（从左到右：一号坑、二号坑 来源：维基百科）</figcaption>');
    expect(html).not.toContain('<p><img');
  });

  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;'],
    ['<img src=x onerror=alert(1)>', '&lt;img'],
    ['[点我](javascript:alert(1))', '[点我](javascript:alert(1))'],
    ['[点我](JaVaScRiPt:alert(1))', '点我'],
    ['![x](javascript:alert(1))', '![x](javascript:alert(1))'],
    ['<a href="javascript:alert(1)">x</a>', '&lt;a href'],
    ['[x](data:text/html;base64,PHNjcmlwdD4=)', '[x]'],
  ])('neutralises %s', (input, expected) => {
    const html = renderMarkdown(input);
    expect(html).toContain(expected);
    const root = parseHtml(html);
    expect(root.querySelectorAll('script')).toHaveLength(0);
    for (const el of root.querySelectorAll('*')) {
      for (const [name, value] of Object.entries(el.attributes)) {
        expect(name).not.toMatch(/^on/i);
        expect(value).not.toMatch(/^\s*(javascript|data|vbscript):/i);
      }
    }
  });

  it('sanitizes whatever HTML reaches it', () => {
    const dirty =
      '<p onclick="x()">a<script>b</script><iframe src="https://e"></iframe><a href="javascript:x">c</a><img src="http://x/y.png" onerror="z"></p>';
    const clean = sanitize(dirty);
    expect(clean).toBe('<p>a<a rel="nofollow noopener ugc">c</a></p>');
  });

  it('marks external links nofollow', () => {
    expect(renderMarkdown('[网易](https://www.163.com)')).toContain(
      '<a href="https://www.163.com" rel="nofollow noopener ugc">网易</a>',
    );
  });
});

describe('figures followed directly by text, and summaries', () => {
  const id = '0b0f6a3e-7d7c-4a52-9a1a-2a8a4d6c9e11';
  const images = new Map([[id, { id, width: 1600, height: 900, variants: [480, 960, 1600] }]]);

  it('keeps the caption inside its figure when a line of text follows the image', () => {
    const html = renderMarkdown(`![图](/media/${id} "图注")\n紧接着的一行文字。`, images);
    expect(html).toMatch(
      /^<figure class="figure"><img [^>]+><figcaption>图注<\/figcaption><\/figure>\s*<p>紧接着的一行文字。<\/p>\s*$/,
    );
  });

  it('splits text, figure, text written on consecutive lines', () => {
    const html = renderMarkdown(`前面一行\n![图](/media/${id} "图注")\n后面一行`, images);
    const doc = parseHtml(`<div>${html}</div>`);
    expect(
      doc
        .querySelector('div')!
        .childNodes.filter((n) => n.nodeType === 1)
        .map((e) => (e as typeof doc).tagName.toLowerCase()),
    ).toEqual(['p', 'figure', 'p']);
    expect(doc.querySelectorAll('p figcaption')).toHaveLength(0);
  });

  it('gives an image inside a sentence no caption (a figcaption outside a figure is invalid)', () => {
    const html = renderMarkdown(`文字 ![图](/media/${id} "图注") 文字`, images);
    expect(html).not.toContain('figcaption');
    expect(html).toContain('<p>文字 <img');
  });

  it('takes the automatic summary from body paragraphs only', () => {
    const text = bodyParagraphText(
      [
        '## 小标题',
        '> 引用的话',
        '- 列表项',
        '```\ncode()\n```',
        `![图说明](/media/${id} "图注")`,
        '第一段**正文**，有[链接](https://example.com)。',
        '| a | b |\n|---|---|\n| 1 | 2 |',
        '第二段。',
      ].join('\n\n'),
    );
    expect(text).toBe('第一段正文，有链接。\n第二段。');
  });
});
