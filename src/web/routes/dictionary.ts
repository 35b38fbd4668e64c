/** Admins extend the search segmenter's dictionary (names and terms jieba would split). */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireRole } from '../../accounts/index.js';
import type { AppContext } from '../../context.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { formBody, formText, loose } from '../../http/schemas.js';
import {
  addDictionaryWord,
  listDictionaryWords,
  removeDictionaryWord,
} from '../../search/index.js';
import { isAppError } from '../../shared/errors.js';
import { DictionaryPage } from '../pages/dictionary.js';
import { fieldErrors } from '../views/form.js';

const WordForm = formBody({ word: formText(1000) });
const DictionaryQuery = z.object({
  added: loose(z.string().max(200)),
  removed: loose(z.string().max(200)),
});

export const dictionaryRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

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
