export {
  clearSearchIndex,
  countUnindexed,
  INDEX_LOCK,
  indexAll,
  indexArticles,
  INDEX_BATCH,
  reindexStale,
  runSearchConsumer,
  SEARCH_CONSUMER,
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
export { distinctiveTerms, wordSetOverlap, type TermOptions } from './terms.js';
