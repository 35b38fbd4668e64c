/**
 * Measured originality detection on the CC BY-SA corpus (issue 7). Every
 * corpus article is fingerprinted into an index (the same keys the database
 * index uses: SimHash bands, MinHash LSH bands, sentence hashes); for 300
 * originals, copies are made with each transformation and combinations, and
 * looked up: a copy is caught when its original is among the verified
 * matches. Negatives: 3,000 pairs of different articles (half from the same
 * channel). Prints the figures.
 */
import { seededRandom } from './rng.js';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CORPUS_URL } from '../src/cli/seed.js';
import {
  estimateJaccard,
  matchTexts,
  SIMHASH_MAX_DISTANCE,
  worthVerifying,
} from '../src/originality/index.js';
import {
  fingerprint,
  hammingDistance,
  toTraditional,
  type Fingerprint,
} from '../src/text/index.js';

const ORIGINALS = 300;
const NEGATIVE_PAIRS = 3_000;
const WHOLE_PRECISION_MIN = 0.99;
const WHOLE_RECALL_MIN = 0.95;
const PARTIAL_RECALL_MIN = 0.85;
/** Originals long enough to copy meaningfully (a third of them is still a paragraph). */
const MIN_BODY_CHARS = 300;

interface Article {
  id: string;
  title: string;
  body: string;
  channel: string;
}

const SENTENCE = /(?<=[。！？!?；;\n])/u;
const PINYIN = [
  'wǎng',
  'yì',
  'zhōng',
  'guó',
  'xīn',
  'wén',
  'rén',
  'mín',
  'dà',
  'xué',
  'shí',
  'jiān',
];
const HALF: Record<string, string> = {
  '，': ',',
  '。': '.',
  '！': '!',
  '？': '?',
  '：': ':',
  '；': ';',
  '（': '(',
  '）': ')',
};
const FULL = Object.fromEntries(Object.entries(HALF).map(([k, v]) => [v, k]));
const SPAM_LINE = '澳门赌场|在线博彩|成人视频|av在线|六合彩|免费看片|代开发票|裸聊';
const BOILERPLATE = [
  '本文来源于网络，如有侵权请联系删除。',
  '关注我们，获取更多精彩资讯！点击阅读原文。',
];

type Transform = (
  t: { title: string; body: string },
  r: () => number,
) => { title: string; body: string };

