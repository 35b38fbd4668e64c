export {
  HOT_BLOCK_SIZE,
  HOT_PAGE_SIZE,
  listHotArticles,
  listHotItems,
  type HotItem,
} from './hot.js';
export {
  AGE_OFFSET_HOURS,
  CANDIDATE_MAX_AGE_DAYS,
  ENGAGEMENT_WINDOW_DAYS,
  GRAVITY,
  HOT_WEIGHTS,
  hotScore,
  titleKey,
} from './hot-score.js';
export { HOT_LIST_SIZE, rankCandidates, refreshHotLists } from './refresh.js';
