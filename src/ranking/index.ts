export { HOT_BLOCK_SIZE, HOT_PAGE_SIZE, HOT_WINDOW_DAYS, listHotArticles } from './hot.js';
