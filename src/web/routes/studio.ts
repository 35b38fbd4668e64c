/** The creator studio, the editors' review queue, image uploads and media serving. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  canEditArticle,
  isEditor,
  requireCreator,
  requireRole,
  requireViewer,
} from '../../accounts/index.js';
import {
  createDraft,
  findArticle,
  getRevisionOrThrow,
  listRevisions,
  listStudioArticles,
  removeArticle,
  renderMarkdown,
  saveArticle,
  scheduleArticle,
  storeImage,
  unpublishArticle,
  type ArticleDraftInput,
  type ArticleView,
} from '../../articles/index.js';
import type { AppContext } from '../../context.js';
import {
  approveApplication,
  findCreatorByHandle,
  listApplications,
  rejectApplication,
} from '../../creators/index.js';
import { creatorDailyStats } from '../../engagement/index.js';
import { listCreatorNotices, publishChecked } from '../../moderation/index.js';
import { getMatchReport } from '../../originality/index.js';
import { MatchReportPage } from '../pages/originality.js';
import { getSiteSettings } from '../../settings/index.js';
import {
  addDictionaryWord,
  listDictionaryWords,
  removeDictionaryWord,
} from '../../search/index.js';
import { AppError, isAppError } from '../../shared/errors.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import {
  ArticleIdParams,
  formBody,
  formFlag,
  formText,
  loose,
  UuidParams,
} from '../../http/schemas.js';
import { RATE_RULES } from '../../shared/rate-limit.js';
import {
  EditorPage,
  PreviewPage,
  DictionaryPage,
  ReviewPage,
  RevisionsPage,
  StudioPage,
  UploadedPage,
  type EditorValues,
} from '../pages/studio.js';
import { fieldErrors } from '../views/form.js';

/** Uploaded variants are immutable (a new upload gets a new id): cache for a year. */
const MEDIA_MAX_AGE_S = 365 * 86_400;
/** Beijing time has no daylight saving: UTC+8 all year. */
const SHANGHAI_OFFSET = '+08:00';

/** What the editor can ask for with its buttons; anything else saves. */
const INTENTS = ['save', 'publish', 'schedule', 'unpublish', 'delete'] as const;
type Intent = (typeof INTENTS)[number];

/**
 * The editor form. Bounds here are only against abuse (a body is at most
 * 2 MB anyway); the article rules and their messages are the domain's, so a
 * too-long title comes back on the form, not as an error page.
 */
const EditorForm = formBody({
  title: formText(100_000),
  channel: formText(1000),
  summary: formText(100_000),
  bodyMarkdown: formText(2_000_000),
  coverImageId: formText(1000),
  claimOriginal: formFlag,
  publishAt: formText(100),
  intent: z.preprocess(
    (v) => (Array.isArray(v) ? v[0] : v),
    z.enum(INTENTS).default('save').catch('save'),
  ),
});
type EditorForm = z.output<typeof EditorForm>;

const DoneQuery = z.object({ done: loose(z.string().max(32)) });
const RevisionParams = z.object({
  id: ArticleIdParams.shape.id,
  n: z.coerce.number().int().min(1).max(1_000_000),
});
const MediaParams = z.object({
  id: z.string().regex(/^[0-9a-f-]{36}$/),
  file: z.string().regex(/^\d{1,5}\.webp$/),
});
const ReasonForm = formBody({ reason: formText(10_000) });
const WordForm = formBody({ word: formText(1000) });
const DictionaryQuery = z.object({
  added: loose(z.string().max(200)),
  removed: loose(z.string().max(200)),
});

const articleRoute = {
  schema: { params: ArticleIdParams },
  config: { notFound: 'ARTICLE_NOT_FOUND' as const },
};
const applicationRoute = {
  schema: { params: UuidParams, body: ReasonForm },
  config: { notFound: 'APPLICATION_NOT_FOUND' as const },
};

function editorValues(form: EditorForm): EditorValues {
  return {
    title: form.title,
    channel: form.channel,
    summary: form.summary,
    bodyMarkdown: form.bodyMarkdown,
    coverImageId: form.coverImageId.trim(),
    claimOriginal: form.claimOriginal,
    publishAt: form.publishAt,
  };
}

function draftInput(v: EditorValues): ArticleDraftInput {
  return {
    title: v.title,
    channel: v.channel,
    summary: v.summary,
    bodyMarkdown: v.bodyMarkdown,
    coverImageId: v.coverImageId === '' ? null : v.coverImageId,
    claimOriginal: v.claimOriginal,
  };
}

