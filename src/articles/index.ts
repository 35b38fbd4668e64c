export {
  ARTICLE_STATUSES,
  ArticleContentSchema,
  BODY_MAX_CHARS,
  CreateArticleSchema,
  TITLE_MAX_CHARS,
  type ArticleCard,
  type ArticleStatus,
  type ArticleView,
  type CreateArticleInput,
} from './article.js';
export { createArticle, createArticles, removeArticle } from './commands.js';
export {
  ImportLineError,
  ImportLineSchema,
  importArticles,
  type ImportFailure,
  type ImportLine,
  type ImportOptions,
  type ImportReport,
} from './import.js';
export {
  countPublishedArticles,
  findArticle,
  getPublishedArticleOrThrow,
  listArticleUrls,
  listLatestArticles,
  listMostViewedSince,
  listPublishedArticles,
  listPublishedArticlesWithBody,
  listTopNewsByChannel,
  type ListFilter,
} from './queries.js';
export { renderTextBody } from './render.js';
