/**
 * The image library through the API: upload (multipart, field `image`,
 * optional `alt` before it), list my images, change an alt text, delete an
 * unused image.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { requireCreator } from '../accounts/index.js';
import { deleteUnusedImage, listImageUses, type ImageUse } from '../articles/index.js';
import {
  ALT_MAX_CHARS,
  encodeImageCursor,
  figureMarkdown,
  IMAGE_MAX_BYTES,
  getOwnImageOrThrow,
  listImagesOf,
  setImageAlt,
  storeImage,
  type LibraryImage,
} from '../media/index.js';
import type { AppContext } from '../context.js';
import type { ZodTypeProvider } from '../http/route-schema.js';
import { nextUpload, uploadBytes } from '../http/uploads.js';
import { AppError } from '../shared/errors.js';
import { RATE_RULES } from '../shared/rate-limit.js';
import { imageCursorParam, limitParam } from './paging.js';
import { listOf } from './presenters.js';

const Upload = z.object({
  alt: z
    .string()
    .max(ALT_MAX_CHARS)
    .optional()
    .meta({
      description: `图片说明（替代文字，供视障读者），最多 ${ALT_MAX_CHARS} 字；须在 image 之前`,
    }),
  image: z.string().meta({
    format: 'binary',
    description: `JPEG、PNG、WebP 或 GIF，最大 ${IMAGE_MAX_BYTES / 1024 / 1024} MB`,
  }),
});

const Variant = z.object({ width: z.int(), url: z.string() });

const ImageReply = z.object({
  image: z.object({
    id: z.uuid(),
    url: z.string(),
    width: z.int(),
    height: z.int(),
    variants: z.array(Variant),
    markdown: z.string().meta({ description: '插入正文用的 Markdown' }),
  }),
});

const ImageOut = z.object({
  id: z.uuid(),
  url: z.string().meta({ description: '最大的 WebP' }),
  thumbnail_url: z.string().meta({ description: '最小的 WebP（缩略图）' }),
  width: z.int(),
  height: z.int(),
  bytes: z.int().meta({ description: '上传时的文件大小（字节）' }),
  alt: z.string().meta({ description: '图片说明（替代文字）' }),
  variants: z.array(Variant),
  markdown: z.string().meta({ description: '插入正文用的 Markdown' }),
  created_at: z.iso.datetime({ offset: true }),
  used_by: z
    .array(
      z.object({
        article_id: z.string(),
        title: z.string(),
        as_cover: z.boolean().meta({ description: 'true：用作封面；false：用在正文中' }),
      }),
    )
    .meta({ description: '使用这张图片的文章（已删除的不算）；不为空时不能删除' }),
});

const ImageParams = z.object({ id: z.uuid({ error: '图片编号无效' }) });
const imageRoute = { config: { notFound: 'IMAGE_NOT_FOUND' as const } };

const ListQuery = z.strictObject({ limit: limitParam(), cursor: imageCursorParam });
const AltBody = z.strictObject({
  alt: z.string().max(ALT_MAX_CHARS).meta({ description: '图片说明（替代文字）' }),
});

function presentImage(i: LibraryImage, uses: readonly ImageUse[]): z.input<typeof ImageOut> {
  const url = (w: number) => `/media/${i.id}/${w}.webp`;
  return {
    id: i.id,
    url: url(i.variants.at(-1) ?? i.width),
    thumbnail_url: url(i.variants[0] ?? i.width),
    width: i.width,
    height: i.height,
    bytes: i.bytes,
    alt: i.alt,
    variants: i.variants.map((w) => ({ width: w, url: url(w) })),
    markdown: figureMarkdown(i.id, i.alt),
    created_at: i.createdAt.toISOString(),
    used_by: uses.map((u) => ({ article_id: u.articleId, title: u.title, as_cover: u.asCover })),
  };
}

export const imagesApi: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

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
      const file = await nextUpload(request);
      if (!file)
        throw new AppError('VALIDATION_FAILED', '请上传一张图片（字段名 image）', {
          details: [{ path: 'image', message: '必填' }],
        });
      const altField = file.fields.alt;
      const alt = altField && 'value' in altField ? String(altField.value) : '';
      if (Array.from(alt).length > ALT_MAX_CHARS)
        throw new AppError('VALIDATION_FAILED', undefined, {
          details: [{ path: 'alt', message: `最多 ${ALT_MAX_CHARS} 个字符` }],
        });
      const image = await storeImage(
        db,
        ctx.clock,
        {
          ownerId: viewer.id,
          bytes: await uploadBytes(file),
          store: ctx.media,
          alt: alt.trim(),
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
          markdown: figureMarkdown(image.id, alt),
        },
      });
    },
  );

  app.get(
    '/images',
    {
      schema: {
        summary: '我的图片库：我上传的图片，最新的在前，附使用它们的文章',
        tags: ['images'],
        auth: 'bearer',
        querystring: ListQuery,
        response: { 200: listOf(ImageOut) },
      },
    },
    async (request) => {
      const viewer = requireCreator(request.viewer);
      const q = request.query;
      const rows = await listImagesOf(db, viewer.id, { before: q.cursor, limit: q.limit + 1 });
      const items = rows.slice(0, q.limit);
      const uses = await listImageUses(
        db,
        viewer.creator.id,
        items.map((i) => i.id),
      );
      const last = items.at(-1);
      return {
        items: items.map((i) => presentImage(i, uses.get(i.id) ?? [])),
        next_cursor: rows.length > q.limit && last ? encodeImageCursor(last) : null,
      };
    },
  );

  app.patch(
    '/images/:id',
    {
      schema: {
        summary: '修改图片说明（替代文字）；只有上传者能改',
        tags: ['images'],
        auth: 'bearer',
        params: ImageParams,
        body: AltBody,
        response: { 200: z.object({ image: ImageOut }) },
      },
      ...imageRoute,
    },
    async (request, reply) => {
      const viewer = requireCreator(request.viewer);
      await reply.limit(`write:${viewer.id}`, RATE_RULES.creatorWritePerUser);
      await setImageAlt(db, viewer.id, request.params.id, request.body.alt);
      const image = await getOwnImageOrThrow(db, viewer.id, request.params.id);
      const uses = await listImageUses(db, viewer.creator.id, [image.id]);
      return { image: presentImage(image, uses.get(image.id) ?? []) };
    },
  );

  app.delete(
    '/images/:id',
    {
      schema: {
        summary: '删除一张没有被使用的图片（用作封面或在正文中的图片返回 409 IMAGE_IN_USE）',
        tags: ['images'],
        auth: 'bearer',
        params: ImageParams,
        response: { 204: z.null().meta({ description: '已删除，无内容' }) },
      },
      ...imageRoute,
    },
    async (request, reply) => {
      const viewer = requireCreator(request.viewer);
      await reply.limit(`write:${viewer.id}`, RATE_RULES.creatorWritePerUser);
      await deleteUnusedImage(
        db,
        ctx.media,
        { userId: viewer.id, authorId: viewer.creator.id },
        request.params.id,
      );
      return reply.code(204).send(null);
    },
  );
};
