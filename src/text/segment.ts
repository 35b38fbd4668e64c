/**
 * Words for search: text is normalised (full/half width folded, Traditional →
 * Simplified with stray pinyin removed, lower case), then segmented by jieba
 * in search mode (long words also yield their parts: 中华人民共和国 → 中华,
 * 人民, 共和国 …), with a user dictionary for names and terms.
 *
 * A Segmenter belongs to one site: it carries the words that site's admins
 * added. The composition root makes one and passes it in; nothing here is
 * shared between sites in one process.
 */
import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { toSimplified } from './convert.js';

/** Frequency given to admin-added words: high enough that jieba keeps them whole. */
const EXTRA_WORD_FREQUENCY = 100;
/** A token worth indexing: letters or digits in any script (punctuation and spaces are dropped). */
const WORDLIKE = /[\p{L}\p{N}]/u;

/** NFKC (全角→半角), Traditional → Simplified, lower case. */
export function normalizeForSearch(text: string): string {
  return toSimplified(text.normalize('NFKC')).toLowerCase();
}

export class Segmenter {
  /** Built on first use (~0.5 s for the dictionaries), rebuilt when the admin words change. */
  #jieba: Jieba | undefined;
  /** Words added by admins (from the database), on top of the shipped user dictionary. */
  #extraWords: readonly string[] = [];
  /** A digest of the word list last loaded (search/dictionary.ts compares it). */
  version: string | undefined;

  /**
   * Replaces the admin-added words (jieba cannot unload words, so a change
   * rebuilds the segmenter on next use). Words are normalised like the text
   * they will be found in.
   */
  setExtraWords(words: readonly string[]): void {
    const next = [...new Set(words.map(normalizeForSearch))].sort();
    if (next.join('\n') === this.#extraWords.join('\n')) return;
    this.#extraWords = next;
    this.#jieba = undefined;
  }

  #segmenter(): Jieba {
    if (this.#jieba) return this.#jieba;
    const jieba = Jieba.withDict(dict);
    jieba.loadDict(readFileSync(new URL('./user-dict.txt', import.meta.url)));
    if (this.#extraWords.length > 0) {
      jieba.loadDict(
        Buffer.from(this.#extraWords.map((w) => `${w} ${EXTRA_WORD_FREQUENCY} nz\n`).join('')),
      );
    }
    this.#jieba = jieba;
    return jieba;
  }

  /** Words of a text to index: search mode (long words also yield their parts). */
  searchTokens(text: string): string[] {
    return this.#segmenter()
      .cutForSearch(normalizeForSearch(text), true)
      .map((t) => t.trim())
      .filter((t) => t.length > 0 && WORDLIKE.test(t));
  }

  /** Words of a search query: precise mode (the index holds these words and their parts). */
  queryTokens(text: string): string[] {
    return this.#segmenter()
      .cut(normalizeForSearch(text), true)
      .map((t) => t.trim())
      .filter((t) => t.length > 0 && WORDLIKE.test(t));
  }
}
