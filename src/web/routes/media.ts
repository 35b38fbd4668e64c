/** Image uploads from the studio, and serving the stored variants at /media. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { requireCreator } from '../../accounts/index.js';
import type { AppContext } from '../../context.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { nextUpload, uploadBytes } from '../../http/uploads.js';
import { ALT_MAX_CHARS, figureMarkdown, findImages, storeImage } from '../../media/index.js';
import { UuidParams } from '../../http/schemas.js';
import { AppError } from '../../shared/errors.js';
import { RATE_RULES } from '../../shared/rate-limit.js';
import { UploadedPage } from '../pages/article-tools.js';

/** Uploaded variants are immutable (a new upload gets a new id): cache for a year. */
const MEDIA_MAX_AGE_S = 365 * 86_400;
const MediaParams = z.object({
  id: z.string().regex(/^[0-9a-f-]{36}$/),
  file: z.string().regex(/^\d{1,5}\.webp$/),
});

export const mediaRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.post('/studio/images', async (request, reply) => {
    const viewer = requireCreator(request.viewer);
    await reply.limit(`write:${viewer.id}`, RATE_RULES.creatorWritePerUser);
    if (!request.isMultipart())
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请用 multipart/form-data 上传图片');
    const file = await nextUpload(request);
    if (!file) throw new AppError('VALIDATION_FAILED', '请选择要上传的图片');
    // The fields before the file part (the forms and the editor's script put them first).
    const field = (name: string) => {
      const f = file.fields[name];
      return f && 'value' in f ? String(f.value) : undefined;
    };
    request.checkCsrf(field('_csrf'));
    const alt = (field('alt') ?? '').replace(/\s+/gu, ' ').trim();
    if (Array.from(alt).length > ALT_MAX_CHARS)
      throw new AppError('VALIDATION_FAILED', `图片说明最多 ${ALT_MAX_CHARS} 个字`, {
        details: [{ path: 'alt', message: `最多 ${ALT_MAX_CHARS} 个字` }],
      });
    const bytes = await uploadBytes(file);
    const image = await storeImage(
      db,
      ctx.clock,
      { ownerId: viewer.id, bytes, store: ctx.media, alt },
      ctx.imageSlots,
    );
    const markdown = figureMarkdown(image.id, alt);
    if (request.headers.accept?.includes('application/json'))
      return {
        id: image.id,
        url: image.url,
        thumbnailUrl: `/media/${image.id}/${image.variants[0]}.webp`,
        width: image.width,
        height: image.height,
        alt,
        markdown,
      };
    if (field('back') === 'library') return reply.seeOther('/studio/images?done=uploaded');
    return reply.render(UploadedPage({ ctx: await request.pageContext(), id: image.id, markdown }));
  });

  /**
   * `/media/{id}` as typed in Markdown (`![](/media/{id})`): the largest
   * variant. Rendered bodies link the variants themselves; this serves a
   * reference that was not resolved (an image named before it existed, a
   * preview, a feed reader following the source).
   */
  app.get(
    '/media/:id',
    { schema: { params: UuidParams }, config: { notFound: 'IMAGE_NOT_FOUND' } },
    async (request, reply) => {
      const info = (await findImages(db, [request.params.id])).get(request.params.id);
      if (!info) throw new AppError('IMAGE_NOT_FOUND');
      const widest = info.variants.at(-1) ?? info.width;
      return reply
        .header('cache-control', `public, max-age=${MEDIA_MAX_AGE_S}, immutable`)
        .redirect(`/media/${info.id}/${widest}.webp`, 301);
    },
  );

  app.get('/media/:id/:file', { schema: { params: MediaParams } }, async (request, reply) => {
    const { id, file } = request.params;
    const cacheControl = `public, max-age=${MEDIA_MAX_AGE_S}, immutable`;
    // CASE: media served from their own origin (a CDN on the bucket): readers go there.
    if (ctx.mediaPublicUrl)
      return reply
        .header('cache-control', cacheControl)
        .redirect(`${ctx.mediaPublicUrl}/${id}/${file}`, 301);
    const stored = await ctx.media.get(`${id}/${file}`);
    if (!stored) throw new AppError('NOT_FOUND');
    if (stored.length !== undefined) reply.header('content-length', String(stored.length));
    return reply.type('image/webp').header('cache-control', cacheControl).send(stored.body);
  });
};
