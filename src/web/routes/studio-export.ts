/**
 * 导出我的内容 (creators): everything a creator wrote here as one zip —
 * articles as Markdown, images, the comments on them, followers — the same
 * as `byline export --creator` (docs/export-format.md). Streamed, never held.
 */
import { PassThrough } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { requireCreator } from '../../accounts/index.js';
import type { AppContext } from '../../context.js';
import { RATE_RULES } from '../../shared/rate-limit.js';
import { exportCreator } from '../../transfer/index.js';

export const studioExportRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/studio/export', async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    const viewer = requireCreator(request.viewer);
    await reply.limit(`write:${viewer.id}`, RATE_RULES.creatorWritePerUser);
    const body = new PassThrough();
    const day = ctx.clock.now().toISOString().slice(0, 10);
    void exportCreator(ctx.database.db, viewer.creator.handle, body, {
      store: ctx.media,
      origin: ctx.publicUrl,
    }).catch((err: unknown) => body.destroy(err as Error));
    return reply
      .header('content-type', 'application/zip')
      .header(
        'content-disposition',
        `attachment; filename="byline-${viewer.creator.handle}-${day}.zip"`,
      )
      .header('cache-control', 'private, no-store')
      .send(body);
  });
};
