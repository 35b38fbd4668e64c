export { recordShare, SHARE_TARGETS, ShareInputSchema, type ShareTarget } from './shares.js';
export {
  insertImportedComments,
  listCommentsOn,
  type ImportedComment,
} from './imported-comments.js';
export { VisitorSalt } from './visitors.js';
export {
  BOT_USER_AGENT,
  networkPrefix,
  PREFIX_DAILY_CAP,
  VIEW_DEDUP_MS,
  pruneViewCounting,
  ViewBuffer,
  type ViewInput,
  type ViewOutcome,
} from './views.js';
export {
  approveComment,
  countCommentQueue,
  getCommentExcerpts,
  listCommentsForModeration,
  removeComment,
} from './comment-moderation.js';
export {
  COMMENT_MAX_CHARS,
  CommentInputSchema,
  findCommentOrThrow,
  listComments,
  postComment,
  reportComment,
  toggleCommentLike,
  wilsonLowerBound,
  type CommentInput,
  type CommentView,
} from './comments.js';
export { creatorDailyStats, STATS_DAYS, type DailyStats } from './stats.js';
export {
  importEngagementHistory,
  siteEngagementOn,
  sumEngagementSince,
  type DailyEngagementRow,
  type EngagementTotals,
} from './daily.js';
export {
  eraseEngagementOf,
  exportEngagementOf,
  listRecentCommentsOf,
  type CommentExport,
} from './erase.js';
export {
  bookmarkArticle,
  getReaderState,
  likeArticle,
  listBookmarks,
  unbookmarkArticle,
  unlikeArticle,
  type LikeState,
  type ReaderListCursor,
  type ReaderListEntry,
} from './reactions.js';
export { clearReadingHistory, listReadingHistory, removeFromReadingHistory } from './history.js';
