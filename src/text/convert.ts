/**
 * Simplified ↔ Traditional conversion with OpenCC's phrase dictionaries
 * (never character by character: 头发→頭髮, 里程碑 stays 里程碑, 后来→後來 but
 * 皇后 stays 皇后). Display uses Taiwan-standard characters without vocabulary
 * localisation (软件→軟件, not 軟體). Input (search, fingerprints) goes the
 * other way, Taiwan Traditional → Simplified, after stray pinyin annotations
 * such as "網(wǎng)易" are removed.
 */
import * as cn2t from 'opencc-js/cn2t';
import * as t2cn from 'opencc-js/t2cn';

type Convert = (text: string) => string;
let simplifiedToTraditional: Convert | undefined;
let traditionalToSimplified: Convert | undefined;

/** Simplified → Traditional (Taiwan standard characters, phrase-level). */
export function toTraditional(text: string): string {
  const convert = (simplifiedToTraditional ??= cn2t.Converter({ from: 'cn', to: 'tw' }));
  return convert(text);
}

/** Traditional (Taiwan, Hong Kong or OpenCC standard) → Simplified, pinyin annotations removed first. */
export function toSimplified(text: string): string {
  const convert = (traditionalToSimplified ??= t2cn.Converter({ from: 'tw', to: 'cn' }));
  return convert(stripPinyinAnnotations(text));
}

/** Tone-marked pinyin in brackets right after a Han character: 網(wǎng)易 → 網易. */
const PINYIN_ANNOTATION =
  /(?<=\p{Script=Han})[（(]\s*[a-zA-Züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹü][a-zA-Züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ]*\s*[)）]/gu;

export function stripPinyinAnnotations(text: string): string {
  return text.replace(PINYIN_ANNOTATION, '');
}
