export { normalizeQuery, QUERY_MAX_CHARS, searchArticles } from './simple.js';
