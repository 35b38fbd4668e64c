export { excerpt } from './excerpt.js';
export {
  codePointLength,
  findUnicodeProblem,
  hasVisibleText,
  type UnicodeProblem,
} from './unicode.js';
export { stripPinyinAnnotations, toSimplified, toTraditional } from './convert.js';
export { normalizeForSearch, Segmenter } from './segment.js';
export { bigrams, textPieces, type TextPiece } from './grams.js';
export {
  compareShingles,
  compareTexts,
  fingerprint,
  hammingDistance,
  hash53,
  lshKeys,
  matchingPassages,
  normalizeForFingerprint,
  normalizedReadings,
  normalizeText,
  sentenceHashes,
  shingles,
  type Fingerprint,
  type MatchScores,
} from './fingerprint.js';
