export {
  ARTICLE_STATUSES,
  ArticleContentSchema,
  ArticleDraftSchema,
  type ArticleDraftInput,
  BODY_MAX_CHARS,
  SUMMARY_MAX_CHARS,
  CreateArticleSchema,
  TITLE_MAX_CHARS,
  type ArticleCard,
  type ArticleStatus,
  type ArticleView,
  type CreateArticleInput,
} from './article.js';
export { createArticle, createArticles, removeArticle, restoreArticle } from './commands.js';
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
  listArticlesOfAuthor,
  listLatestArticles,
  listMostViewedSince,
  listPublishedArticles,
  listPublishedArticlesWithBody,
  listTopNewsByChannel,
  selectArticleCards,
  type ListFilter,
  type OwnArticleStatus,
} from './queries.js';
export { renderTextBody } from './render.js';
export {
  findImages,
  getImageOrThrow,
  IMAGE_DECODE_CONCURRENCY,
  IMAGE_MAX_BYTES,
  IMAGE_MAX_PIXELS,
  IMAGE_WIDTHS,
  sniffImageType,
  storeImage,
  type StoredImage,
} from './images.js';
export { renderMarkdown, sanitize, type ImageInfo } from './markdown.js';
export {
  createDraft,
  getRevisionOrThrow,
  listRevisions,
  listStudioArticles,
  holdArticle,
  markRepost,
  publishArticle,
  refuseOriginalityClaim,
  listDueArticleIds,
  lockArticle,
  returnScheduledToDraft,
  saveArticle,
  scheduleArticle,
  unpublishArticle,
} from './studio.js';
