export {
  computeAllRelated,
  computePendingRelated,
  DUPLICATE_SIMILARITY,
  queueRelatedRefresh,
  KEYWORDS_PER_ARTICLE,
  listRelatedArticles,
  listStoredRelated,
  RELATED_BATCH,
  RELATED_SIZE,
  RELATED_STORED,
  RELATED_CONSUMER,
  runRelatedConsumer,
} from './related.js';
