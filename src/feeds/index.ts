export { toAtom, toJsonFeed, toRss, type FeedItem, type FeedMeta } from './feed.js';
export {
  NEWS_SITEMAP_MAX,
  NEWS_SITEMAP_WINDOW_HOURS,
  newsSitemap,
  SITEMAP_PAGE_SIZE,
  sitemapIndex,
  urlSet,
  type SitemapEntry,
} from './sitemap.js';
