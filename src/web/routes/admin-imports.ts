/**
 * 导入 in the admin console (admins): the upload form and the jobs with
 * their reports. The upload starts the same job as POST /api/v1/admin/imports.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { requireRole } from '../../accounts/index.js';
import { importUpload, uploadFields } from '../../http/import-upload.js';
import type { AppContext } from '../../context.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { loose } from '../../http/schemas.js';
import { isAppError } from '../../shared/errors.js';
import { RATE_RULES } from '../../shared/rate-limit.js';
import { listImportJobs, startImportJob } from '../../transfer/index.js';
import { ImportsPage } from '../pages/admin-imports.js';

const DoneQuery = z.object({ done: loose(z.string().max(32)) });

export const adminImportRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (
  scope,
  { ctx },
) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get(
    '/studio/admin/imports',
    { schema: { querystring: DoneQuery } },
    async (request, reply) => {
      if (!request.viewer) return reply.signInFirst();
      requireRole(request.viewer, 'admin');
      return reply.render(
        ImportsPage({
          ctx: await request.pageContext(),
          jobs: await listImportJobs(db, ctx.clock),
          notice:
            request.query.done === 'started' ? '导入已开始，完成后这里会显示报告。' : undefined,
        }),
      );
    },
  );

  app.post('/studio/admin/imports', async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    const viewer = requireRole(request.viewer, 'admin');
    await reply.limit(`write:${viewer.id}`, RATE_RULES.creatorWritePerUser);
    const file = await importUpload(request);
    const field = file.fields._csrf;
    request.checkCsrf(field && 'value' in field ? field.value : undefined);
    try {
      const { format, channelMap } = uploadFields(file);
      await startImportJob(
        db,
        {
          format,
          channelMap,
          fileName: file.filename,
          body: file.file,
          createdBy: viewer.id,
          isTruncated: () => file.file.truncated,
        },
        { clock: ctx.clock, store: ctx.media },
      );
    } catch (err) {
      if (!isAppError(err) || err.status !== 400) throw err;
      file.file.resume(); // the rest of the upload is read and dropped
      const detail = err.details?.map((d) => d.message).join('；') ?? err.message;
      return reply.code(400).render(
        ImportsPage({
          ctx: await request.pageContext(),
          jobs: await listImportJobs(db, ctx.clock),
          error: `没有开始导入：${detail}`,
        }),
      );
    }
    return reply.seeOther('/studio/admin/imports?done=started');
  });
};
