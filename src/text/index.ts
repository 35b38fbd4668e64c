export { excerpt } from './excerpt.js';
export {
  codePointLength,
  findUnicodeProblem,
  hasVisibleText,
  type UnicodeProblem,
} from './unicode.js';
export { stripPinyinAnnotations, toSimplified, toTraditional } from './convert.js';
export { normalizeForSearch, queryTokens, searchTokens, setExtraWords } from './segment.js';
