/** POST /images (multipart, field `image`): upload and re-encode an image. */
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { requireCreator } from '../accounts/index.js';
import { IMAGE_MAX_BYTES, storeImage } from '../articles/index.js';
import type { AppContext } from '../context.js';
import type { ZodTypeProvider } from '../http/route-schema.js';
import { AppError } from '../shared/errors.js';
import { RATE_RULES } from '../shared/rate-limit.js';

const Upload = z.object({
  image: z.string().meta({
    format: 'binary',
    description: `JPEG、PNG、WebP 或 GIF，最大 ${IMAGE_MAX_BYTES / 1024 / 1024} MB`,
  }),
});

const ImageReply = z.object({
  image: z.object({
    id: z.uuid(),
    url: z.string(),
    width: z.int(),
    height: z.int(),
    variants: z.array(z.object({ width: z.int(), url: z.string() })),
    markdown: z.string().meta({ description: '插入正文用的 Markdown' }),
  }),
});

export const imagesApi: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const uploadsDir = ctx.uploadsDir ?? path.resolve('data/uploads');
  app.post(
    '/images',
    {
      schema: {
        summary: '上传图片（重新编码为 480/960/1600 px WebP，去除 EXIF）',
        tags: ['images'],
        auth: 'bearer',
        multipart: Upload,
        response: { 201: ImageReply },
      },
    },
    async (request, reply) => {
      const viewer = requireCreator(request.viewer);
      await reply.limit(`write:${viewer.id}`, RATE_RULES.creatorWritePerUser);
      if (!request.isMultipart())
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请用 multipart/form-data 上传，字段名 image');
      const file = await request.file();
      if (!file)
        throw new AppError('VALIDATION_FAILED', '请上传一张图片（字段名 image）', {
          details: [{ path: 'image', message: '必填' }],
        });
      const image = await storeImage(
        ctx.database.db,
        ctx.clock,
        {
          ownerId: viewer.id,
          bytes: await file.toBuffer(),
          uploadsDir,
        },
        ctx.imageSlots,
      );
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
    },
  );
};
