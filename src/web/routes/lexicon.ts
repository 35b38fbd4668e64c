/** The spam lexicon (admins): its terms, adding and removing one (the site's Lexicon is synced after). */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireRole } from '../../accounts/index.js';
import type { AppContext } from '../../context.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { formBody, formText, loose } from '../../http/schemas.js';
import {
  addLexiconTerm,
  CATEGORY_LABELS,
  listLexiconTerms,
  removeLexiconTerm,
  syncLexicon,
} from '../../moderation/index.js';
import { isAppError } from '../../shared/errors.js';
import { LexiconPage } from '../pages/moderation.js';
import { fieldErrors } from '../views/form.js';

const LexiconForm = formBody({ term: formText(1000), category: formText(64) });
const DoneQuery = z.object({ done: loose(z.string().max(32)) });

/** The lexicon page: every term, the add form (with what was typed and its errors), a notice. */
async function lexiconPage(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  extra: {
    errors?: Record<string, string>;
    value?: { term: string; category: string };
    notice?: string;
  } = {},
  status = 200,
) {
  return reply.render(
    LexiconPage({
      ctx: await request.pageContext(),
      terms: await listLexiconTerms(ctx.database.db),
      labels: CATEGORY_LABELS,
      errors: extra.errors ?? {},
      value: extra.value,
      notice: extra.notice,
    }),
    status,
  );
}

export const lexiconRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get('/studio/lexicon', { schema: { querystring: DoneQuery } }, async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    requireRole(request.viewer, 'admin');
    const done = request.query.done;
    return lexiconPage(ctx, request, reply, {
      notice: done === 'add' ? '已加入词库' : done === 'remove' ? '已从词库删除' : undefined,
    });
  });

  app.post('/studio/lexicon', { schema: { body: LexiconForm } }, async (request, reply) => {
    const viewer = requireRole(request.viewer, 'admin');
    const value = request.body;
    try {
      await addLexiconTerm(db, ctx.clock, viewer.id, value);
    } catch (err) {
      if (!isAppError(err) || err.code !== 'VALIDATION_FAILED') throw err;
      return lexiconPage(ctx, request, reply, { errors: fieldErrors(err.details), value }, 422);
    }
    await syncLexicon(db, ctx.lexicon);
    return reply.seeOther('/studio/lexicon?done=add');
  });

  app.post(
    '/studio/lexicon/delete',
    { schema: { body: formBody({ term: formText(1000) }) } },
    async (request, reply) => {
      const viewer = requireRole(request.viewer, 'admin');
      await removeLexiconTerm(db, ctx.clock, viewer.id, request.body.term);
      await syncLexicon(db, ctx.lexicon);
      return reply.seeOther('/studio/lexicon?done=remove');
    },
  );
};
