import { z } from 'zod';
import { codePointLength, findUnicodeProblem, hasVisibleText } from '../text/index.js';
import { TagsSchema } from './tags.js';

export const ARTICLE_STATUSES = ['draft', 'scheduled', 'published', 'removed', 'held'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** Long enough for any real headline (and every string of the naughty-strings list), bounded against abuse. */
export const TITLE_MAX_CHARS = 300;
export const SUMMARY_MAX_CHARS = 500;
/** The longest corpus article is ~20k characters; 10× that leaves room for long-form work. */
export const BODY_MAX_CHARS = 200_000;

const UNICODE_MESSAGES = {
  nul: '包含空字符（U+0000），无法保存',
  'lone-surrogate': '包含不成对的代理项（无效的 Unicode），无法保存',
} as const;

/** Text stored exactly as given: no trimming or normalising, only refusal of what cannot be stored. */
function losslessText(field: string, maxChars: number, required: boolean) {
  return z.string().superRefine((value, ctx) => {
    const problem = findUnicodeProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `${field}${UNICODE_MESSAGES[problem]}` });
    if (required && !hasVisibleText(value)) {
      ctx.addIssue({ code: 'custom', message: `请填写${field}` });
    }
    if (codePointLength(value) > maxChars) {
      ctx.addIssue({ code: 'custom', message: `${field}最多 ${maxChars} 个字符` });
    }
  });
}

export const ArticleContentSchema = z.object({
  title: losslessText('标题', TITLE_MAX_CHARS, true),
  summary: losslessText('摘要', SUMMARY_MAX_CHARS, false).optional(),
  bodyFormat: z.enum(['text', 'markdown']).default('text'),
  body: losslessText('正文', BODY_MAX_CHARS, true),
});

/** What a creator writes in the studio or sends to POST /api/v1/articles. */
export const ArticleDraftSchema = z.strictObject({
  title: losslessText('标题', TITLE_MAX_CHARS, true),
  channel: z.string({ error: '请选择频道' }).min(1, '请选择频道').max(64),
  summary: losslessText('摘要', SUMMARY_MAX_CHARS, false).optional(),
  bodyMarkdown: losslessText('正文', BODY_MAX_CHARS, true),
  coverImageId: z.uuid({ error: '封面图片编号无效' }).nullable().optional(),
  claimOriginal: z.boolean().default(false),
  /** 标签; left out, a save keeps the article's tags as they are. */
  tags: TagsSchema.optional(),
});
export type ArticleDraftInput = z.input<typeof ArticleDraftSchema>;

export const CreateArticleSchema = ArticleContentSchema.extend({
  authorId: z.uuid(),
  channelId: z.number().int().positive(),
  /** `scheduled` (imports of future posts) goes out at `publishedAt`. */
  status: z.enum(['draft', 'published', 'scheduled']).default('draft'),
  publishedAt: z.date().optional(),
  coverImageId: z.uuid().optional(),
  originalityClaim: z.boolean().default(false),
  sourceName: z.string().max(200).default(''),
  sourceUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).default(''),
  externalId: z.string().min(1).max(200).optional(),
  /** 标签 (imports and the demo). */
  tags: TagsSchema.default([]),
});
export type CreateArticleInput = z.input<typeof CreateArticleSchema>;

/** What lists read about an article (a projection, never a raw row): its author and channel by id. */
export interface ArticleItem {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly status: ArticleStatus;
  readonly publishedAt: Date | null;
  readonly updatedAt: Date;
  readonly originalityClaim: boolean;
  readonly sourceName: string;
  readonly sourceUrl: string;
  readonly authorId: string;
  readonly channelId: number;
  readonly stats: {
    readonly views: number;
    readonly shares: number;
    readonly comments: number;
    readonly likes: number;
  };
  /** The picture that stands for the article: its cover, else the first image of its body. */
  readonly imageId: string | null;
}

/** What one article's page and the API read about it, author and channel by id. */
export interface ArticleRecord extends ArticleItem {
  readonly bodyHtml: string;
  readonly bodySource: string;
  readonly bodyFormat: 'text' | 'markdown';
  readonly coverImageId: string | null;
  readonly revision: number;
  readonly scheduledAt: Date | null;
  /** 标签, in the author's order. */
  readonly tags: readonly string[];
}

/** An author or channel as a list shows it. */
export interface AuthorRef {
  readonly id: string;
  readonly handle: string;
  readonly displayName: string;
}
export interface ChannelRef {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
}

/** An article's picture as lists and pages link it: its smallest and largest stored variants. */
export interface ArticleImage {
  readonly id: string;
  /** For thumbnails (the smallest variant, ≤ 480 px wide). */
  readonly thumbnailUrl: string;
  /** For og:image and JSON-LD (the largest variant). */
  readonly url: string;
  readonly width: number;
  readonly height: number;
}

/** What a list shows: an item with its author's and channel's names (attachRefs), and its picture. */
export type WithRefs<T extends { authorId: string; channelId: number }> = Omit<
  T,
  'authorId' | 'channelId'
> & {
  readonly author: AuthorRef;
  readonly channel: ChannelRef;
  /** Resolved from `imageId` when the image exists. */
  readonly image?: ArticleImage;
};

export type ArticleCard = WithRefs<ArticleItem>;
export type ArticleView = WithRefs<ArticleRecord>;
