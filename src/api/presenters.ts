/**
 * What the API sends (STYLE 5): one presenter per resource, each beside the
 * zod schema of its output. The schemas document the responses in the
 * OpenAPI document, and the presenters are typed against them, so the
 * documented shape and the sent shape cannot drift apart.
 */
import { z } from 'zod';
import { ROLES } from '../accounts/index.js';
import {
  ARTICLE_STATUSES,
  withRefs,
  type ArticleCard,
  type ArticleItem,
  type ArticleRecord,
  type ArticleView,
} from '../articles/index.js';
import type { Queryable } from '../db/client.js';
import { ACCOUNT_TYPES, APPLICATION_STATUSES, type Application } from '../creators/index.js';
import type { CommentView } from '../engagement/index.js';
import type { PublishOutcome } from '../moderation/index.js';
import { AppError, ERROR_CODES } from '../shared/errors.js';

const when = z.iso.datetime({ offset: true });

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES]),
      message: z.string().meta({ description: '给人看的中文说明' }),
      fields: z
        .array(
          z.object({
            path: z.string().meta({ description: '出错的字段（嵌套用 . 连接），空串表示整个输入' }),
            message: z.string().meta({ description: '中文说明，如“必填”“最多 64 个字符”' }),
          }),
        )
        .optional()
        .meta({ description: 'VALIDATION_FAILED 等：逐个字段的问题' }),
    }),
  })
  .meta({ description: '错误：稳定的 code（见 docs/errors.md）与中文 message' });

export const UserOut = z.object({
  id: z.uuid(),
  email: z.string(),
  display_name: z.string(),
  role: z.enum(ROLES),
});

export function presentUser(u: {
  id: string;
  email: string;
  displayName: string;
  role: (typeof ROLES)[number];
}): z.input<typeof UserOut> {
  return { id: u.id, email: u.email, display_name: u.displayName, role: u.role };
}

export const ArticleCardOut = z.object({
  id: z.string(),
  url: z.string(),
  title: z.string(),
  summary: z.string(),
  status: z.enum(ARTICLE_STATUSES),
  channel: z.object({ slug: z.string(), name: z.string() }),
  author: z.object({ handle: z.string(), name: z.string(), url: z.string() }),
  published_at: when.nullable(),
  updated_at: when,
  claim_original: z.boolean().meta({ description: '原创声明' }),
  source: z.object({ name: z.string(), url: z.string() }).meta({ description: '转载来源' }),
  counts: z.object({
    views: z.int(),
    shares: z.int(),
    comments: z.int(),
    likes: z.int().meta({ description: '点赞数' }),
  }),
  image: z
    .object({ url: z.string(), thumbnail_url: z.string(), width: z.int(), height: z.int() })
    .nullable()
    .meta({ description: '文章配图：封面，没有封面时取正文第一张图片' }),
});

export function presentArticleCard(
  a: ArticleCard,
  publicUrl: string,
): z.input<typeof ArticleCardOut> {
  return {
    id: a.id,
    url: `${publicUrl}/article/${a.id}`,
    title: a.title,
    summary: a.summary,
    status: a.status,
    channel: { slug: a.channel.slug, name: a.channel.name },
    author: {
      handle: a.author.handle,
      name: a.author.displayName,
      url: `${publicUrl}/author/${a.author.handle}`,
    },
    published_at: a.publishedAt?.toISOString() ?? null,
    updated_at: a.updatedAt.toISOString(),
    claim_original: a.originalityClaim,
    source: { name: a.sourceName, url: a.sourceUrl },
    counts: {
      views: a.stats.views,
      shares: a.stats.shares,
      comments: a.stats.comments,
      likes: a.stats.likes,
    },
    image: a.image
      ? {
          url: `${publicUrl}${a.image.url}`,
          thumbnail_url: `${publicUrl}${a.image.thumbnailUrl}`,
          width: a.image.width,
          height: a.image.height,
        }
      : null,
  };
}

export const ArticleOut = ArticleCardOut.extend({
  revision: z.int(),
  cover_image_id: z.uuid().nullable(),
  tags: z.array(z.string()).meta({ description: '标签，按作者给出的顺序' }),
  scheduled_at: when.nullable(),
  body: z.object({
    format: z.enum(['text', 'markdown']),
    source: z.string().meta({ description: '作者写的 Markdown（或纯文本）' }),
    html: z.string().meta({ description: '渲染并净化后的 HTML' }),
  }),
});

