/** POST /images (multipart, field `image`): upload and re-encode an image. */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { requireCreator } from '../accounts/index.js';
import { storeImage } from '../articles/index.js';
import type { AppContext } from '../context.js';
import { AppError } from '../shared/errors.js';
import { enforceRate, RATE_RULES } from '../shared/rate-limit.js';
import type { ApiShared } from './app.js';

export async function imagesApi(
  app: FastifyInstance,
  ctx: AppContext,
  shared: ApiShared,
): Promise<void> {
  const uploadsDir = ctx.uploadsDir ?? path.resolve('data/uploads');
  app.post('/images', async (request, reply) => {
    const viewer = requireCreator(request.viewer);
    enforceRate(shared.limiter, `write:${viewer.id}`, RATE_RULES.creatorWritePerUser, (k, v) =>
      reply.header(k, v),
    );
    if (!request.isMultipart())
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请用 multipart/form-data 上传，字段名 image');
    const file = await request.file();
    if (!file) throw new AppError('VALIDATION_FAILED', '请上传一张图片（字段名 image）');
    const image = await storeImage(db(ctx), ctx.clock, {
      ownerId: viewer.id,
      bytes: await file.toBuffer(),
      uploadsDir,
    });
    return reply.code(201).send({
      image: {
        id: image.id,
        url: image.url,
        width: image.width,
        height: image.height,
        variants: image.variants.map((w) => ({ width: w, url: `/media/${image.id}/${w}.webp` })),
        markdown: `![](/media/${image.id} "")`,
      },
    });
  });
}

const db = (ctx: AppContext) => ctx.database.db;
