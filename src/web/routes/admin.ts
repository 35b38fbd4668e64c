/**
 * 管理后台: the dashboard (editors and admins), site settings and channels
 * (admins). Every change is audited and reaches every instance through its
 * event (the site frame and the page caches drop their copies).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireRole } from '../../accounts/index.js';
import { removeChannel } from '../../articles/index.js';
import { createChannel, listChannels, updateChannel } from '../../channels/index.js';
import type { AppContext } from '../../context.js';
import type { ZodTypeProvider } from '../../http/route-schema.js';
import { formBody, formFlag, formText, loose, SlugParams } from '../../http/schemas.js';
import { loadDashboard } from '../../operations/index.js';
import {
  getSiteSettings,
  SiteSettingsSchema,
  updateSiteSettings,
  type SiteSettings,
} from '../../settings/index.js';
import { isAppError } from '../../shared/errors.js';
import { parseInput } from '../../shared/validation.js';
import { ChannelsPage } from '../pages/admin-channels.js';
import { DashboardPage } from '../pages/admin.js';
import { settingsForm, SettingsPage, type SettingsForm } from '../pages/admin-settings.js';
import { fieldErrors } from '../views/form.js';

const SettingsBody = formBody({
  siteName: formText(200),
  platformName: formText(200),
  logoText: formText(200),
  tagline: formText(1000),
  footer: formText(2000),
  noticeZh: formText(4000),
  noticeEn: formText(4000),
  commentHoldHours: formText(20),
  copyPolicy: formText(20),
  emailVerification: formFlag,
  intent: formText(20),
});

const DONE_NOTICES: Record<string, string> = {
  settings: '设置已保存，所有页面立即生效。',
  created: '频道已建立，出现在导航最后。',
  updated: '频道已保存。',
  moved: '顺序已调整。',
  removed: '频道已删除，其文章已移到所选频道。',
};
const DoneQuery = z.object({ done: loose(z.string().max(32)) });
const ChannelForm = formBody({
  slug: formText(100),
  name: formText(100),
  description: formText(1000),
});

/** The settings as typed → the domain's values (a number field that is not a number stays text, so its error names it). */
function toSettings(v: SettingsForm): Partial<SiteSettings> {
  const hours = v.commentHoldHours.trim();
  return {
    siteName: v.siteName.trim(),
    platformName: v.platformName.trim(),
    logoText: v.logoText.trim(),
    tagline: v.tagline.trim(),
    footer: v.footer.trim(),
    noticeZh: v.noticeZh.trim(),
    noticeEn: v.noticeEn.trim(),
    commentHoldHours: (/^\d{1,6}$/.test(hours) ? Number(hours) : hours) as number,
    copyPolicy: v.copyPolicy as SiteSettings['copyPolicy'],
    emailVerification: v.emailVerification === '1',
  };
}

