/** /articles: the public list and article, and the creator's write operations. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { canEditArticle, requireCreator, requireViewer } from '../accounts/index.js';
import {
  createDraft,
  findArticle,
  getPublishedArticleOrThrow,
  listPublishedArticles,
  removeArticle,
  saveArticle,
  scheduleArticle,
  type ArticleCard,
  type ArticleDraftInput,
  type ArticleView,
} from '../articles/index.js';
import { listChannels } from '../channels/index.js';
import type { AppContext } from '../context.js';
import { findCreatorByHandle } from '../creators/index.js';
import { publishChecked, type PublishOutcome } from '../moderation/index.js';
import {
  findReceipt,
  getMatchReport,
  presentMatchReport,
  presentReceipt,
} from '../originality/index.js';
import { listHotArticles } from '../ranking/index.js';
import { getSiteSettings } from '../settings/index.js';
import { listRelatedArticles, RELATED_SIZE, RELATED_STORED } from '../recommend/index.js';
import { AppError } from '../shared/errors.js';
import { ARTICLE_ID_PATTERN } from '../shared/ids.js';
import { decodeCursor, encodeCursor } from '../shared/pagination.js';
import { enforceRate, RATE_RULES } from '../shared/rate-limit.js';
import { parseInput } from '../shared/validation.js';
import type { ApiShared } from './app.js';

/** Upper bound of one page of the list, so a client cannot ask for everything at once. */
const LIST_MAX_LIMIT = 100;

const ListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(LIST_MAX_LIMIT).default(20),
  channel: z.string().max(64).optional(),
  author: z.string().max(64).optional(),
  cursor: z.string().max(64).optional(),
});

const RelatedQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(RELATED_STORED).default(RELATED_SIZE),
});

const ArticleBody = z.strictObject({
  title: z.unknown(),
  body_markdown: z.unknown(),
  channel: z.unknown(),
  summary: z.unknown().optional(),
  cover_image_id: z.unknown().optional(),
  claim_original: z.unknown().optional(),
  publish: z.boolean().optional(),
  publish_at: z.iso.datetime({ offset: true }).optional(),
});
const PatchBody = ArticleBody.partial();

export function presentOutcome(o: PublishOutcome) {
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

export function presentArticleCard(a: ArticleCard, publicUrl: string) {
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
    counts: { views: a.stats.views, shares: a.stats.shares, comments: a.stats.comments },
  };
}

export function presentArticle(a: ArticleView, publicUrl: string) {
  return {
    ...presentArticleCard(a, publicUrl),
    revision: a.revision,
    cover_image_id: a.coverImageId,
    scheduled_at: a.scheduledAt?.toISOString() ?? null,
    body: { format: a.bodyFormat, source: a.bodySource, html: a.bodyHtml },
  };
}

function toDraft(b: z.infer<typeof PatchBody>, base?: ArticleView): ArticleDraftInput {
  return {
    title: (b.title ?? base?.title) as string,
    bodyMarkdown: (b.body_markdown ?? base?.bodySource) as string,
    channel: (b.channel ?? base?.channel.slug) as string,
    summary: (b.summary ?? base?.summary) as string | undefined,
    coverImageId: (b.cover_image_id === undefined
      ? (base?.coverImageId ?? null)
      : b.cover_image_id) as string | null,
    claimOriginal: (b.claim_original ?? base?.originalityClaim ?? false) as boolean,
  };
}

