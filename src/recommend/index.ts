export { listRelatedArticles, RELATED_SIZE } from './related.js';