export function presentArticle(a: ArticleView, publicUrl: string): z.input<typeof ArticleOut> {
  return {
    ...presentArticleCard(a, publicUrl),
    revision: a.revision,
    cover_image_id: a.coverImageId,
    tags: [...a.tags],
    scheduled_at: a.scheduledAt?.toISOString() ?? null,
    body: { format: a.bodyFormat, source: a.bodySource, html: a.bodyHtml },
  };
}

/** Cards of a list: their authors' and channels' names in one query for the whole list. */
export async function presentCards<T extends ArticleItem>(
  db: Queryable,
  items: readonly T[],
  publicUrl: string,
): Promise<z.input<typeof ArticleCardOut>[]> {
  return (await withRefs(db, items)).map((a) => presentArticleCard(a, publicUrl));
}

/** One article with its author's and channel's names. */
export async function presentRecord(
  db: Queryable,
  record: ArticleRecord | undefined,
  publicUrl: string,
): Promise<z.input<typeof ArticleOut>> {
  const [article] = record ? await withRefs(db, [record]) : [];
  if (!article) throw new AppError('ARTICLE_NOT_FOUND');
  return presentArticle(article, publicUrl);
}

const MatchOut = z.object({
  article_id: z.string(),
  title: z.string(),
  kind: z.string(),
  containment: z.number(),
  reverse_containment: z.number(),
});

export const PublishingOut = z
  .object({
    status: z.enum(['published', 'held']),
    claim_refused: z.boolean(),
    repost_of: z.object({ article_id: z.string(), title: z.string() }).nullable(),
    copies: z.array(MatchOut),
    own_matches: z.array(MatchOut),
    reasons: z.array(z.object({ code: z.string(), detail: z.string() })),
  })
  .meta({ description: '发布检查的结果（原创保护与内容安全）' });

export function presentOutcome(o: PublishOutcome): z.input<typeof PublishingOut> {
  const match = (m: PublishOutcome['copies'][number]) => ({
    article_id: m.originalId,
    title: m.originalTitle,
    kind: m.kind,
    containment: Number(m.containment.toFixed(3)),
    reverse_containment: Number(m.reverseContainment.toFixed(3)),
  });
  return {
    status: o.status,
    claim_refused: o.claimRefused,
    repost_of: o.repostOf ? { article_id: o.repostOf.id, title: o.repostOf.title } : null,
    copies: o.copies.map(match),
    own_matches: o.ownMatches.map(match),
    reasons: o.reasons.map((r) => ({ code: r.code, detail: r.detail })),
  };
}

export const ApplicationOut = z.object({
  id: z.uuid(),
  display_name: z.string(),
  handle: z.string(),
  account_type: z.enum(ACCOUNT_TYPES),
  tagline: z.string(),
  bio: z.string(),
  focus_channels: z.array(z.string()),
  sample_links: z.array(z.string()),
  contact: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  decision_reason: z.string().nullable(),
  decided_at: when.nullable(),
  created_at: when,
});

export function presentApplication(a: Application): z.input<typeof ApplicationOut> {
  return {
    id: a.id,
    display_name: a.displayName,
    handle: a.handle,
    account_type: a.accountType,
    tagline: a.tagline,
    bio: a.bio,
    focus_channels: [...a.focusChannels],
    sample_links: [...a.sampleLinks],
    contact: a.contact,
    status: a.status,
    decision_reason: a.decisionReason,
    decided_at: a.decidedAt?.toISOString() ?? null,
    created_at: a.createdAt.toISOString(),
  };
}

export const CommentOut = z.object({
  id: z.uuid(),
  parent_id: z.uuid().nullable(),
  body: z.string(),
  status: z.enum(['visible', 'held', 'removed']),
  likes: z.int(),
  quality: z.number().meta({ description: 'Wilson 下界（按质量排序所用）' }),
  created_at: when,
  author: z.object({ name: z.string() }),
  quotes: z
    .array(z.object({ id: z.uuid(), body: z.string(), author: z.object({ name: z.string() }) }))
    .meta({ description: '盖楼：被回复的评论链' }),
});

export function presentComment(c: CommentView): z.input<typeof CommentOut> {
  return {
    id: c.id,
    parent_id: c.parentId,
    body: c.body,
    status: c.status,
    likes: c.likes,
    quality: Math.round(c.quality * 1e4) / 1e4,
    created_at: c.createdAt.toISOString(),
    author: { name: c.user.displayName },
    quotes: c.quotes.map((q) => ({ id: q.id, body: q.body, author: { name: q.displayName } })),
  };
}

/** A page of a list: the items and the cursor of the next page (null on the last). */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    next_cursor: z.string().nullable().meta({ description: '下一页的 cursor；最后一页为 null' }),
  });
}
