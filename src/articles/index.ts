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
  type ArticleImage,
  type ArticleItem,
  type ArticleRecord,
  type ArticleStatus,
  type ArticleView,
  type AuthorRef,
  type ChannelRef,
  type WithRefs,
  type CreateArticleInput,
} from './article.js';
export { createArticle, createArticles } from './commands.js';
export {
  addArticleShares,
  addArticleViews,
  adjustArticleCounter,
  getArticleCounter,
  type ArticleCounter,
} from './counters.js';
export {
  ImportLineError,
  ImportLineSchema,
  importArticles,
  type ImportFailure,
  type ImportLine,
  type ImportOptions,
  type ImportReport,
} from './import.js';
export { loadRefs, withRefs, type RefResolver } from './refs.js';
export {
  findArticleAuthorId,
  findArticleStanding,
  getArticleFacts,
  getArticleTexts,
  listArticleIdsOfAuthor,
  listChannelIdsWithArticles,
  listPublishedBetween,
  listPublishedStamps,
  type ArticleText,
} from './facts.js';
export {
  countArticlesByStatus,
  countPublishedArticles,
  findArticle,
  findArticlesByExternalId,
  findImportedExternalIds,
  getPublishedArticleOrThrow,
  listArticleUrls,
  listArticlesOfAuthor,
  listImportedIds,
  listLatestArticles,
  listMostViewedSince,
  listPublishedArticles,
  listPublishedArticlesWithBody,
  listRemovedArticles,
  listStudioArticles,
  listTopNewsByChannel,
  type ListFilter,
  type OwnArticleStatus,
} from './queries.js';
export { renderTextBody } from './render.js';
export { imageIdsIn, renderMarkdown, sanitize } from './markdown.js';
export { createDraft, renderPreview, saveArticle } from './drafts.js';
export {
  getTagsOf,
  normalizeTag,
  splitTagText,
  TAG_MAX_CHARS,
  TAGS_MAX,
  TagsSchema,
} from './tags.js';
export {
  publishArticle,
  publishDueArticles,
  type PublishableArticle,
  type PublishGate,
  type PublishVerdict,
} from './publishing.js';
export { getRevisionOrThrow, listRevisions, restoreRevision } from './revisions.js';
export { diffLines, type DiffPart } from './revision-diff.js';
export { deleteUnusedImage, listImageUses, type ImageUse } from './image-uses.js';
export {
  checkScheduleTime,
  removeArticle,
  restoreArticle,
  scheduleArticle,
  unpublishArticle,
} from './status.js';
export { deleteArticlesOfAuthor, exportArticlesOf, type ArticleExport } from './erase.js';
export { removeChannel } from './channel-removal.js';
