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
  formatHeat,
  GRAVITY,
  HEAT_SCALE,
  heatOf,
  HOT_WEIGHTS,
  hotScore,
  titleKey,
  trendOf,
  type HotTrend,
} from './hot-score.js';
export { HOT_HISTORY_DAYS, HOT_LIST_SIZE, rankCandidates, refreshHotLists } from './refresh.js';
