export { recordShare, SHARE_TARGETS, ShareInputSchema, type ShareTarget } from './shares.js';
export { isFollowing, toggleFollow } from './follows.js';
export {
  BOT_USER_AGENT,
  networkPrefix,
  PREFIX_DAILY_CAP,
  VIEW_DEDUP_MS,
  ViewBuffer,
  type ViewInput,
  type ViewOutcome,
} from './views.js';
export {
  approveComment,
  COMMENT_MAX_CHARS,
  CommentInputSchema,
  findCommentOrThrow,
  listComments,
  listCommentsForModeration,
  postComment,
  removeComment,
  reportComment,
  toggleCommentLike,
  wilsonLowerBound,
  type CommentInput,
  type CommentView,
} from './comments.js';
export { creatorDailyStats, STATS_DAYS, type DailyStats } from './stats.js';
