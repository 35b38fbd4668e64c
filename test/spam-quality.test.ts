/**
 * Measured spam detection on the CC BY-SA corpus (issue 7): keyword lines
 * (SEO injection) are generated from the lexicon and common SEO words with
 * varied separators, injected at a random line of 500 corpus articles; the
 * detector must flag ≥ 95 % of them and ≤ 1 % of the clean corpus. Prints the
 * figures.
 */
import { seededRandom } from './rng.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_CORPUS_URL } from '../src/cli/seed.js';
import { checkContent, encodingDamage, keywordStuffedLines } from '../src/moderation/index.js';
import { testLexicon as lexicon } from './factories.js';

const INJECTED = 500;
const RECALL_MIN = 0.95;
const FALSE_POSITIVE_MAX = 0.01;

const LEXICON = readFileSync(new URL('../src/moderation/lexicon.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => l.split('\t')[1]!);
const SEO = [
  '免费',
  '高清',
  '在线观看',
  '最新',
  '下载',
  '官网',
  '入口',
  '网址',
  '2026',
  '手机版',
  '直播',
  '无需注册',
];
const SEPARATORS = ['|', ' | ', '｜', ',', '，', ' ', '、', '/', '  '];

describe('spam detection quality on the corpus', () => {
  const corpus = readFileSync(DEMO_CORPUS_URL, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { title: string; body: string });

  it('flags injected keyword lines and leaves clean articles alone', () => {
    const r = seededRandom(23);
    let caught = 0;
    for (let i = 0; i < INJECTED; i++) {
      const a = corpus[Math.floor(r() * corpus.length)]!;
      const n = 5 + Math.floor(r() * 10);
      const words = Array.from({ length: n }, () =>
        r() < 0.6 ? LEXICON[Math.floor(r() * LEXICON.length)]! : SEO[Math.floor(r() * SEO.length)]!,
      );
      const line = words.join(SEPARATORS[Math.floor(r() * SEPARATORS.length)]!);
      const lines = a.body.split('\n');
      lines.splice(Math.floor(r() * (lines.length + 1)), 0, line);
      const report = checkContent(`${a.title}\n${lines.join('\n')}`, lexicon);
      if (report.reasons.some((x) => x.code === 'KEYWORD_STUFFING')) caught++;
    }
    let flagged = 0;
    const examples: string[] = [];
    for (const a of corpus) {
      const report = checkContent(`${a.title}\n${a.body}`, lexicon);
      if (report.verdict !== 'ok') {
        flagged++;
        if (examples.length < 3)
          examples.push(`${a.title}: ${report.reasons.map((x) => x.code).join(',')}`);
      }
    }
    console.log(
      `[spam detection] injected keyword lines caught ${caught}/${INJECTED} (${((caught / INJECTED) * 100).toFixed(1)}%); ` +
        `clean corpus flagged ${flagged}/${corpus.length} (${((flagged / corpus.length) * 100).toFixed(2)}%)${examples.length ? ` e.g. ${examples.join(' | ')}` : ''}`,
    );
    expect(caught / INJECTED).toBeGreaterThanOrEqual(RECALL_MIN);
    expect(flagged / corpus.length).toBeLessThanOrEqual(FALSE_POSITIVE_MAX);
  });

  it('recognises the reference page’s injected line, link farms, hidden text and lost characters', () => {
    const reference = '色情|成人视频|免费看片|澳门赌场\n网易号今天发布了新功能。';
    expect(keywordStuffedLines(reference, lexicon)).toHaveLength(1);
    expect(checkContent(reference, lexicon).verdict).toBe('reject');
    const farm = Array.from(
      { length: 4 },
      (_, i) => `[最便宜的手机](https://spam${i}.example/)`,
    ).join(' ');
    expect(checkContent(farm, lexicon).reasons.map((x) => x.code)).toContain('LINK_FARM');
    expect(checkContent('<span style="display:none">关键词</span>正文', lexicon).verdict).toBe(
      'hold',
    );
    expect(encodingDamage('E=mc??? 的公式')).toEqual(['???']);
    expect(encodingDamage('锟斤拷烫烫烫')).not.toEqual([]);
    expect(encodingDamage('替换字符\uFFFD')).toEqual(['\uFFFD']);
    expect(checkContent('E=mc²，全角！正常的文章。', lexicon).reasons).toEqual([]);
  });
});
