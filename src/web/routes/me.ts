/**
 * 个人中心 pages: my page, profile (with avatar and, for creators, the
 * handle), password, my data (export, deletion).
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { changePassword, getProfile, requireViewer, type Viewer } from '../../accounts/index.js';
import { getArticleFacts, listArticleIdsOfAuthor } from '../../articles/index.js';
import type { AppContext } from '../../context.js';
import { listFollowedCreatorIds, updateOwnProfile } from '../../creators/index.js';
import { listRecentCommentsOf } from '../../engagement/index.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { formBody, formText, loose } from '../../http/schemas.js';
import { nextUpload, uploadBytes } from '../../http/uploads.js';
import { mailSite } from '../../mail-context.js';
import { storeImage } from '../../media/index.js';
import { countUnread } from '../../notifications/index.js';
import { deleteAccount, exportAccount } from '../../privacy/index.js';
import { AppError, isAppError } from '../../shared/errors.js';
import { RATE_RULES } from '../../shared/rate-limit.js';
import { AccountDataPage } from '../pages/me-settings.js';
import { MePage, PasswordPage, ProfileEditPage } from '../pages/me.js';
import { DonePage } from '../pages/recovery.js';
import { clearSessionCookie } from '../session.js';
import { fieldErrors } from '../views/form.js';

/** What a `?done=` after a redirect says on the page it lands on. */
const DONE_NOTICES: Record<string, string> = {
  'password-reset': '密码已重设，你已登录。其他设备上的登录都已退出。',
  verified: '邮箱已验证，你已登录。',
  profile: '资料已保存。',
  avatar: '头像已更新。',
  password: '密码已修改，其他设备上的登录都已退出。',
};
const DoneQuery = z.object({ done: loose(z.string().max(40)) });

const ProfileForm = formBody({
  displayName: formText(1000),
  handle: formText(1000),
  tagline: formText(1000),
  bio: formText(10_000),
});
const PasswordForm = formBody({ currentPassword: formText(1000), newPassword: formText(1000) });
const DeleteForm = formBody({ password: formText(1000), confirm: formText(100) });

/** The word a reader types to confirm deletion (a password alone is too easy to submit by mistake). */
const DELETE_CONFIRM_WORD = '注销';

