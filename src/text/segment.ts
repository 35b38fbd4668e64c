/**
 * Words for search: text is normalised (full/half width folded, Traditional →
 * Simplified with stray pinyin removed, lower case), then segmented by jieba
 * in search mode (long words also yield their parts: 中华人民共和国 → 中华,
 * 人民, 共和国 …), with a user dictionary for names and terms.
 */
import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { toSimplified } from './convert.js';

let jieba: Jieba | undefined;

function segmenter(): Jieba {
  if (jieba) return jieba;
  jieba = Jieba.withDict(dict);
  jieba.loadDict(readFileSync(new URL('./user-dict.txt', import.meta.url)));
  return jieba;
}

/** NFKC (全角→半角), Traditional → Simplified, lower case. */
export function normalizeForSearch(text: string): string {
  return toSimplified(text.normalize('NFKC')).toLowerCase();
}

/** A token worth indexing: letters or digits in any script (punctuation and spaces are dropped). */
const WORDLIKE = /[\p{L}\p{N}]/u;

export function searchTokens(text: string): string[] {
  const normalized = normalizeForSearch(text);
  return segmenter()
    .cutForSearch(normalized, true)
    .map((t) => t.trim())
    .filter((t) => t.length > 0 && WORDLIKE.test(t));
}

/** Words of a search query: precise mode (the index holds these words and their parts). */
export function queryTokens(text: string): string[] {
  return segmenter()
    .cut(normalizeForSearch(text), true)
    .map((t) => t.trim())
    .filter((t) => t.length > 0 && WORDLIKE.test(t));
}
