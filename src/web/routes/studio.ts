/** The creator studio, the editors' review queue, image uploads and media serving. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
import { ARTICLE_ID_PATTERN } from '../../shared/ids.js';
import { RATE_RULES } from '../../shared/rate-limit.js';
import type { WebApp } from '../app.js';
import { href, VARIANT_PREFIX } from '../page-context.js';
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

type Form = Record<string, string | string[] | undefined>;
const str = (v: unknown) =>
  typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '';
/** Uploaded variants are immutable (a new upload gets a new id): cache for a year. */
const MEDIA_MAX_AGE_S = 365 * 86_400;
/** Beijing time has no daylight saving: UTC+8 all year. */
const SHANGHAI_OFFSET = '+08:00';

function editorValues(form: Form): EditorValues {
  return {
    title: str(form.title),
    channel: str(form.channel),
    summary: str(form.summary),
    bodyMarkdown: str(form.bodyMarkdown),
    coverImageId: str(form.coverImageId).trim(),
    claimOriginal: str(form.claimOriginal) === '1',
    publishAt: str(form.publishAt),
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

export async function studioRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  web: WebApp,
): Promise<void> {
  const db = ctx.database.db;
  const uploadsDir = ctx.uploadsDir ?? path.resolve('data/uploads');
  const to = (request: FastifyRequest, p: string) =>
    href({ variant: request.url.startsWith(VARIANT_PREFIX.hant) ? 'hant' : 'hans' }, p);

  /** Signed out → the sign-in page, then back here. */
  const signInFirst = (request: FastifyRequest, reply: FastifyReply) =>
    reply.redirect(`${to(request, '/signin')}?next=${encodeURIComponent(request.url)}`, 303);

  async function ownArticle(request: FastifyRequest): Promise<ArticleView> {
    const { id } = request.params as { id: string };
    if (!ARTICLE_ID_PATTERN.test(id)) throw new AppError('ARTICLE_NOT_FOUND');
    const article = await findArticle(db, id);
    if (!article || article.status === 'removed') throw new AppError('ARTICLE_NOT_FOUND');
    if (!canEditArticle(request.viewer, article.author.id)) throw new AppError('FORBIDDEN');
    return article;
  }

  app.get('/studio', async (request, reply) => {
    if (!request.viewer) return signInFirst(request, reply);
    if (!request.viewer.creator && !isEditor(request.viewer))
      return reply.redirect(to(request, '/apply'), 303);
    const creator = request.viewer.creator;
    const [rows, daily, profile, notices] = creator
      ? await Promise.all([
          listStudioArticles(db, creator.id),
          creatorDailyStats(db, ctx.clock, creator.id),
          findCreatorByHandle(db, creator.handle),
          listCreatorNotices(db, creator.id),
        ])
      : [[], [], undefined, []];
    return web.render(
      reply,
      StudioPage({
        ctx: await web.pageContext(request),
        rows,
        daily,
        followers: profile?.followerCount ?? 0,
        notices,
      }),
    );
  });

  app.get('/studio/new', async (request, reply) => {
    if (!request.viewer) return signInFirst(request, reply);
    requireCreator(request.viewer);
    const pageCtx = await web.pageContext(request);
    const values: EditorValues = {
      title: '',
      channel: pageCtx.channels[0]?.slug ?? '',
      summary: '',
      bodyMarkdown: '',
      coverImageId: '',
      claimOriginal: false,
      publishAt: '',
    };
    return web.render(reply, EditorPage({ ctx: pageCtx, values, errors: {} }));
  });

  /** Applies the editor's intent; returns the notice key to show. */
  const applyIntent = async (id: string, intent: string, values: EditorValues) => {
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

  app.post('/studio/articles', async (request, reply) => {
    const viewer = requireCreator(request.viewer);
    web.limit(reply, `write:${viewer.id}`, RATE_RULES.creatorWritePerUser);
    const form = (request.body ?? {}) as Form;
    const values = editorValues(form);
    const intent = str(form.intent) || 'save';
    try {
      const { id } = await createDraft(
        db,
        ctx.clock,
        { userId: viewer.id, authorId: viewer.creator.id },
        draftInput(values),
      );
      let done = intent;
      try {
        done = await applyIntent(id, intent, values);
      } catch (err) {
        if (!isAppError(err) || err.status >= 500) throw err;
        const article = (await findArticle(db, id))!;
        return web.render(
          reply,
          EditorPage({
            ctx: await web.pageContext(request),
            article,
            values,
            errors: fieldErrors(err.details),
            message: err.message,
          }),
          err.status,
        );
      }
      return reply.redirect(`${to(request, `/studio/articles/${id}/edit`)}?done=${done}`, 303);
    } catch (err) {
      if (!isAppError(err) || err.status >= 500 || err.code === 'RATE_LIMITED') throw err;
      return web.render(
        reply,
        EditorPage({
          ctx: await web.pageContext(request),
          values,
          errors: fieldErrors(err.details),
          message: err.message,
        }),
        err.status,
      );
    }
  });

  app.get('/studio/articles/:id/edit', async (request, reply) => {
    if (!request.viewer) return signInFirst(request, reply);
    const article = await ownArticle(request);
    const done = str((request.query as Form).done);
    return web.render(
      reply,
      EditorPage({
        ctx: await web.pageContext(request),
        article,
        values: valuesOf(article),
        errors: {},
        notice: NOTICES[done],
      }),
    );
  });

  app.post('/studio/articles/:id', async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    web.limit(reply, `write:${viewer.id}`, RATE_RULES.creatorWritePerUser);
    const article = await ownArticle(request);
    const form = (request.body ?? {}) as Form;
    const values = editorValues(form);
    const intent = str(form.intent) || 'save';
    if (intent === 'delete') {
      await removeArticle(db, ctx.clock, article.id);
      return reply.redirect(to(request, '/studio'), 303);
    }
    try {
      if (intent !== 'unpublish')
        await saveArticle(db, ctx.clock, { userId: viewer.id }, article.id, draftInput(values));
      const done = await applyIntent(article.id, intent, values);
      return reply.redirect(
        `${to(request, `/studio/articles/${article.id}/edit`)}?done=${done}`,
        303,
      );
    } catch (err) {
      if (!isAppError(err) || err.status >= 500) throw err;
      const fresh = (await findArticle(db, article.id))!;
      return web.render(
        reply,
        EditorPage({
          ctx: await web.pageContext(request),
          article: fresh,
          values,
          errors: fieldErrors(err.details),
          message: err.message,
        }),
        err.status,
      );
    }
  });

  /** Autosave (drafts only; a published article changes only when its author saves). */
  app.post('/studio/articles/:id/autosave', async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    web.limit(reply, `write:${viewer.id}`, RATE_RULES.creatorWritePerUser);
    const article = await ownArticle(request);
    if (article.status !== 'draft') throw new AppError('INVALID_STATE');
    const result = await saveArticle(
      db,
      ctx.clock,
      { userId: viewer.id },
      article.id,
      draftInput(editorValues((request.body ?? {}) as Form)),
    );
    return { saved: true, revision: result.revision };
  });

  app.post('/studio/preview', async (request) => {
    requireCreator(request.viewer);
    const markdown = str(((request.body ?? {}) as Form).bodyMarkdown).slice(0, 200_000);
    return { html: renderMarkdown(markdown) };
  });

  app.get('/studio/articles/:id/preview', async (request, reply) => {
    if (!request.viewer) return signInFirst(request, reply);
    const article = await ownArticle(request);
    return web.render(reply, PreviewPage({ ctx: await web.pageContext(request), article }));
  });

  app.get('/studio/articles/:id/originality', async (request, reply) => {
    if (!request.viewer) return signInFirst(request, reply);
    const article = await ownArticle(request);
    return web.render(
      reply,
      MatchReportPage({
        ctx: await web.pageContext(request),
        article,
        items: await getMatchReport(db, article.id),
      }),
    );
  });

  app.get('/studio/articles/:id/revisions', async (request, reply) => {
    if (!request.viewer) return signInFirst(request, reply);
    const article = await ownArticle(request);
    const revisions = await listRevisions(db, article.id);
    return web.render(
      reply,
      RevisionsPage({ ctx: await web.pageContext(request), articleId: article.id, revisions }),
    );
  });

  app.get('/studio/articles/:id/revisions/:n', async (request, reply) => {
    if (!request.viewer) return signInFirst(request, reply);
    const article = await ownArticle(request);
    const n = Number((request.params as { n: string }).n);
    if (!Number.isInteger(n) || n < 1) throw new AppError('NOT_FOUND');
    const [revisions, shown] = await Promise.all([
      listRevisions(db, article.id),
      getRevisionOrThrow(db, article.id, n),
    ]);
    return web.render(
      reply,
      RevisionsPage({
        ctx: await web.pageContext(request),
        articleId: article.id,
        revisions,
        shown,
      }),
    );
  });

  app.post('/studio/images', async (request, reply) => {
    const viewer = requireCreator(request.viewer);
    web.limit(reply, `write:${viewer.id}`, RATE_RULES.creatorWritePerUser);
    if (!request.isMultipart())
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请用 multipart/form-data 上传图片');
    const file = await request.file();
    if (!file) throw new AppError('VALIDATION_FAILED', '请选择要上传的图片');
    const token = file.fields._csrf;
    web.checkCsrf(request, token && 'value' in token ? token.value : undefined);
    const bytes = await file.toBuffer();
    const image = await storeImage(db, ctx.clock, { ownerId: viewer.id, bytes, uploadsDir });
    const markdown = `![](/media/${image.id} "")`;
    if (request.headers.accept?.includes('application/json'))
      return { id: image.id, url: image.url, markdown };
    return web.render(
      reply,
      UploadedPage({ ctx: await web.pageContext(request), id: image.id, markdown }),
    );
  });

  app.get('/media/:id/:file', async (request, reply) => {
    const { id, file } = request.params as { id: string; file: string };
    if (!/^[0-9a-f-]{36}$/.test(id) || !/^\d{1,5}\.webp$/.test(file))
      throw new AppError('NOT_FOUND');
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
    if (!request.viewer) return signInFirst(request, reply);
    requireRole(request.viewer, 'editor', 'admin');
    const [pending, approved, rejected] = await Promise.all([
      listApplications(db, 'pending'),
      listApplications(db, 'approved', 10),
      listApplications(db, 'rejected', 10),
    ]);
    const decided = [...approved, ...rejected].sort(
      (a, b) => (b.decidedAt?.getTime() ?? 0) - (a.decidedAt?.getTime() ?? 0),
    );
    return web.render(reply, ReviewPage({ ctx: await web.pageContext(request), pending, decided }));
  });

  app.post('/studio/review/:id/approve', async (request, reply) => {
    const viewer = requireRole(request.viewer, 'editor', 'admin');
    const reason = str(((request.body ?? {}) as Form).reason);
    await approveApplication(
      db,
      ctx.clock,
      viewer.id,
      (request.params as { id: string }).id,
      reason,
    );
    return reply.redirect(to(request, '/studio/review'), 303);
  });

  app.post('/studio/review/:id/reject', async (request, reply) => {
    const viewer = requireRole(request.viewer, 'editor', 'admin');
    const reason = str(((request.body ?? {}) as Form).reason);
    await rejectApplication(
      db,
      ctx.clock,
      viewer.id,
      (request.params as { id: string }).id,
      reason,
    );
    return reply.redirect(to(request, '/studio/review'), 303);
  });

  const dictionaryPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: Record<string, string>; value?: string; notice?: string } = {},
    status = 200,
  ) =>
    web.render(
      reply,
      DictionaryPage({
        ctx: await web.pageContext(request),
        words: await listDictionaryWords(db),
        errors: extra.errors ?? {},
        value: extra.value,
        notice: extra.notice,
      }),
      status,
    );

  app.get('/studio/dictionary', async (request, reply) => {
    if (!request.viewer) return signInFirst(request, reply);
    requireRole(request.viewer, 'admin');
    const { added, removed } = request.query as { added?: string; removed?: string };
    const notice =
      typeof added === 'string'
        ? `已加入“${added}”，搜索索引正在后台重建。`
        : typeof removed === 'string'
          ? `已删除“${removed}”，搜索索引正在后台重建。`
          : undefined;
    return dictionaryPage(request, reply, { notice });
  });

  app.post('/studio/dictionary', async (request, reply) => {
    const viewer = requireRole(request.viewer, 'admin');
    const word = str(((request.body ?? {}) as Form).word);
    try {
      const result = await addDictionaryWord(db, ctx.clock, viewer.id, { word });
      return reply.redirect(
        `${to(request, '/studio/dictionary')}?added=${encodeURIComponent(result.word)}`,
        303,
      );
    } catch (err) {
      if (!isAppError(err) || err.code !== 'VALIDATION_FAILED') throw err;
      return dictionaryPage(request, reply, { errors: fieldErrors(err.details), value: word }, 422);
    }
  });

  app.post('/studio/dictionary/delete', async (request, reply) => {
    const viewer = requireRole(request.viewer, 'admin');
    const word = str(((request.body ?? {}) as Form).word);
    await removeDictionaryWord(db, ctx.clock, viewer.id, word);
    return reply.redirect(
      `${to(request, '/studio/dictionary')}?removed=${encodeURIComponent(word)}`,
      303,
    );
  });
}