const transforms: Record<string, Transform> = {
  traditional: (t) => ({ title: toTraditional(t.title), body: toTraditional(t.body) }),
  pinyin: (t, r) => ({
    title: t.title,
    body: Array.from(t.body)
      .map((c) =>
        /\p{Script=Han}/u.test(c) && r() < 0.1
          ? `${c}(${PINYIN[Math.floor(r() * PINYIN.length)]})`
          : c,
      )
      .join(''),
  }),
  punctuation: (t, r) => ({
    title: t.title,
    body: Array.from(t.body)
      .map((c) => (HALF[c] && r() < 0.7 ? HALF[c] : FULL[c] && r() < 0.7 ? FULL[c] : c))
      .join(''),
  }),
  shuffled: (t, r) => {
    const s = t.body.split(SENTENCE);
    const paragraphs: string[] = [];
    for (let i = 0; i < s.length; i += 3) paragraphs.push(s.slice(i, i + 3).join(''));
    for (let i = paragraphs.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [paragraphs[i], paragraphs[j]] = [paragraphs[j]!, paragraphs[i]!];
    }
    return { title: t.title, body: paragraphs.join('\n\n') };
  },
  reworded: (t, r) => {
    const share = 0.1 + r() * 0.2;
    const body = t.body
      .split(SENTENCE)
      .flatMap((s) => {
        if (r() >= share) return [s];
        if (r() < 0.5) return []; // dropped
        // reworded: clauses in reverse order, every third character pair swapped
        const clauses = s.split(/[，,]/).reverse().join('，');
        const chars = Array.from(clauses);
        for (let i = 0; i + 1 < chars.length; i += 3)
          [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
        return [chars.join('')];
      })
      .join('');
    return { title: t.title, body };
  },
  spamAndBoilerplate: (t) => ({
    title: t.title,
    body: `${SPAM_LINE}\n\n${BOILERPLATE[0]}\n\n${t.body}\n\n${BOILERPLATE[1]}`,
  }),
  firstThird: (t) => {
    const s = t.body.split(SENTENCE);
    return { title: t.title, body: s.slice(0, Math.max(1, Math.ceil(s.length / 3))).join('') };
  },
  lastThird: (t) => {
    const s = t.body.split(SENTENCE);
    return { title: '', body: s.slice(Math.floor((2 * s.length) / 3)).join('') };
  },
};
const compose =
  (...names: string[]): Transform =>
  (t, r) =>
    names.reduce((acc, n) => transforms[n]!(acc, r), t);
const WHOLE: Record<string, Transform> = {
  traditional: transforms.traditional!,
  pinyin: transforms.pinyin!,
  punctuation: transforms.punctuation!,
  shuffled: transforms.shuffled!,
  reworded: transforms.reworded!,
  spamAndBoilerplate: transforms.spamAndBoilerplate!,
  'traditional+pinyin+punctuation': compose('traditional', 'pinyin', 'punctuation'),
  'shuffled+reworded': compose('shuffled', 'reworded'),
  'all whole': compose(
    'reworded',
    'shuffled',
    'traditional',
    'pinyin',
    'punctuation',
    'spamAndBoilerplate',
  ),
};
const PARTIAL: Record<string, Transform> = {
  firstThird: transforms.firstThird!,
  lastThird: transforms.lastThird!,
  'firstThird+traditional+pinyin': compose('firstThird', 'traditional', 'pinyin'),
  'lastThird+reworded+punctuation': compose('lastThird', 'reworded', 'punctuation'),
  'firstThird+spamAndBoilerplate': compose('firstThird', 'spamAndBoilerplate'),
};

/** The same index the database keeps, in memory. */
class MemoryIndex {
  private readonly keys = new Map<string, string[]>();
  readonly prints = new Map<string, Fingerprint>();
  add(id: string, fp: Fingerprint) {
    this.prints.set(id, fp);
    for (const k of keysOf(fp)) {
      const list = this.keys.get(k) ?? [];
      list.push(id);
      this.keys.set(k, list);
    }
  }
  /** Index hits, pruned exactly as the database path prunes them before verification. */
  candidates(fp: Fingerprint): Set<string> {
    const hit = new Set<string>();
    for (const k of keysOf(fp)) for (const id of this.keys.get(k) ?? []) hit.add(id);
    const out = new Set<string>();
    for (const id of hit) {
      const other = this.prints.get(id)!;
      const worth = worthVerifying({
        sentenceHits: other.sentenceHashes.filter((h) => fp.sentenceHashes.includes(h)).length,
        simhashNear: hammingDistance(other.simhash, fp.simhash) <= SIMHASH_MAX_DISTANCE,
        estimatedJaccard: estimateJaccard(fp.minhash, other.minhash),
      });
      if (worth) out.add(id);
    }
    return out;
  }
}
const keysOf = (fp: Fingerprint) => [
  ...fp.lshKeys.map((k, i) => `l:${i}:${k}`),
  ...fp.sentenceHashes.map((h) => `h:${h}`),
];

describe('originality detection quality on the corpus', () => {
  let corpus: Article[];
  let byId: Map<string, Article>;
  let index: MemoryIndex;
  let originals: Article[];

  beforeAll(() => {
    corpus = readFileSync(DEMO_CORPUS_URL, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Article);
    byId = new Map(corpus.map((a) => [a.id, a]));
    index = new MemoryIndex();
    for (const a of corpus) index.add(a.id, fingerprint(a.title, a.body));
    const r = seededRandom(7);
    originals = corpus
      .filter((a) => a.body.length >= MIN_BODY_CHARS)
      .map((a) => ({ a, k: r() }))
      .sort((x, y) => x.k - y.k)
      .slice(0, ORIGINALS)
      .map((x) => x.a);
  }, 120_000);

  /** Verified matches of a text against the index. */
  const lookup = (text: { title: string; body: string }) =>
    [...index.candidates(fingerprint(text.title, text.body))].filter(
      (id) => matchTexts(text, byId.get(id)!).isCopy,
    );

  const measure = (set: Record<string, Transform>, seed: number) => {
    const r = seededRandom(seed);
    const rows: string[] = [];
    let caught = 0;
    let total = 0;
    let wrong = 0;
    for (const [name, transform] of Object.entries(set)) {
      let hit = 0;
      for (const o of originals) {
        const copy = transform({ title: o.title, body: o.body }, r);
        const matches = lookup(copy);
        if (matches.includes(o.id)) hit++;
        // A match with another article is wrong unless that article itself copies the original.
        wrong += matches.filter((id) => id !== o.id && !matchTexts(byId.get(id)!, o).isCopy).length;
      }
      caught += hit;
      total += originals.length;
      rows.push(`${name} ${((hit / originals.length) * 100).toFixed(1)}%`);
    }
    return { recall: caught / total, wrong, rows, caught };
  };

  it('catches whole and partial copies with high precision', () => {
    const whole = measure(WHOLE, 11);
    const partial = measure(PARTIAL, 13);
    // Negatives: pairs of different articles, half of them from the same channel.
    const r = seededRandom(17);
    const byChannel = new Map<string, Article[]>();
    for (const a of corpus) byChannel.set(a.channel, [...(byChannel.get(a.channel) ?? []), a]);
    let falsePositives = 0;
    for (let i = 0; i < NEGATIVE_PAIRS; i++) {
      const a = corpus[Math.floor(r() * corpus.length)]!;
      const pool = i % 2 === 0 ? byChannel.get(a.channel)! : corpus;
      let b = pool[Math.floor(r() * pool.length)]!;
      if (b.id === a.id) b = pool[(pool.indexOf(b) + 1) % pool.length]!;
      if (b.id !== a.id && matchTexts(a, b).isCopy) falsePositives++;
    }
    const precision =
      (whole.caught + partial.caught) /
      (whole.caught + partial.caught + whole.wrong + partial.wrong + falsePositives);
    console.log(
      `[originality, ${ORIGINALS} originals among ${corpus.length}] whole copies: recall ${(whole.recall * 100).toFixed(1)}% (${whole.rows.join(', ')}); ` +
        `partial copies: recall ${(partial.recall * 100).toFixed(1)}% (${partial.rows.join(', ')}); ` +
        `wrong matches ${whole.wrong + partial.wrong}; negatives: ${falsePositives} of ${NEGATIVE_PAIRS} pairs flagged; precision ${(precision * 100).toFixed(2)}%`,
    );
    expect(whole.recall).toBeGreaterThanOrEqual(WHOLE_RECALL_MIN);
    expect(partial.recall).toBeGreaterThanOrEqual(PARTIAL_RECALL_MIN);
    expect(precision).toBeGreaterThanOrEqual(WHOLE_PRECISION_MIN);
  }, 600_000);
});