export const adminRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.get('/studio/admin', async (request, reply) => {
    if (!request.viewer) return reply.signInFirst();
    requireRole(request.viewer, 'editor', 'admin');
    const d = await loadDashboard(db, ctx.clock.now());
    return reply.render(DashboardPage({ ctx: await request.pageContext(), d }));
  });

  app.get(
    '/studio/admin/settings',
    { schema: { querystring: DoneQuery } },
    async (request, reply) => {
      if (!request.viewer) return reply.signInFirst();
      requireRole(request.viewer, 'admin');
      return reply.render(
        SettingsPage({
          ctx: await request.pageContext(),
          value: settingsForm(await getSiteSettings(db)),
          errors: {},
          notice: DONE_NOTICES[request.query.done ?? ''],
        }),
      );
    },
  );

  app.post('/studio/admin/settings', { schema: { body: SettingsBody } }, async (request, reply) => {
    const viewer = requireRole(request.viewer, 'admin');
    const { intent, emailVerification, ...rest } = request.body;
    const value: SettingsForm = { ...rest, emailVerification: emailVerification ? '1' : '' };
    const page = async (errors: Record<string, string>, status: number, previewing = false) =>
      reply.render(
        SettingsPage({ ctx: await request.pageContext(), value, errors, previewing }),
        status,
      );
    try {
      if (intent === 'preview') {
        // Checked like a save, without saving: the preview shows what would be saved.
        parseInput(SiteSettingsSchema.partial(), toSettings(value));
        return await page({}, 200, true);
      }
      await updateSiteSettings(db, toSettings(value), { actorId: viewer.id, at: ctx.clock.now() });
    } catch (err) {
      if (!isAppError(err) || err.code !== 'VALIDATION_FAILED') throw err;
      return page(fieldErrors(err.details), 422);
    }
    return reply.seeOther('/studio/admin/settings?done=settings');
  });

  const channelsPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      errors?: Record<string, string>;
      value?: z.infer<typeof ChannelForm>;
      notice?: string;
    },
    status = 200,
  ) =>
    reply.render(
      ChannelsPage({
        ctx: await request.pageContext(),
        channels: await listChannels(db),
        errors: extra.errors ?? {},
        value: extra.value,
        notice: extra.notice,
      }),
      status,
    );

  app.get(
    '/studio/admin/channels',
    { schema: { querystring: DoneQuery } },
    async (request, reply) => {
      if (!request.viewer) return reply.signInFirst();
      requireRole(request.viewer, 'admin');
      const notice = DONE_NOTICES[request.query.done ?? ''];
      return channelsPage(request, reply, notice ? { notice } : {});
    },
  );

  app.post('/studio/admin/channels', { schema: { body: ChannelForm } }, async (request, reply) => {
    const viewer = requireRole(request.viewer, 'admin');
    const value = request.body;
    try {
      await createChannel(db, value, { actorId: viewer.id, at: ctx.clock.now() });
    } catch (err) {
      if (!isAppError(err)) throw err;
      if (err.code === 'VALIDATION_FAILED')
        return channelsPage(request, reply, { errors: fieldErrors(err.details), value }, 422);
      if (err.code === 'CHANNEL_TAKEN')
        return channelsPage(request, reply, { errors: { slug: err.message }, value }, 409);
      throw err;
    }
    return reply.seeOther('/studio/admin/channels?done=created');
  });

  app.post(
    '/studio/admin/channels/:slug',
    {
      schema: {
        params: SlugParams,
        body: formBody({ name: formText(100), description: formText(1000), hidden: formFlag }),
      },
      config: { notFound: 'CHANNEL_NOT_FOUND' },
    },
    async (request, reply) => {
      const viewer = requireRole(request.viewer, 'admin');
      const { name, description, hidden } = request.body;
      try {
        await updateChannel(
          db,
          request.params.slug,
          { name, description, hidden },
          { actorId: viewer.id, at: ctx.clock.now() },
        );
      } catch (err) {
        if (!isAppError(err) || err.code !== 'VALIDATION_FAILED') throw err;
        const message = err.details?.map((d) => d.message).join('；') ?? err.message;
        return channelsPage(request, reply, { notice: `没有保存：${message}` }, 422);
      }
      return reply.seeOther('/studio/admin/channels?done=updated');
    },
  );

  app.post(
    '/studio/admin/channels/:slug/move',
    {
      schema: { params: SlugParams, body: formBody({ to: formText(4) }) },
      config: { notFound: 'CHANNEL_NOT_FOUND' },
    },
    async (request, reply) => {
      const viewer = requireRole(request.viewer, 'admin');
      const to = Number(request.body.to);
      await updateChannel(
        db,
        request.params.slug,
        { position: Number.isInteger(to) && to >= 1 ? to : 1 },
        { actorId: viewer.id, at: ctx.clock.now() },
      );
      return reply.seeOther('/studio/admin/channels?done=moved');
    },
  );

  app.post(
    '/studio/admin/channels/:slug/delete',
    {
      schema: { params: SlugParams, body: formBody({ moveTo: formText(64) }) },
      config: { notFound: 'CHANNEL_NOT_FOUND' },
    },
    async (request, reply) => {
      const viewer = requireRole(request.viewer, 'admin');
      await removeChannel(db, ctx.clock, viewer.id, request.params.slug, request.body.moveTo);
      return reply.seeOther('/studio/admin/channels?done=removed');
    },
  );
};
