export {
  clearSearchIndex,
  countUnindexed,
  indexAll,
  INDEX_BATCH,
  indexPendingArticles,
  tsvectorLiteral,
} from './index-documents.js';
export {
  parseQuery,
  QUERY_MAX_CHARS,
  RECENCY_DAYS,
  SEARCH_MAX_LIMIT,
  SEARCH_PAGE_SIZE,
  searchArticleIds,
  toTsquery,
  type ParsedQuery,
  type SearchFilters,
  type SearchResult,
} from './query.js';
export { searchArticles, type SearchOptions } from './results.js';
export {
  addDictionaryWord,
  DICTIONARY_WORD_MAX_CHARS,
  DictionaryWordSchema,
  listDictionaryWords,
  removeDictionaryWord,
  syncDictionary,
  type DictionaryWordInput,
} from './dictionary.js';