function valuesOf(a: ArticleView): EditorValues {
  return {
    title: a.title,
    channel: a.channel.slug,
    summary: a.summary,
    bodyMarkdown: a.bodySource,
    coverImageId: a.coverImageId ?? '',
    claimOriginal: a.originalityClaim,
    publishAt: '',
  };
}

/** `2026-12-01T08:30` typed in Beijing time → a Date. */
export function parseShanghaiLocal(value: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) {
    throw new AppError('VALIDATION_FAILED', undefined, {
      details: [{ path: 'publishAt', message: '请填写定时发布的时间' }],
    });
  }
  return new Date(`${value}:00${SHANGHAI_OFFSET}`);
}

export const studioRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const uploadsDir = ctx.uploadsDir ?? path.resolve('data/uploads');

  async function ownArticle(request: FastifyRequest, id: string): Promise<ArticleView> {
    const article = await findArticle(db, id);
    if (!article || article.status === 'removed') throw new AppError('ARTICLE_NOT_FOUND');
    if (!canEditArticle(request.viewer, article.author.id)) throw new AppError('FORBIDDEN');
    return article;
  }

  app.get('/studio', async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    if (!request.viewer.creator && !isEditor(request.viewer)) return reply.seeOther('/apply');
    const creator = request.viewer.creator;
    const [rows, daily, profile, notices] = creator
      ? await Promise.all([
          listStudioArticles(db, creator.id),
          creatorDailyStats(db, ctx.clock, creator.id),
          findCreatorByHandle(db, creator.handle),
          listCreatorNotices(db, creator.id),
        ])
      : [[], [], undefined, []];
    return reply.render(
      StudioPage({
        ctx: await request.pageContext(),
        rows,
        daily,
        followers: profile?.followerCount ?? 0,
        notices,
      }),
    );
  });

  app.get('/studio/new', async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    requireCreator(request.viewer);
    const pageCtx = await request.pageContext();
    const values: EditorValues = {
      title: '',
      channel: pageCtx.channels[0]?.slug ?? '',
      summary: '',
      bodyMarkdown: '',
      coverImageId: '',
      claimOriginal: false,
      publishAt: '',
    };
    return reply.render(EditorPage({ ctx: pageCtx, values, errors: {} }));
  });

  /** Applies the editor's intent; returns the notice key to show. */
  const applyIntent = async (id: string, intent: Intent, values: EditorValues) => {
    if (intent === 'publish') {
      const policy = (await getSiteSettings(db)).copyPolicy;
      const outcome = await publishChecked(db, ctx.clock, id, policy);
      if (outcome.status === 'held') return outcome.copies.length ? 'held-copy' : 'held-spam';
      if (outcome.repostOf) return 'repost';
      if (outcome.ownMatches.length) return 'publish-own';
      return 'publish';
    }
    if (intent === 'schedule')
      await scheduleArticle(db, ctx.clock, id, parseShanghaiLocal(values.publishAt));
    else if (intent === 'unpublish') await unpublishArticle(db, ctx.clock, id);
    return intent;
  };
  const NOTICES: Record<string, string> = {
    save: '已保存',
    publish: '已发布',
    'publish-own': '已发布。提示：本文与您此前发表的文章高度重复。',
    repost:
      '已发布为转载：本文与其他创作者更早发表的文章高度重复，原创声明未通过，文章已注明来源并链接原文。',
    'held-copy':
      '已提交，等待编辑审核：本文与其他创作者更早发表的文章高度重复，原创声明未通过。可在“原创检测”中查看比对报告。',
    'held-spam': '已提交，等待编辑审核：内容中有疑似垃圾信息或隐藏文字。',
    schedule: '已设定定时发布',
    unpublish: '已撤回为草稿',
    autosave: '已自动保存',
  };

  app.post('/studio/articles', { schema: { body: EditorForm } }, async (request, reply) => {
    const viewer = requireCreator(request.viewer);
    await reply.limit(`write:${viewer.id}`, RATE_RULES.creatorWritePerUser);
    const values = editorValues(request.body);
    const intent = request.body.intent;
    try {
      const { id } = await createDraft(
        db,
        ctx.clock,
        { userId: viewer.id, authorId: viewer.creator.id },
        draftInput(values),
      );
      let done: string = intent;
      try {
        done = await applyIntent(id, intent, values);
      } catch (err) {
        if (!isAppError(err) || err.status >= 500) throw err;
        const article = (await findArticle(db, id))!;
        return reply.render(
          EditorPage({
            ctx: await request.pageContext(),
            article,
            values,
            errors: fieldErrors(err.details),
            message: err.message,
          }),
          err.status,
        );
      }
      return reply.seeOther(`/studio/articles/${id}/edit?done=${done}`);
    } catch (err) {
      if (!isAppError(err) || err.status >= 500 || err.code === 'RATE_LIMITED') throw err;
      return reply.render(
        EditorPage({
          ctx: await request.pageContext(),
          values,
          errors: fieldErrors(err.details),
          message: err.message,
        }),
        err.status,
      );
    }
  });

  app.get(
    '/studio/articles/:id/edit',
    { ...articleRoute, schema: { ...articleRoute.schema, querystring: DoneQuery } },
    async (request, reply) => {
      if (!request.viewer) return reply.signInFirst();
      const article = await ownArticle(request, request.params.id);
      const done = request.query.done;
      return reply.render(
        EditorPage({
          ctx: await request.pageContext(),
          article,
          values: valuesOf(article),
          errors: {},
          notice: done ? NOTICES[done] : undefined,
        }),
      );
    },
  );

  app.post(
    '/studio/articles/:id',
    { ...articleRoute, schema: { ...articleRoute.schema, body: EditorForm } },
    async (request, reply) => {
      const viewer = requireViewer(request.viewer);
      await reply.limit(`write:${viewer.id}`, RATE_RULES.creatorWritePerUser);
      const article = await ownArticle(request, request.params.id);
      const values = editorValues(request.body);
      const intent = request.body.intent;
      if (intent === 'delete') {
        await removeArticle(db, ctx.clock, article.id);
        return reply.seeOther('/studio');
      }
      try {
        if (intent !== 'unpublish')
          await saveArticle(db, ctx.clock, { userId: viewer.id }, article.id, draftInput(values));
        const done = await applyIntent(article.id, intent, values);
        return reply.seeOther(`/studio/articles/${article.id}/edit?done=${done}`);
      } catch (err) {
        if (!isAppError(err) || err.status >= 500) throw err;
        const fresh = (await findArticle(db, article.id))!;
        return reply.render(
          EditorPage({
            ctx: await request.pageContext(),
            article: fresh,
            values,
            errors: fieldErrors(err.details),
            message: err.message,
          }),
          err.status,
        );
      }
    },
  );

  /** Autosave (drafts only; a published article changes only when its author saves). */
  app.post(
    '/studio/articles/:id/autosave',
    { ...articleRoute, schema: { ...articleRoute.schema, body: EditorForm } },
    async (request, reply) => {
      const viewer = requireViewer(request.viewer);
      await reply.limit(`write:${viewer.id}`, RATE_RULES.creatorWritePerUser);
      const article = await ownArticle(request, request.params.id);
      if (article.status !== 'draft') throw new AppError('INVALID_STATE');
      const result = await saveArticle(
        db,
        ctx.clock,
        { userId: viewer.id },
        article.id,
        draftInput(editorValues(request.body)),
      );
      return { saved: true, revision: result.revision };
    },
  );

  app.post(
    '/studio/preview',
    { schema: { body: formBody({ bodyMarkdown: formText(2_000_000) }) } },
    async (request) => {
      requireCreator(request.viewer);
      return { html: renderMarkdown(request.body.bodyMarkdown.slice(0, 200_000)) };
    },
  );

  app.get('/studio/articles/:id/preview', articleRoute, async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    const article = await ownArticle(request, request.params.id);
    return reply.render(PreviewPage({ ctx: await request.pageContext(), article }));
  });

  app.get('/studio/articles/:id/originality', articleRoute, async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    const article = await ownArticle(request, request.params.id);
    return reply.render(
      MatchReportPage({
        ctx: await request.pageContext(),
        article,
        items: await getMatchReport(db, article.id),
      }),
    );
  });

  app.get('/studio/articles/:id/revisions', articleRoute, async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    const article = await ownArticle(request, request.params.id);
    const revisions = await listRevisions(db, article.id);
    return reply.render(
      RevisionsPage({ ctx: await request.pageContext(), articleId: article.id, revisions }),
    );
  });

  app.get(
    '/studio/articles/:id/revisions/:n',
    { schema: { params: RevisionParams } },
    async (request, reply) => {
      if (!request.viewer) return reply.signInFirst();
      const article = await ownArticle(request, request.params.id);
      const n = request.params.n;
      const [revisions, shown] = await Promise.all([
        listRevisions(db, article.id),
        getRevisionOrThrow(db, article.id, n),
      ]);
      return reply.render(
        RevisionsPage({
          ctx: await request.pageContext(),
          articleId: article.id,
          revisions,
          shown,
        }),
      );
    },
  );

  app.post('/studio/images', async (request, reply) => {
    const viewer = requireCreator(request.viewer);
    await reply.limit(`write:${viewer.id}`, RATE_RULES.creatorWritePerUser);
    if (!request.isMultipart())
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请用 multipart/form-data 上传图片');
    const file = await request.file();
    if (!file) throw new AppError('VALIDATION_FAILED', '请选择要上传的图片');
    const token = file.fields._csrf;
    request.checkCsrf(token && 'value' in token ? token.value : undefined);
    const bytes = await file.toBuffer();
    const image = await storeImage(
      db,
      ctx.clock,
      { ownerId: viewer.id, bytes, uploadsDir },
      ctx.imageSlots,
    );
    const markdown = `![](/media/${image.id} "")`;
    if (request.headers.accept?.includes('application/json'))
      return { id: image.id, url: image.url, markdown };
    return reply.render(UploadedPage({ ctx: await request.pageContext(), id: image.id, markdown }));
  });

  app.get('/media/:id/:file', { schema: { params: MediaParams } }, async (request, reply) => {
    const { id, file } = request.params;
    let bytes: Buffer;
    try {
      bytes = await readFile(path.join(uploadsDir, id, file));
    } catch {
      throw new AppError('NOT_FOUND');
    }
    return reply
      .type('image/webp')
      .header('cache-control', `public, max-age=${MEDIA_MAX_AGE_S}, immutable`)
      .send(bytes);
  });

  app.get('/studio/review', async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    requireRole(request.viewer, 'editor', 'admin');
    const [pending, approved, rejected] = await Promise.all([
      listApplications(db, 'pending'),
      listApplications(db, 'approved', 10),
      listApplications(db, 'rejected', 10),
    ]);
    const decided = [...approved, ...rejected].sort(
      (a, b) => (b.decidedAt?.getTime() ?? 0) - (a.decidedAt?.getTime() ?? 0),
    );
    return reply.render(ReviewPage({ ctx: await request.pageContext(), pending, decided }));
  });

  app.post('/studio/review/:id/approve', applicationRoute, async (request, reply) => {
    const viewer = requireRole(request.viewer, 'editor', 'admin');
    await approveApplication(db, ctx.clock, viewer.id, request.params.id, request.body.reason);
    return reply.seeOther('/studio/review');
  });

  app.post('/studio/review/:id/reject', applicationRoute, async (request, reply) => {
    const viewer = requireRole(request.viewer, 'editor', 'admin');
    await rejectApplication(db, ctx.clock, viewer.id, request.params.id, request.body.reason);
    return reply.seeOther('/studio/review');
  });

  const dictionaryPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: Record<string, string>; value?: string; notice?: string } = {},
    status = 200,
  ) =>
    reply.render(
      DictionaryPage({
        ctx: await request.pageContext(),
        words: await listDictionaryWords(db),
        errors: extra.errors ?? {},
        value: extra.value,
        notice: extra.notice,
      }),
      status,
    );

  app.get(
    '/studio/dictionary',
    { schema: { querystring: DictionaryQuery } },
    async (request, reply) => {
      if (!request.viewer) return reply.signInFirst();
      requireRole(request.viewer, 'admin');
      const { added, removed } = request.query;
      const notice =
        typeof added === 'string'
          ? `已加入“${added}”，搜索索引正在后台重建。`
          : typeof removed === 'string'
            ? `已删除“${removed}”，搜索索引正在后台重建。`
            : undefined;
      return dictionaryPage(request, reply, { notice });
    },
  );

  app.post('/studio/dictionary', { schema: { body: WordForm } }, async (request, reply) => {
    const viewer = requireRole(request.viewer, 'admin');
    const word = request.body.word;
    try {
      const result = await addDictionaryWord(db, ctx.clock, viewer.id, { word });
      return reply.seeOther(`/studio/dictionary?added=${encodeURIComponent(result.word)}`);
    } catch (err) {
      if (!isAppError(err) || err.code !== 'VALIDATION_FAILED') throw err;
      return dictionaryPage(request, reply, { errors: fieldErrors(err.details), value: word }, 422);
    }
  });

  app.post('/studio/dictionary/delete', { schema: { body: WordForm } }, async (request, reply) => {
    const viewer = requireRole(request.viewer, 'admin');
    const word = request.body.word;
    await removeDictionaryWord(db, ctx.clock, viewer.id, word);
    return reply.seeOther(`/studio/dictionary?removed=${encodeURIComponent(word)}`);
  });
};
