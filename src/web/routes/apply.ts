/** The 申请入驻 form: a reader applies to become a creator, and sees their applications. */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';
import { listApplicationsOfUser, submitApplication } from '../../creators/index.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { formBody, formList, formText } from '../../http/schemas.js';
import { screenContent } from '../../moderation/index.js';
import { AppError, isAppError } from '../../shared/errors.js';
import { RATE_RULES } from '../../shared/rate-limit.js';
import { ApplyPage } from '../pages/account.js';
import { fieldErrors } from '../views/form.js';

const ApplyForm = formBody({
  displayName: formText(1000),
  handle: formText(1000),
  accountType: formText(100),
  tagline: formText(1000),
  bio: formText(10_000),
  focusChannels: formList(50, 64),
  sampleLinks: formText(10_000),
  contact: formText(1000),
});

export const applyRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get('/apply', async (request, reply) => {
    const pageCtx = await request.pageContext();
    const applications = request.viewer ? await listApplicationsOfUser(db, request.viewer.id) : [];
    return reply.render(
      ApplyPage({
        ctx: pageCtx,
        applications,
        values: {},
        errors: {},
        isCreator: !!request.viewer?.creator,
      }),
    );
  });

  app.post('/apply', { schema: { body: ApplyForm } }, async (request, reply) => {
    if (!request.viewer) throw new AppError('UNAUTHENTICATED');
    const viewer = request.viewer;
    const form = request.body;
    const values = {
      ...form,
      sampleLinks: form.sampleLinks
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean),
    };
    try {
      await reply.limit(`apply:user:${viewer.id}`, RATE_RULES.applyPerUser);
      // A profile full of gambling or porn keywords is refused outright; the rest is reviewed anyway.
      screenContent([values.displayName, values.tagline, values.bio].join('\n'), ctx.lexicon);
      await submitApplication(db, ctx.clock, viewer.id, values);
      return reply.seeOther('/apply');
    } catch (err) {
      if (!isAppError(err) || err.status >= 500 || err.code === 'RATE_LIMITED') throw err;
      const pageCtx = await request.pageContext();
      const applications = await listApplicationsOfUser(db, viewer.id);
      const shown = { ...values, sampleLinks: values.sampleLinks.join('\n') };
      const errors =
        err.code === 'HANDLE_TAKEN' ? { handle: err.message } : fieldErrors(err.details);
      return reply.render(
        ApplyPage({
          ctx: pageCtx,
          applications,
          values: shown,
          errors,
          message: err.message,
          isCreator: !!viewer.creator,
        }),
        err.status,
      );
    }
  });
};
