/** The kinds of notification, how each reads, and what a reader gets by default. */

export const NOTIFICATION_TYPES = [
  'comment_reply',
  'article_comment',
  'new_follower',
  'comment_like',
  'application_decided',
  'originality_match',
  'moderation_outcome',
  'followed_article',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export interface Channels {
  /** Shown in the notification centre (and counted in the bell). */
  readonly inApp: boolean;
  /** Mailed at once. */
  readonly email: boolean;
  /** In the daily digest mail (when not mailed at once). */
  readonly digest: boolean;
}

export interface TypeInfo {
  readonly label: string;
  /** Who gets it, for the preferences page. */
  readonly hint: string;
  readonly defaults: Channels;
}

/**
 * Defaults: everything in the centre; decisions about a reader's own content
 * and application by mail at once (they change what the reader can do);
 * conversation and followers in the daily digest; likes only in the centre.
 */
export const TYPE_INFO: Readonly<Record<NotificationType, TypeInfo>> = {
  comment_reply: {
    label: '回复我的评论',
    hint: '有人回复了你的评论',
    defaults: { inApp: true, email: false, digest: true },
  },
  article_comment: {
    label: '评论我的文章',
    hint: '有人评论了你的文章（创作者）',
    defaults: { inApp: true, email: false, digest: true },
  },
  new_follower: {
    label: '新粉丝',
    hint: '有人关注了你（创作者）',
    defaults: { inApp: true, email: false, digest: true },
  },
  comment_like: {
    label: '评论被点赞',
    hint: '有人赞了你的评论',
    defaults: { inApp: true, email: false, digest: false },
  },
  application_decided: {
    label: '入驻申请结果',
    hint: '你的创作者入驻申请通过或未通过',
    defaults: { inApp: true, email: true, digest: false },
  },
  originality_match: {
    label: '原创保护',
    hint: '你的文章被他人的文章大段复制（创作者）',
    defaults: { inApp: true, email: true, digest: false },
  },
  moderation_outcome: {
    label: '审核结果',
    hint: '编辑对你的文章或评论作出的处理',
    defaults: { inApp: true, email: true, digest: false },
  },
  followed_article: {
    label: '关注的创作者发文',
    hint: '你关注的创作者发布了新文章',
    defaults: { inApp: true, email: false, digest: true },
  },
};

export const isNotificationType = (v: string): v is NotificationType =>
  (NOTIFICATION_TYPES as readonly string[]).includes(v);

/** What a moderation decision did, in words. */
export const OUTCOME_WORDS: Readonly<Record<string, string>> = {
  approved: '已通过审核并发布',
  rejected: '未通过审核，已退回草稿',
  removed: '已被编辑删除',
  restored: '已恢复发布',
  comment_approved: '已通过审核并显示',
  comment_removed: '已被编辑删除',
};

/** One line saying what happened ("张三 回复了你的评论"), for the centre and mail. */
export function describe(
  type: string,
  actorName: string | null,
  target: { title: string; excerpt?: string },
): string {
  const who = actorName ?? '有人';
  const quote = target.excerpt ? `：「${target.excerpt}」` : '';
  switch (type) {
    case 'comment_reply':
      return `${who} 回复了你在《${target.title}》的评论${quote}`;
    case 'article_comment':
      return `${who} 评论了你的文章《${target.title}》${quote}`;
    case 'new_follower':
      return `${who} 关注了你`;
    case 'comment_like':
      return `${who} 赞了你在《${target.title}》的评论${quote}`;
    case 'application_decided':
      return target.excerpt
        ? `你的入驻申请未通过。理由：${target.excerpt}`
        : `你的入驻申请已通过，欢迎成为创作者「${target.title}」！现在可以在创作中心发文了`;
    case 'originality_match':
      return `你的文章《${target.title}》被他人的文章大段复制${quote}`;
    case 'moderation_outcome':
      return `你的${target.title}${target.excerpt ?? ''}`;
    case 'followed_article':
      return `${who} 发布了新文章《${target.title}》`;
    default:
      return target.title;
  }
}
