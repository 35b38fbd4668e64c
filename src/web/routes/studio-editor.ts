/**
 * The article editor: a new article (form and first save), then editing and
 * saving with the intent of the button pressed; autosave and live preview.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireCreator, requireViewer } from '../../accounts/index.js';
import {
  checkScheduleTime,
  createDraft,
  removeArticle,
  renderPreview,
  saveArticle,
  scheduleArticle,
  unpublishArticle,
  type ArticleView,
} from '../../articles/index.js';
import type { AppContext } from '../../context.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { formBody, formText, loose } from '../../http/schemas.js';
import { publishChecked } from '../../moderation/index.js';
import { getSiteSettings } from '../../settings/index.js';
import { AppError, isAppError } from '../../shared/errors.js';
import { RATE_RULES } from '../../shared/rate-limit.js';
import { EditorPage, type EditorValues } from '../pages/editor.js';
import { loadEditorImages } from './editor-images.js';
import { fieldErrors } from '../views/form.js';
import {
  draftInput,
  EDITOR_NOTICES,
  EditorForm,
  editorValues,
  parseShanghaiLocal,
  valuesOf,
  type Intent,
} from './editor-form.js';
import {
  articleRoute,
  authorizeArticleChange,
  getArticleViewOrThrow,
  getOwnArticleOrThrow,
} from './studio-access.js';

const DoneQuery = z.object({ done: loose(z.string().max(32)) });

/**
 * What must hold before anything is saved: a schedule needs a real time in
 * the future (otherwise the draft would be saved and the schedule refused).
 */
function checkIntent(ctx: AppContext, intent: Intent, values: EditorValues): void {
  if (intent === 'schedule') checkScheduleTime(ctx.clock, parseShanghaiLocal(values.publishAt));
}

/** Applies the editor's intent; returns the notice key to show. */
async function applyIntent(ctx: AppContext, id: string, intent: Intent, values: EditorValues) {
  const db = ctx.database.db;
  if (intent === 'publish') {
    const policy = (await getSiteSettings(db)).copyPolicy;
    const outcome = await publishChecked(db, ctx.clock, id, { policy, lexicon: ctx.lexicon });
    if (outcome.status === 'held') return outcome.copies.length ? 'held-copy' : 'held-spam';
    if (outcome.repostOf) return 'repost';
    if (outcome.ownMatches.length) return 'publish-own';
    return 'publish';
  }
  if (intent === 'schedule')
    await scheduleArticle(db, ctx.clock, id, parseShanghaiLocal(values.publishAt));
  else if (intent === 'unpublish') await unpublishArticle(db, ctx.clock, id);
  return intent;
}

/** The editor again after the domain refused (4xx): what was typed stays, with the reasons. */
async function editorWithErrors(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  err: AppError,
  values: EditorValues,
  article?: ArticleView,
) {
  const viewer = requireViewer(request.viewer);
  return reply.render(
    EditorPage({
      ctx: await request.pageContext(),
      article,
      values,
      images: await loadEditorImages(ctx.database.db, viewer.id, values.bodyMarkdown),
      errors: fieldErrors(err.details),
      message: err.message,
    }),
    err.status,
  );
}

/** A new article: the empty editor, and its first save (with whatever its button asked for). */
export const newArticleRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

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
      tags: '',
    };
    const images = await loadEditorImages(db, request.viewer.id, '');
    return reply.render(EditorPage({ ctx: pageCtx, values, images, errors: {} }));
  });

  app.post('/studio/articles', { schema: { body: EditorForm } }, async (request, reply) => {
    const viewer = requireCreator(request.viewer);
    await reply.limit(`write:${viewer.id}`, RATE_RULES.creatorWritePerUser);
    const values = editorValues(request.body);
    const intent = request.body.intent;
    try {
      checkIntent(ctx, intent, values);
      const { id } = await createDraft(
        db,
        ctx.clock,
        { userId: viewer.id, authorId: viewer.creator.id },
        draftInput(values),
      );
      let done: string = intent;
      try {
        done = await applyIntent(ctx, id, intent, values);
      } catch (err) {
        if (!isAppError(err) || err.status >= 500) throw err;
        const article = await getArticleViewOrThrow(ctx, id);
        return editorWithErrors(ctx, request, reply, err, values, article);
      }
      return reply.seeOther(`/studio/articles/${id}/edit?done=${done}`);
    } catch (err) {
      if (!isAppError(err) || err.status >= 500 || err.code === 'RATE_LIMITED') throw err;
      return editorWithErrors(ctx, request, reply, err, values);
    }
  });
};

/** An existing article in the editor: open it, save it (or publish, schedule, unpublish, delete). */
export const editorRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get(
    '/studio/articles/:id/edit',
    { ...articleRoute, schema: { ...articleRoute.schema, querystring: DoneQuery } },
    async (request, reply) => {
      if (!request.viewer) return reply.signInFirst();
      const article = await getOwnArticleOrThrow(ctx, request, request.params.id);
      const done = request.query.done;
      const values = valuesOf(article);
      return reply.render(
        EditorPage({
          ctx: await request.pageContext(),
          article,
          values,
          images: await loadEditorImages(db, request.viewer.id, values.bodyMarkdown),
          errors: {},
          notice: done ? EDITOR_NOTICES[done] : undefined,
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
      const article = await authorizeArticleChange(ctx, request, request.params.id);
      const values = editorValues(request.body);
      const intent = request.body.intent;
      if (intent === 'delete') {
        await removeArticle(db, ctx.clock, article.id);
        return reply.seeOther('/studio');
      }
      try {
        checkIntent(ctx, intent, values);
        if (intent !== 'unpublish')
          await saveArticle(db, ctx.clock, { userId: viewer.id }, article.id, draftInput(values));
        const done = await applyIntent(ctx, article.id, intent, values);
        return reply.seeOther(`/studio/articles/${article.id}/edit?done=${done}`);
      } catch (err) {
        if (!isAppError(err) || err.status >= 500) throw err;
        const fresh = await getArticleViewOrThrow(ctx, article.id);
        return editorWithErrors(ctx, request, reply, err, values, fresh);
      }
    },
  );
};

/** What the editor's script calls while the author types: autosave and the live preview. */
export const editorAssistRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (
  scope,
  { ctx },
) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  /** Autosave (drafts only; a published article changes only when its author saves). */
  app.post(
    '/studio/articles/:id/autosave',
    { ...articleRoute, schema: { ...articleRoute.schema, body: EditorForm } },
    async (request, reply) => {
      const viewer = requireViewer(request.viewer);
      await reply.limit(`write:${viewer.id}`, RATE_RULES.creatorWritePerUser);
      const article = await authorizeArticleChange(ctx, request, request.params.id);
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
      return { html: await renderPreview(db, request.body.bodyMarkdown.slice(0, 200_000)) };
    },
  );
};