export const meRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get('/me', { schema: { querystring: DoneQuery } }, async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    const viewer = request.viewer;
    const profile = await getProfile(db, viewer.id);
    const recent = await listRecentCommentsOf(db, viewer.id);
    const titles = await getArticleFacts(
      db,
      recent.map((c) => c.articleId),
    );
    return reply.render(
      MePage({
        ctx: await request.pageContext(),
        profile,
        following: (await listFollowedCreatorIds(db, viewer.id)).length,
        unread: await countUnread(db, viewer.id),
        comments: recent.map((c) => ({
          ...c,
          articleTitle: titles.get(c.articleId)?.title ?? '已删除的文章',
        })),
        notice: DONE_NOTICES[request.query.done ?? ''],
      }),
    );
  });

  app.get('/me/profile', { schema: { querystring: DoneQuery } }, async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    return reply.render(
      ProfileEditPage({
        ctx: await request.pageContext(),
        profile: await getProfile(db, request.viewer.id),
        handle: request.viewer.creator?.handle ?? null,
        values: {},
        errors: {},
        notice: DONE_NOTICES[request.query.done ?? ''],
      }),
    );
  });

  app.post('/me/profile', { schema: { body: ProfileForm } }, async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    const form = request.body;
    try {
      await reply.limit(`account:${viewer.id}`, RATE_RULES.accountWritePerUser);
      await updateOwnProfile(db, ctx.clock, viewer.id, {
        displayName: form.displayName,
        tagline: form.tagline,
        bio: form.bio,
        ...(viewer.creator ? { handle: form.handle } : {}),
      });
      return reply.seeOther('/me/profile?done=profile');
    } catch (err) {
      if (!isAppError(err) || err.status >= 500 || err.code === 'RATE_LIMITED') throw err;
      return reply.render(
        ProfileEditPage({
          ctx: await request.pageContext(),
          profile: await getProfile(db, viewer.id),
          handle: viewer.creator?.handle ?? null,
          values: form,
          errors: fieldErrors(err.details),
          message: err.message,
        }),
        err.status,
      );
    }
  });

  app.post('/me/avatar', async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    await reply.limit(`account:${viewer.id}`, RATE_RULES.accountWritePerUser);
    if (!request.isMultipart())
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请用 multipart/form-data 上传图片');
    const file = await nextUpload(request);
    const token = file?.fields._csrf;
    request.checkCsrf(token && 'value' in token ? token.value : undefined);
    try {
      if (!file || !file.filename)
        throw new AppError('VALIDATION_FAILED', '请选择头像图片', {
          details: [{ path: 'image', message: '请选择要上传的头像图片' }],
        });
      const image = await storeImage(
        db,
        ctx.clock,
        { ownerId: viewer.id, bytes: await uploadBytes(file), store: ctx.media, square: true },
        ctx.imageSlots,
      );
      await updateOwnProfile(db, ctx.clock, viewer.id, { avatarImageId: image.id });
      return reply.seeOther('/me/profile?done=avatar');
    } catch (err) {
      if (!isAppError(err) || err.status >= 500) throw err;
      const errors = err.details ? fieldErrors(err.details) : { image: err.message };
      return reply.render(
        ProfileEditPage({
          ctx: await request.pageContext(),
          profile: await getProfile(db, viewer.id),
          handle: viewer.creator?.handle ?? null,
          values: {},
          errors: { image: errors.image ?? err.message },
          message: err.message,
        }),
        err.status,
      );
    }
  });

  app.post('/me/avatar/remove', async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    await updateOwnProfile(db, ctx.clock, viewer.id, { avatarImageId: null });
    return reply.seeOther('/me/profile?done=avatar');
  });

  app.get('/me/password', { schema: { querystring: DoneQuery } }, async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    return reply.render(
      PasswordPage({
        ctx: await request.pageContext(),
        errors: {},
        notice: DONE_NOTICES[request.query.done ?? ''],
      }),
    );
  });

  app.post('/me/password', { schema: { body: PasswordForm } }, async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    try {
      await reply.limit(`account:${viewer.id}`, RATE_RULES.accountWritePerUser);
      await changePassword(db, ctx.clock, await mailSite(ctx), viewer, request.body);
      return reply.seeOther('/me/password?done=password');
    } catch (err) {
      if (!isAppError(err) || err.status >= 500 || err.code === 'RATE_LIMITED') throw err;
      return reply.render(
        PasswordPage({
          ctx: await request.pageContext(),
          errors: fieldErrors(err.details),
          message: err.message,
        }),
        err.status,
      );
    }
  });

  const accountPage = async (viewer: Viewer) => ({
    isCreator: viewer.creator !== null,
    articleCount: viewer.creator ? (await listArticleIdsOfAuthor(db, viewer.creator.id)).length : 0,
  });

  app.get('/me/account', async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    return reply.render(
      AccountDataPage({
        ctx: await request.pageContext(),
        ...(await accountPage(request.viewer)),
        errors: {},
      }),
    );
  });

  app.get('/me/export', async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    const viewer = request.viewer;
    await reply.limit(`export:${viewer.id}`, RATE_RULES.exportPerUser);
    const zip = await exportAccount(db, viewer.id, ctx.clock.now());
    return reply
      .type('application/zip')
      .header('content-disposition', `attachment; filename="${zip.filename}"`)
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(zip.bytes));
  });

  app.get('/account-deleted', async (request, reply) =>
    reply.render(
      DonePage({
        ctx: await request.pageContext(),
        title: '账号已注销',
        text: '你的账号和个人数据已经删除。感谢你曾经的陪伴。',
        link: { href: '/', label: '返回首页' },
      }),
    ),
  );

  app.post('/me/delete', { schema: { body: DeleteForm } }, async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    try {
      await reply.limit(`account:${viewer.id}`, RATE_RULES.accountWritePerUser);
      if (request.body.confirm.trim() !== DELETE_CONFIRM_WORD)
        throw new AppError('VALIDATION_FAILED', `请输入「${DELETE_CONFIRM_WORD}」确认`, {
          details: [{ path: 'confirm', message: `请输入「${DELETE_CONFIRM_WORD}」两个字确认注销` }],
        });
      await deleteAccount(db, ctx.media, { userId: viewer.id, password: request.body.password });
      clearSessionCookie(reply);
      return reply.seeOther('/account-deleted');
    } catch (err) {
      if (!isAppError(err) || err.status >= 500 || err.code === 'RATE_LIMITED') throw err;
      return reply.render(
        AccountDataPage({
          ctx: await request.pageContext(),
          ...(await accountPage(viewer)),
          errors: fieldErrors(err.details),
          message: err.message,
        }),
        err.status,
      );
    }
  });
};
