/**
 * The account holder's own API: GET/PATCH/DELETE /me, /me/avatar,
 * /me/password, /me/export, /me/notification-preferences.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import {
  BIO_MAX_CHARS,
  changePassword,
  getProfile,
  requireViewer,
  ROLES,
  TAGLINE_MAX_CHARS,
  type Profile,
  type Viewer,
} from '../accounts/index.js';
import type { AppContext } from '../context.js';
import { updateOwnProfile } from '../creators/index.js';
import type { ZodTypeProvider } from '../http/route-schema.js';
import { nextUpload, uploadBytes } from '../http/uploads.js';
import { mailSite } from '../mail-context.js';
import { IMAGE_MAX_BYTES, storeImage } from '../media/index.js';
import {
  ChannelsSchema,
  getPrefs,
  NOTIFICATION_TYPES,
  setPrefs,
  type Prefs,
} from '../notifications/index.js';
import { deleteAccount, exportAccount } from '../privacy/index.js';
import { AppError } from '../shared/errors.js';
import { RATE_RULES } from '../shared/rate-limit.js';

export const MeOut = z.object({
  id: z.uuid(),
  email: z.string(),
  email_verified: z.boolean(),
  display_name: z.string(),
  bio: z.string(),
  tagline: z.string(),
  avatar_image_id: z.uuid().nullable(),
  avatar_url: z
    .string()
    .nullable()
    .meta({ description: '128 px 头像（另有 64、256）；未上传为 null' }),
  role: z.enum(ROLES),
  created_at: z.iso.datetime(),
  creator: z
    .object({ id: z.uuid(), handle: z.string(), url: z.string() })
    .nullable()
    .meta({ description: '创作者主页（仅创作者）' }),
});

function presentMe(profile: Profile, viewer: Viewer): z.input<typeof MeOut> {
  return {
    id: profile.id,
    email: profile.email,
    email_verified: profile.emailVerified,
    display_name: profile.displayName,
    bio: profile.bio,
    tagline: profile.tagline,
    avatar_image_id: profile.avatarImageId,
    avatar_url: profile.avatarImageId ? `/media/${profile.avatarImageId}/128.webp` : null,
    role: profile.role,
    created_at: profile.createdAt.toISOString(),
    creator: viewer.creator ? { ...viewer.creator, url: `/author/${viewer.creator.handle}` } : null,
  };
}

const PatchMeBody = z.strictObject({
  display_name: z.string().meta({ description: '昵称，1–40 个字符（创作者 1–30）' }).optional(),
  bio: z
    .string()
    .meta({ description: `个人简介，最多 ${BIO_MAX_CHARS} 个字符` })
    .optional(),
  tagline: z
    .string()
    .meta({ description: `一句话介绍，最多 ${TAGLINE_MAX_CHARS} 个字符` })
    .optional(),
  avatar_image_id: z
    .uuid()
    .nullable()
    .meta({ description: 'POST /me/avatar 上传的头像；null 移除头像' })
    .optional(),
  handle: z
    .string()
    .meta({
      description:
        '创作者账号名（3–30 位小写字母、数字、_、-）；旧的 /author/{handle} 301 到新地址',
    })
    .optional(),
});
const DeleteMeBody = z.strictObject({
  password: z.string().min(1, '请输入密码确认').max(256).meta({ description: '当前密码' }),
});
const PasswordBody = z.strictObject({
  current_password: z.string().max(256).meta({ description: '当前密码' }),
  new_password: z.string().max(256).meta({ description: '新密码，8–256 个字符，不能是常见密码' }),
});
const PrefsOut = z.object({
  types: z.record(z.enum(NOTIFICATION_TYPES), ChannelsSchema),
});
const PrefsBody = z.strictObject({
  types: z
    .partialRecord(z.enum(NOTIFICATION_TYPES), ChannelsSchema)
    .meta({ description: '要修改的通知类型；未列出的保持不变' }),
});
const AvatarUpload = z.object({
  image: z.string().meta({
    format: 'binary',
    description: `JPEG、PNG、WebP 或 GIF，至少 64×64 像素，最大 ${IMAGE_MAX_BYTES / 1024 / 1024} MB；自动裁为正方形`,
  }),
});

const presentPrefs = (prefs: Prefs) => ({
  types: Object.fromEntries(
    NOTIFICATION_TYPES.map((t) => [
      t,
      { in_app: prefs[t].inApp, email: prefs[t].email, digest: prefs[t].digest },
    ]),
  ) as z.input<typeof PrefsOut>['types'],
});

export const meApi: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get(
    '/me',
    {
      schema: {
        summary: '我的账号资料',
        tags: ['me'],
        auth: 'bearer',
        response: { 200: MeOut },
      },
    },
    async (request) => {
      const viewer = requireViewer(request.viewer);
      return presentMe(await getProfile(db, viewer.id), viewer);
    },
  );

  app.patch(
    '/me',
    {
      schema: {
        summary: '修改资料（昵称、简介、一句话介绍、头像；创作者可改账号名）',
        tags: ['me'],
        auth: 'bearer',
        body: PatchMeBody,
        response: { 200: MeOut },
      },
    },
    async (request, reply) => {
      const viewer = requireViewer(request.viewer);
      await reply.limit(`account:${viewer.id}`, RATE_RULES.accountWritePerUser);
      const b = request.body;
      await updateOwnProfile(db, ctx.clock, viewer.id, {
        displayName: b.display_name,
        bio: b.bio,
        tagline: b.tagline,
        avatarImageId: b.avatar_image_id,
        handle: b.handle,
      });
      const creator =
        viewer.creator && b.handle
          ? { ...viewer.creator, handle: b.handle.trim().toLowerCase() }
          : viewer.creator;
      return presentMe(await getProfile(db, viewer.id), { ...viewer, creator });
    },
  );

  app.post(
    '/me/avatar',
    {
      schema: {
        summary: '上传头像（裁为正方形，64/128/256 px WebP）并设为我的头像',
        tags: ['me'],
        auth: 'bearer',
        multipart: AvatarUpload,
        response: { 201: MeOut },
      },
    },
    async (request, reply) => {
      const viewer = requireViewer(request.viewer);
      await reply.limit(`account:${viewer.id}`, RATE_RULES.accountWritePerUser);
      if (!request.isMultipart())
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请用 multipart/form-data 上传，字段名 image');
      const file = await nextUpload(request);
      if (!file)
        throw new AppError('VALIDATION_FAILED', '请上传一张图片（字段名 image）', {
          details: [{ path: 'image', message: '必填' }],
        });
      const image = await storeImage(
        db,
        ctx.clock,
        { ownerId: viewer.id, bytes: await uploadBytes(file), store: ctx.media, square: true },
        ctx.imageSlots,
      );
      await updateOwnProfile(db, ctx.clock, viewer.id, { avatarImageId: image.id });
      return reply.code(201).send(presentMe(await getProfile(db, viewer.id), viewer));
    },
  );

  app.put(
    '/me/password',
    {
      schema: {
        summary: '修改密码（需当前密码；此 token 之外的登录全部失效）',
        tags: ['me'],
        auth: 'bearer',
        body: PasswordBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const viewer = requireViewer(request.viewer);
      await reply.limit(`account:${viewer.id}`, RATE_RULES.accountWritePerUser);
      await changePassword(db, ctx.clock, await mailSite(ctx), viewer, {
        currentPassword: request.body.current_password,
        newPassword: request.body.new_password,
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/export',
    {
      schema: {
        summary: '下载个人数据副本（zip：资料、文章 Markdown、评论、点赞、举报、关注、通知）',
        tags: ['me'],
        auth: 'bearer',
        binaryResponse: { type: 'application/zip', description: 'zip 文件' },
      },
    },
    async (request, reply) => {
      const viewer = requireViewer(request.viewer);
      await reply.limit(`export:${viewer.id}`, RATE_RULES.exportPerUser);
      const zip = await exportAccount(db, viewer.id, ctx.clock.now());
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${zip.filename}"`)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(zip.bytes));
    },
  );

  app.delete(
    '/me',
    {
      schema: {
        summary: '注销账号：需密码；个人数据全部删除，创作者的文章一并删除（见 docs/privacy.md）',
        tags: ['me'],
        auth: 'bearer',
        body: DeleteMeBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const viewer = requireViewer(request.viewer);
      await reply.limit(`account:${viewer.id}`, RATE_RULES.accountWritePerUser);
      await deleteAccount(db, ctx.media, { userId: viewer.id, password: request.body.password });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/notification-preferences',
    {
      schema: {
        summary: '通知设置：每类通知的站内、邮件、每日摘要',
        tags: ['notifications'],
        auth: 'bearer',
        response: { 200: PrefsOut },
      },
    },
    async (request) => presentPrefs(await getPrefs(db, requireViewer(request.viewer).id)),
  );

  app.put(
    '/me/notification-preferences',
    {
      schema: {
        summary: '修改通知设置',
        tags: ['notifications'],
        auth: 'bearer',
        body: PrefsBody,
        response: { 200: PrefsOut },
      },
    },
    async (request, reply) => {
      const viewer = requireViewer(request.viewer);
      await reply.limit(`account:${viewer.id}`, RATE_RULES.accountWritePerUser);
      const change = Object.fromEntries(
        Object.entries(request.body.types).map(([t, c]) => [
          t,
          { inApp: c!.in_app, email: c!.email, digest: c!.digest },
        ]),
      ) as Partial<Prefs>;
      return presentPrefs(await setPrefs(db, viewer.id, change));
    },
  );
};
