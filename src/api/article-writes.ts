/** A creator's writes: create, change, publish (through the checks) and delete articles. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { requireCreator, requireViewer } from '../accounts/index.js';
import {
  ArticleDraftSchema,
  BODY_MAX_CHARS,
  checkScheduleTime,
  createDraft,
  findArticle,
  removeArticle,
  saveArticle,
  scheduleArticle,
  SUMMARY_MAX_CHARS,
  TAG_MAX_CHARS,
  TAGS_MAX,
  TITLE_MAX_CHARS,
  type ArticleDraftInput,
  type ArticleRecord,
} from '../articles/index.js';
import { getChannelRefs } from '../channels/index.js';
import type { AppContext } from '../context.js';
import type { ZodTypeProvider } from '../http/route-schema.js';
import { publishChecked, type PublishOutcome } from '../moderation/index.js';
import { getSiteSettings } from '../settings/index.js';
import { RATE_RULES } from '../shared/rate-limit.js';
import { ArticleOut, presentOutcome, presentRecord, PublishingOut } from './presenters.js';

import { byId, editableArticle, notFound } from './article-access.js';

const draft = ArticleDraftSchema.shape;
/** One schema per field, taken from the domain's draft rules; the API only names them in snake_case. */
const ArticleFields = {
  title: draft.title.meta({ description: '标题', maxLength: TITLE_MAX_CHARS }),
  body_markdown: draft.bodyMarkdown.meta({
    description: '正文（Markdown：## 小标题、> 引用、![说明](/media/{id} "图注")）',
    maxLength: BODY_MAX_CHARS,
  }),
  channel: draft.channel.meta({ description: '频道 slug，如 tech' }),
  summary: draft.summary.meta({
    description: '摘要（不填则取正文开头）',
    maxLength: SUMMARY_MAX_CHARS,
  }),
  cover_image_id: draft.coverImageId.meta({
    description: '封面图片编号（POST /images 返回的 id）',
  }),
  claim_original: z.boolean().optional().meta({ description: '原创声明' }),
  tags: draft.tags.meta({
    description: `标签（去掉首尾空白、重复的只留一个；最多 ${TAGS_MAX} 个，每个 1–${TAG_MAX_CHARS} 字）；修改时不给则不变`,
  }),
  publish: z
    .boolean()
    .optional()
    .meta({ description: 'true：保存后立即发布（经过原创与内容检查）' }),
  publish_at: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: '定时发布的时间（ISO 8601，带时区）；与 publish 同时给出时以它为准' }),
};
const CreateBody = z.strictObject(ArticleFields);
const PatchBody = z.strictObject(ArticleFields).partial();
type PatchBody = z.output<typeof PatchBody>;

const ArticleReply = z.object({ article: ArticleOut, publishing: PublishingOut.optional() });

function toDraft(
  b: PatchBody,
  base?: ArticleRecord & { channelSlug: string | undefined },
): ArticleDraftInput {
  return {
    title: b.title ?? base?.title ?? '',
    bodyMarkdown: b.body_markdown ?? base?.bodySource ?? '',
    channel: b.channel ?? base?.channelSlug ?? '',
    summary: b.summary ?? base?.summary,
    coverImageId: b.cover_image_id === undefined ? (base?.coverImageId ?? null) : b.cover_image_id,
    claimOriginal: b.claim_original ?? base?.originalityClaim ?? false,
    tags: b.tags ?? (base ? [...base.tags] : undefined),
  };
}

