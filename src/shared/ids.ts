import { randomInt } from 'node:crypto';

/**
 * Article ids: 12 characters from a 32-symbol alphabet without look-alikes
 * (no 0/o, 1/l), i.e. 60 random bits. Safe in URLs, not guessable in sequence,
 * short enough to read aloud or type from a printed page.
 */
const ARTICLE_ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const ARTICLE_ID_LENGTH = 12;
export const ARTICLE_ID_PATTERN = /^[a-km-np-z2-9]{12}$/;

export function newArticleId(): string {
  let id = '';
  for (let i = 0; i < ARTICLE_ID_LENGTH; i++) {
    id += ARTICLE_ID_ALPHABET[randomInt(ARTICLE_ID_ALPHABET.length)];
  }
  return id;
}

/** A stable 32-bit FNV-1a hash, for deterministic spreading (demo data), never for security. */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
