/**
 * Simplified ↔ Traditional conversion with OpenCC's phrase dictionaries
 * (never character by character: 头发→頭髮, 里程碑 stays 里程碑, 后来→後來 but
 * 皇后 stays 皇后). Display is Taiwan standard with Taiwan's words (OpenCC
 * `twp`: 软件→軟體, 鼠标→滑鼠, 登录→登入, 搜索→搜尋), plus the few phrases of our
 * own interface OpenCC gets wrong (TAIWAN_FIXES). Input (search,
 * fingerprints) goes the other way, Taiwan Traditional → Simplified (軟體→软件),
 * after stray pinyin annotations such as "網(wǎng)易" are removed.
 */
import * as cn2t from 'opencc-js/cn2t';
import * as t2cn from 'opencc-js/t2cn';

/**
 * The converters: OpenCC's phrase dictionaries compiled once per process
 * (~0.3 s). They are immutable lookup tables, like the code itself: every app
 * in a process may share them, as nothing about a site is in them.
 */
const simplifiedToTraditional = cn2t.Converter({ from: 'cn', to: 'twp' });
const traditionalToSimplified = t2cn.Converter({ from: 'twp', to: 'cn' });
/** Characters (and OpenCC's standard phrases) only, keeping the writer's words: 線上 → 线上, not 在线. */
const traditionalToSimplifiedCharacters = t2cn.Converter({ from: 'tw', to: 'cn' });

/**
 * What Taiwan says where OpenCC's phrases do not: 工具列 (a toolbar), 並 (and)
 * where OpenCC reads 并 as 併 (merge), and 聲明 for a statement.
 */
const TAIWAN_FIXES: [string, string][] = [
  ['工具欄', '工具列'],
  ['併發布', '並發布'],
  ['併發表', '並發表'],
  ['特別宣告', '特別聲明'],
];
const taiwanFixes = cn2t.CustomConverter(TAIWAN_FIXES);

/** Simplified → Traditional (Taiwan standard characters and words, phrase-level). */
export function toTraditional(text: string): string {
  return taiwanFixes(simplifiedToTraditional(text));
}

/** Traditional (Taiwan, Hong Kong or OpenCC standard) → Simplified, pinyin annotations removed first. */
export function toSimplified(text: string): string {
  return traditionalToSimplified(stripPinyinAnnotations(text));
}

/**
 * Every Simplified reading of a text worth matching against: with Taiwan's
 * words turned into the mainland's (線上 → 在线) and with the writer's words
 * kept (線上 → 线上). One entry when they agree. For matching terms (the spam
 * lexicon), where either reading may be the one a term was written in.
 */
export function simplifiedReadings(text: string): string[] {
  const stripped = stripPinyinAnnotations(text);
  const byWord = traditionalToSimplified(stripped);
  const byCharacter = traditionalToSimplifiedCharacters(stripped);
  return byWord === byCharacter ? [byWord] : [byWord, byCharacter];
}

/** Tone-marked pinyin in brackets right after a Han character: 網(wǎng)易 → 網易. */
const PINYIN_ANNOTATION =
  /(?<=\p{Script=Han})[（(]\s*[a-zA-Züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹü][a-zA-Züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ]*\s*[)）]/gu;

export function stripPinyinAnnotations(text: string): string {
  return text.replace(PINYIN_ANNOTATION, '');
}
