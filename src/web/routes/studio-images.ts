/** 图片库 in the studio: the list, alt text changes and deleting unused images (uploads: media.ts). */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireCreator } from '../../accounts/index.js';
import { deleteUnusedImage, listImageUses } from '../../articles/index.js';
import type { AppContext } from '../../context.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { formBody, formText, loose, UuidParams } from '../../http/schemas.js';
import {
  decodeImageCursor,
  encodeImageCursor,
  listImagesOf,
  setImageAlt,
} from '../../media/index.js';
import { AppError, isAppError } from '../../shared/errors.js';
import { RATE_RULES } from '../../shared/rate-limit.js';
import { ImageLibraryPage, LIBRARY_NOTICES } from '../pages/images.js';

/** Images per library page: four rows of thumbnails on a wide screen. */
export const LIBRARY_PAGE_SIZE = 24;

const LibraryQuery = z.object({
  before: loose(z.string().max(80)),
  done: loose(z.string().max(32)),
});
const imageRoute = {
  schema: { params: UuidParams },
  config: { notFound: 'IMAGE_NOT_FOUND' as const },
};

export const imageLibraryRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (
  scope,
  { ctx },
) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  /** The library page, with a notice or the reasons an action was refused. */
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    opts: { before?: string; notice?: string; error?: AppError } = {},
  ) {
    const viewer = requireCreator(request.viewer);
    let before;
    if (opts.before !== undefined) {
      before = decodeImageCursor(opts.before);
      if (!before) throw new AppError('BAD_REQUEST', '分页参数无效');
    }
    const rows = await listImagesOf(db, viewer.id, { before, limit: LIBRARY_PAGE_SIZE + 1 });
    const images = rows.slice(0, LIBRARY_PAGE_SIZE);
    const last = images.at(-1);
    const uses = await listImageUses(
      db,
      viewer.creator.id,
      images.map((i) => i.id),
    );
    return reply.render(
      ImageLibraryPage({
        ctx: await request.pageContext(),
        images,
        uses,
        next: rows.length > LIBRARY_PAGE_SIZE && last ? encodeImageCursor(last) : undefined,
        isFirst: before === undefined,
        notice: opts.notice,
        message: opts.error?.message,
        problems: opts.error?.details?.map((d) => d.message),
      }),
      opts.error?.status,
    );
  }

  app.get('/studio/images', { schema: { querystring: LibraryQuery } }, async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    const { before, done } = request.query;
    return render(request, reply, { before, notice: done ? LIBRARY_NOTICES[done] : undefined });
  });

  app.post(
    '/studio/images/:id/alt',
    { ...imageRoute, schema: { ...imageRoute.schema, body: formBody({ alt: formText(1000) }) } },
    async (request, reply) => {
      const viewer = requireCreator(request.viewer);
      await reply.limit(`write:${viewer.id}`, RATE_RULES.creatorWritePerUser);
      try {
        await setImageAlt(db, viewer.id, request.params.id, request.body.alt);
      } catch (err) {
        if (!isAppError(err) || err.code !== 'VALIDATION_FAILED') throw err;
        return render(request, reply, { error: err });
      }
      return reply.seeOther(`/studio/images?done=alt#image-${request.params.id}`);
    },
  );

  app.post('/studio/images/:id/delete', imageRoute, async (request, reply) => {
    const viewer = requireCreator(request.viewer);
    await reply.limit(`write:${viewer.id}`, RATE_RULES.creatorWritePerUser);
    try {
      await deleteUnusedImage(
        db,
        ctx.media,
        { userId: viewer.id, authorId: viewer.creator.id },
        request.params.id,
      );
    } catch (err) {
      if (!isAppError(err) || err.code !== 'IMAGE_IN_USE') throw err;
      return render(request, reply, { error: err });
    }
    return reply.seeOther('/studio/images?done=deleted');
  });
};