export const articleWritesApi: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const publicUrl = ctx.publicUrl ?? 'http://127.0.0.1:3000';

  /** Publishing goes through the safety and originality checks (the site's copy policy applies). */
  const publish = async (id: string) =>
    publishChecked(db, ctx.clock, id, {
      policy: (await getSiteSettings(db)).copyPolicy,
      lexicon: ctx.lexicon,
    });

  app.post(
    '/articles',
    {
      schema: {
        summary: '写一篇文章（草稿；publish 立即发布，publish_at 定时发布）',
        tags: ['articles'],
        auth: 'bearer',
        body: CreateBody,
        response: { 201: ArticleReply },
      },
    },
    async (request, reply) => {
      const viewer = requireCreator(request.viewer);
      await reply.limit(`write:${viewer.id}`, RATE_RULES.creatorWritePerUser);
      const b = request.body;
      // Checked before anything is saved: a refused schedule leaves no draft behind.
      if (b.publish_at) checkScheduleTime(ctx.clock, new Date(b.publish_at), 'publish_at');
      const { id } = await createDraft(
        db,
        ctx.clock,
        { userId: viewer.id, authorId: viewer.creator.id },
        toDraft(b),
      );
      let outcome: PublishOutcome | undefined;
      if (b.publish_at) await scheduleArticle(db, ctx.clock, id, new Date(b.publish_at));
      else if (b.publish) outcome = await publish(id);
      return reply.code(201).send({
        article: await presentRecord(db, await findArticle(db, id), publicUrl),
        ...(outcome ? { publishing: presentOutcome(outcome) } : {}),
      });
    },
  );

  app.patch(
    '/articles/:id',
    {
      schema: {
        summary: '修改文章（每次保存一个新版本；已发布的文章保持发布）',
        tags: ['articles'],
        auth: 'bearer',
        ...byId,
        body: PatchBody,
        response: { 200: ArticleReply },
      },
      config: notFound,
    },
    async (request, reply) => {
      const viewer = requireViewer(request.viewer);
      await reply.limit(`write:${viewer.id}`, RATE_RULES.creatorWritePerUser);
      const article = await editableArticle(db, request.params.id, viewer);
      const b = request.body;
      if (b.publish_at) checkScheduleTime(ctx.clock, new Date(b.publish_at), 'publish_at');
      const channelSlug = (await getChannelRefs(db, [article.channelId])).get(
        article.channelId,
      )?.slug;
      await saveArticle(
        db,
        ctx.clock,
        { userId: viewer.id },
        article.id,
        toDraft(b, { ...article, channelSlug }),
      );
      let outcome: PublishOutcome | undefined;
      if (b.publish_at) await scheduleArticle(db, ctx.clock, article.id, new Date(b.publish_at));
      else if (b.publish && article.status !== 'published') outcome = await publish(article.id);
      return {
        article: await presentRecord(db, await findArticle(db, article.id), publicUrl),
        ...(outcome ? { publishing: presentOutcome(outcome) } : {}),
      };
    },
  );
};

export const articlePublishingApi: FastifyPluginAsync<{ ctx: AppContext }> = async (
  scope,
  { ctx },
) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const publicUrl = ctx.publicUrl ?? 'http://127.0.0.1:3000';

  /** Publishing goes through the safety and originality checks (the site's copy policy applies). */
  const publish = async (id: string) =>
    publishChecked(db, ctx.clock, id, {
      policy: (await getSiteSettings(db)).copyPolicy,
      lexicon: ctx.lexicon,
    });

  app.post(
    '/articles/:id/publish',
    {
      schema: {
        summary: '发布（经过原创保护与内容安全检查；可能转为待审核或标为转载）',
        tags: ['articles'],
        auth: 'bearer',
        ...byId,
        response: { 200: z.object({ article: ArticleOut, publishing: PublishingOut }) },
      },
      config: notFound,
    },
    async (request, reply) => {
      const viewer = requireViewer(request.viewer);
      await reply.limit(`write:${viewer.id}`, RATE_RULES.creatorWritePerUser);
      const article = await editableArticle(db, request.params.id, viewer);
      const outcome = await publish(article.id);
      return {
        article: await presentRecord(db, await findArticle(db, article.id), publicUrl),
        publishing: presentOutcome(outcome),
      };
    },
  );

  app.delete(
    '/articles/:id',
    {
      schema: {
        summary: '删除文章（此后访问返回 410）',
        tags: ['articles'],
        auth: 'bearer',
        ...byId,
        response: { 204: z.null().meta({ description: '已删除，无内容' }) },
      },
      config: notFound,
    },
    async (request, reply) => {
      const viewer = requireViewer(request.viewer);
      await reply.limit(`write:${viewer.id}`, RATE_RULES.creatorWritePerUser);
      const article = await editableArticle(db, request.params.id, viewer);
      await removeArticle(db, ctx.clock, article.id);
      return reply.code(204).send(null);
    },
  );
};