export async function articlesApi(
  app: FastifyInstance,
  ctx: AppContext,
  shared: ApiShared,
): Promise<void> {
  const db = ctx.database.db;
  const publicUrl = ctx.publicUrl ?? 'http://127.0.0.1:3000';
  const limitWrites = (userId: string, reply: { header(k: string, v: string): unknown }) => {
    enforceRate(shared.limiter, `write:${userId}`, RATE_RULES.creatorWritePerUser, (k, v) =>
      reply.header(k, v),
    );
  };
  const editable = async (id: string, viewer: Parameters<typeof canEditArticle>[0]) => {
    if (!ARTICLE_ID_PATTERN.test(id)) throw new AppError('ARTICLE_NOT_FOUND');
    const article = await findArticle(db, id);
    if (!article || article.status === 'removed') throw new AppError('ARTICLE_NOT_FOUND');
    if (!canEditArticle(viewer, article.author.id)) throw new AppError('FORBIDDEN');
    return article;
  };

  /** Publishing goes through the safety and originality checks (the site's copy policy applies). */
  const publish = async (id: string) =>
    publishChecked(db, ctx.clock, id, (await getSiteSettings(db)).copyPolicy);

  app.get('/articles', async (request) => {
    const q = parseInput(ListQuery, request.query ?? {});
    const before = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
    if (q.cursor !== undefined && !before) throw new AppError('BAD_REQUEST', 'cursor 无效');
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
      before,
      limit: q.limit + 1,
    });
    const items = rows.slice(0, q.limit);
    const last = items.at(-1);
    const next =
      rows.length > q.limit && last?.publishedAt
        ? encodeCursor({ publishedAt: last.publishedAt, id: last.id })
        : null;
    return { items: items.map((a) => presentArticleCard(a, publicUrl)), next_cursor: next };
  });

  app.get('/articles/:id', async (request) => {
    const { id } = request.params as { id: string };
    if (!ARTICLE_ID_PATTERN.test(id)) throw new AppError('ARTICLE_NOT_FOUND');
    return { article: presentArticle(await getPublishedArticleOrThrow(db, id), publicUrl) };
  });

  app.get('/articles/:id/related', async (request) => {
    const { id } = request.params as { id: string };
    if (!ARTICLE_ID_PATTERN.test(id)) throw new AppError('ARTICLE_NOT_FOUND');
    const q = parseInput(RelatedQuery, request.query ?? {});
    const article = await getPublishedArticleOrThrow(db, id);
    const items = await listRelatedArticles(db, article, {
      limit: q.limit,
      hot: () => listHotArticles(db, ctx.clock, { limit: q.limit, excludeIds: [id] }),
    });
    return { items: items.map((a) => presentArticleCard(a, publicUrl)) };
  });

  app.get('/articles/:id/receipt', async (request) => {
    const { id } = request.params as { id: string };
    if (!ARTICLE_ID_PATTERN.test(id)) throw new AppError('ARTICLE_NOT_FOUND');
    await getPublishedArticleOrThrow(db, id);
    const receipt = await findReceipt(db, id);
    if (!receipt) throw new AppError('NOT_FOUND', '原创凭证正在生成，请稍后再试');
    return { receipt: presentReceipt(receipt) };
  });

  /** The match report: the author and editors only (it quotes other creators' passages side by side). */
  app.get('/articles/:id/originality', async (request) => {
    const viewer = requireViewer(request.viewer);
    const article = await editable((request.params as { id: string }).id, viewer);
    return {
      article_id: article.id,
      status: article.status,
      claim_original: article.originalityClaim,
      matches: presentMatchReport(await getMatchReport(db, article.id)),
    };
  });

  app.post('/articles', async (request, reply) => {
    const viewer = requireCreator(request.viewer);
    limitWrites(viewer.id, reply);
    const b = parseInput(ArticleBody, request.body ?? {});
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
  });

  app.patch('/articles/:id', async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    limitWrites(viewer.id, reply);
    const article = await editable((request.params as { id: string }).id, viewer);
    const b = parseInput(PatchBody, request.body ?? {});
    await saveArticle(db, ctx.clock, { userId: viewer.id }, article.id, toDraft(b, article));
    let outcome: PublishOutcome | undefined;
    if (b.publish_at) await scheduleArticle(db, ctx.clock, article.id, new Date(b.publish_at));
    else if (b.publish && article.status !== 'published') outcome = await publish(article.id);
    return {
      article: presentArticle((await findArticle(db, article.id))!, publicUrl),
      ...(outcome ? { publishing: presentOutcome(outcome) } : {}),
    };
  });

  app.post('/articles/:id/publish', async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    limitWrites(viewer.id, reply);
    const article = await editable((request.params as { id: string }).id, viewer);
    const outcome = await publish(article.id);
    return {
      article: presentArticle((await findArticle(db, article.id))!, publicUrl),
      publishing: presentOutcome(outcome),
    };
  });

  app.delete('/articles/:id', async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    limitWrites(viewer.id, reply);
    const article = await editable((request.params as { id: string }).id, viewer);
    await removeArticle(db, ctx.clock, article.id);
    return reply.code(204).send();
  });
}
