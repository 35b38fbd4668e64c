/** /articles: the public list and article, the author's own work, and the creator's write operations. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { canEditArticle, isEditor, requireCreator, requireViewer } from '../accounts/index.js';
import {
  ArticleDraftSchema,
  BODY_MAX_CHARS,
  createDraft,
  findArticle,
  getPublishedArticleOrThrow,
  listArticlesOfAuthor,
  listPublishedArticles,
  removeArticle,
  saveArticle,
  scheduleArticle,
  SUMMARY_MAX_CHARS,
  TITLE_MAX_CHARS,
  type ArticleDraftInput,
  type ArticleView,
} from '../articles/index.js';
import { listChannels } from '../channels/index.js';
import type { AppContext } from '../context.js';
import { findCreatorByHandle } from '../creators/index.js';
import type { ZodTypeProvider } from '../http/route-schema.js';
import { ArticleIdParams } from '../http/schemas.js';
import { publishChecked, type PublishOutcome } from '../moderation/index.js';
import {
  findReceipt,
  getMatchReport,
  presentMatchReport,
  presentReceipt,
} from '../originality/index.js';
import { listHotArticles } from '../ranking/index.js';
import { listRelatedArticles, RELATED_SIZE, RELATED_STORED } from '../recommend/index.js';
import { getSiteSettings } from '../settings/index.js';
import { AppError } from '../shared/errors.js';
import { RATE_RULES } from '../shared/rate-limit.js';
import {
  keysetCursorParam,
  keysetPage,
  limitParam,
  offsetCursorParam,
  offsetPage,
} from './paging.js';
import {
  ArticleCardOut,
  ArticleOut,
  listOf,
  presentArticle,
  presentArticleCard,
  presentOutcome,
  PublishingOut,
} from './presenters.js';

const ListQuery = z.strictObject({
  limit: limitParam(),
  cursor: keysetCursorParam,
  channel: z
    .string()
    .max(64)
    .optional()
    .meta({ description: '只看这个频道（频道 slug，如 tech）' }),
  author: z.string().max(64).optional().meta({ description: '只看这位创作者（账号名 handle）' }),
});

const MineQuery = z.strictObject({
  status: z
    .enum(['draft', 'scheduled', 'published', 'held'])
    .optional()
    .meta({ description: '只看这个状态（默认全部，已删除的除外）' }),
  limit: limitParam(),
  cursor: keysetCursorParam,
});

const RelatedQuery = z.strictObject({
  limit: limitParam(RELATED_SIZE, RELATED_STORED),
  cursor: offsetCursorParam,
});

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

function toDraft(b: PatchBody, base?: ArticleView): ArticleDraftInput {
  return {
    title: b.title ?? base?.title ?? '',
    bodyMarkdown: b.body_markdown ?? base?.bodySource ?? '',
    channel: b.channel ?? base?.channel.slug ?? '',
    summary: b.summary ?? base?.summary,
    coverImageId: b.cover_image_id === undefined ? (base?.coverImageId ?? null) : b.cover_image_id,
    claimOriginal: b.claim_original ?? base?.originalityClaim ?? false,
  };
}

const byId = { params: ArticleIdParams };
const notFound = { notFound: 'ARTICLE_NOT_FOUND' as const };

export const articlesApi: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const publicUrl = ctx.publicUrl ?? 'http://127.0.0.1:3000';

  /** The article to change: its author or an editor (others: 403; removed or unknown: 404). */
  const editable = async (id: string, viewer: Parameters<typeof canEditArticle>[0]) => {
    const article = await findArticle(db, id);
    if (!article || article.status === 'removed') throw new AppError('ARTICLE_NOT_FOUND');
    if (!canEditArticle(viewer, article.author.id)) throw new AppError('FORBIDDEN');
    return article;
  };

  /** Publishing goes through the safety and originality checks (the site's copy policy applies). */
  const publish = async (id: string) =>
    publishChecked(db, ctx.clock, id, (await getSiteSettings(db)).copyPolicy);

  app.get(
    '/articles',
    {
      schema: {
        summary: '已发布的文章，最新的在前',
        tags: ['articles'],
        querystring: ListQuery,
        response: { 200: listOf(ArticleCardOut) },
      },
    },
    async (request) => {
      const q = request.query;
      let channelId: number | undefined;
      if (q.channel !== undefined) {
        channelId = (await listChannels(db)).find((c) => c.slug === q.channel)?.id;
        if (channelId === undefined) throw new AppError('CHANNEL_NOT_FOUND');
      }
      let authorId: string | undefined;
      if (q.author !== undefined) {
        authorId = (await findCreatorByHandle(db, q.author))?.id;
        if (authorId === undefined) throw new AppError('CREATOR_NOT_FOUND');
      }
      const rows = await listPublishedArticles(db, {
        channelId,
        authorId,
        before: q.cursor,
        limit: q.limit + 1,
      });
      const page = keysetPage(rows, q.limit);
      return {
        items: page.items.map((a) => presentArticleCard(a, publicUrl)),
        next_cursor: page.next,
      };
    },
  );

  app.get(
    '/me/articles',
    {
      schema: {
        summary: '我的文章：草稿、定时、已发布、待审核，最近修改的在前',
        tags: ['articles'],
        auth: 'bearer',
        querystring: MineQuery,
        response: { 200: listOf(ArticleCardOut) },
      },
    },
    async (request) => {
      const viewer = requireCreator(request.viewer);
      const q = request.query;
      const rows = await listArticlesOfAuthor(db, viewer.creator.id, {
        ...(q.status ? { status: q.status } : {}),
        before: q.cursor,
        limit: q.limit + 1,
      });
      const page = keysetPage(rows, q.limit, (a) => a.updatedAt);
      return {
        items: page.items.map((a) => presentArticleCard(a, publicUrl)),
        next_cursor: page.next,
      };
    },
  );

  app.get(
    '/articles/:id',
    {
      schema: {
        summary: '一篇文章。已发布的人人可读；草稿、定时、待审核的只有作者和编辑能读',
        tags: ['articles'],
        auth: 'optional',
        ...byId,
        response: { 200: z.object({ article: ArticleOut }) },
      },
      config: notFound,
    },
    async (request) => {
      const { id } = request.params;
      const viewer = request.viewer;
      const article = await findArticle(db, id);
      if (article && article.status !== 'published' && article.status !== 'removed') {
        // CASE: unpublished work exists only for its author and editors; to anyone else it is not there.
        if (viewer && (viewer.creator?.id === article.author.id || isEditor(viewer)))
          return { article: presentArticle(article, publicUrl) };
        throw new AppError('ARTICLE_NOT_FOUND');
      }
      return { article: presentArticle(await getPublishedArticleOrThrow(db, id), publicUrl) };
    },
  );

  app.get(
    '/articles/:id/related',
    {
      schema: {
        summary: '相关推荐',
        tags: ['articles'],
        ...byId,
        querystring: RelatedQuery,
        response: { 200: listOf(ArticleCardOut) },
      },
      config: notFound,
    },
    async (request) => {
      const { id } = request.params;
      const q = request.query;
      const offset = q.cursor ?? 0;
      const article = await getPublishedArticleOrThrow(db, id);
      const want = Math.min(offset + q.limit + 1, RELATED_STORED);
      const all = await listRelatedArticles(db, article, {
        limit: want,
        hot: () => listHotArticles(db, ctx.clock, { limit: want, excludeIds: [id] }),
      });
      const page = offsetPage(all, offset, q.limit);
      return {
        items: page.items.map((a) => presentArticleCard(a, publicUrl)),
        next_cursor: page.next,
      };
    },
  );

  app.get(
    '/articles/:id/receipt',
    {
      schema: {
        summary: '原创凭证（首发时间与指纹）',
        tags: ['originality'],
        ...byId,
      },
      config: notFound,
    },
    async (request) => {
      const { id } = request.params;
      await getPublishedArticleOrThrow(db, id);
      const receipt = await findReceipt(db, id);
      if (!receipt) throw new AppError('NOT_FOUND', '原创凭证正在生成，请稍后再试');
      return { receipt: presentReceipt(receipt) };
    },
  );

  /** The match report: the author and editors only (it quotes other creators' passages side by side). */
  app.get(
    '/articles/:id/originality',
    {
      schema: {
        summary: '原创比对报告（作者和编辑）',
        tags: ['originality'],
        auth: 'bearer',
        ...byId,
      },
      config: notFound,
    },
    async (request) => {
      const viewer = requireViewer(request.viewer);
      const article = await editable(request.params.id, viewer);
      return {
        article_id: article.id,
        status: article.status,
        claim_original: article.originalityClaim,
        matches: presentMatchReport(await getMatchReport(db, article.id)),
      };
    },
  );

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
        article: presentArticle((await findArticle(db, id))!, publicUrl),
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
      const article = await editable(request.params.id, viewer);
      const b = request.body;
      await saveArticle(db, ctx.clock, { userId: viewer.id }, article.id, toDraft(b, article));
      let outcome: PublishOutcome | undefined;
      if (b.publish_at) await scheduleArticle(db, ctx.clock, article.id, new Date(b.publish_at));
      else if (b.publish && article.status !== 'published') outcome = await publish(article.id);
      return {
        article: presentArticle((await findArticle(db, article.id))!, publicUrl),
        ...(outcome ? { publishing: presentOutcome(outcome) } : {}),
      };
    },
  );

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
      const article = await editable(request.params.id, viewer);
      const outcome = await publish(article.id);
      return {
        article: presentArticle((await findArticle(db, article.id))!, publicUrl),
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
      const article = await editable(request.params.id, viewer);
      await removeArticle(db, ctx.clock, article.id);
      return reply.code(204).send(null);
    },
  );
};
