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
/** Words added by admins (from the database), on top of the shipped user dictionary. */
let extraWords: readonly string[] = [];

/** Frequency given to admin-added words: high enough that jieba keeps them whole. */
const EXTRA_WORD_FREQUENCY = 100;

function segmenter(): Jieba {
  if (jieba) return jieba;
  jieba = Jieba.withDict(dict);
  jieba.loadDict(readFileSync(new URL('./user-dict.txt', import.meta.url)));
  if (extraWords.length > 0) {
    jieba.loadDict(
      Buffer.from(extraWords.map((w) => `${w} ${EXTRA_WORD_FREQUENCY} nz\n`).join('')),
    );
  }
  return jieba;
}

/**
 * Replaces the admin-added words (jieba cannot unload words, so a change
 * rebuilds the segmenter on next use). Words are normalised like the text
 * they will be found in.
 */
export function setExtraWords(words: readonly string[]): void {
  const next = [...new Set(words.map(normalizeForSearch))].sort();
  if (next.join('\n') === extraWords.join('\n')) return;
  extraWords = next;
  jieba = undefined;
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
