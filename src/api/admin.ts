/**
 * The admin console through the API, part 1: site settings and channels
 * (admin-users.ts: users, the audit log, the dashboard). Admins only, but
 * GET /site-settings and GET /channels, which every page shows anyway.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { requireRole } from '../accounts/index.js';
import { removeChannel } from '../articles/index.js';
import {
  ChannelChangeSchema,
  ChannelInputSchema,
  createChannel,
  listChannels,
  updateChannel,
  type Channel,
} from '../channels/index.js';
import type { AppContext } from '../context.js';
import type { ZodTypeProvider } from '../http/route-schema.js';
import { SlugParams } from '../http/schemas.js';
import {
  getSiteSettings,
  SiteSettingsSchema,
  updateSiteSettings,
  type SiteSettings,
} from '../settings/index.js';

const s = SiteSettingsSchema.shape;

/** Settings on the wire (snake_case) ↔ in the domain. */
const SETTING_NAMES = {
  site_name: 'siteName',
  platform_name: 'platformName',
  logo_text: 'logoText',
  tagline: 'tagline',
  footer: 'footer',
  notice_zh: 'noticeZh',
  notice_en: 'noticeEn',
  comment_hold_hours: 'commentHoldHours',
  copy_policy: 'copyPolicy',
  email_verification: 'emailVerification',
} as const satisfies Record<string, keyof SiteSettings>;

const SettingsOut = z.object({
  site_name: s.siteName.meta({ description: '站点名称（如“网易”）' }),
  platform_name: s.platformName.meta({ description: '创作者平台名称（如“网易号”）' }),
  logo_text: s.logoText.meta({ description: '页头标志文字' }),
  tagline: s.tagline.meta({ description: '一句话介绍（首页描述）' }),
  footer: s.footer.meta({ description: '页脚文字' }),
  notice_zh: s.noticeZh.meta({ description: '文章下方的特别声明（中文）' }),
  notice_en: s.noticeEn.meta({ description: '特别声明（英文）' }),
  comment_hold_hours: s.commentHoldHours.meta({
    description: '注册不满这么多小时的账号发的跟贴先审后发（0 表示不限）',
  }),
  copy_policy: s.copyPolicy.meta({
    description: '疑似抄袭他人的新文章：hold 交编辑审核，repost 标为转载发布',
  }),
  email_verification: s.emailVerification.meta({ description: '登录前须验证邮箱' }),
});
const SettingsPatch = SettingsOut.partial().strict();

function presentSettings(v: SiteSettings): z.input<typeof SettingsOut> {
  return Object.fromEntries(
    Object.entries(SETTING_NAMES).map(([wire, key]) => [wire, v[key]]),
  ) as z.input<typeof SettingsOut>;
}

const ChannelOut = z.object({
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  position: z.number().int().meta({ description: '导航中的位置，从 1 开始' }),
  hidden: z.boolean().meta({ description: '不在导航中显示（频道页仍可访问）' }),
});
function presentChannels(list: readonly Channel[]): z.input<typeof ChannelOut>[] {
  return list.map((c, i) => ({
    slug: c.slug,
    name: c.name,
    description: c.description,
    position: i + 1,
    hidden: c.hidden,
  }));
}
const ChannelBody = z.strictObject({
  slug: ChannelInputSchema.shape.slug.meta({ description: '网址中的标识，如 tech' }),
  name: ChannelInputSchema.shape.name,
  description: ChannelInputSchema.shape.description.optional(),
  hidden: z.boolean().optional(),
});
const ChannelPatch = z.strictObject(ChannelChangeSchema.shape);

export const adminApi: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const by = (actorId: string) => ({ actorId, at: ctx.clock.now() });

  app.get(
    '/site-settings',
    {
      schema: {
        summary: '站点设置（公开：每个页面都显示这些内容）',
        tags: ['admin'],
        response: { 200: SettingsOut },
      },
    },
    async () => presentSettings(await getSiteSettings(db)),
  );

  app.patch(
    '/site-settings',
    {
      schema: {
        summary: '修改站点设置（管理员）：只改传入的字段，所有实例立即生效',
        tags: ['admin'],
        auth: 'bearer',
        body: SettingsPatch,
        response: { 200: SettingsOut },
      },
    },
    async (request) => {
      const viewer = requireRole(request.viewer, 'admin');
      const changes: Partial<Record<keyof SiteSettings, unknown>> = {};
      for (const [wire, key] of Object.entries(SETTING_NAMES)) {
        const value = request.body[wire as keyof typeof request.body];
        if (value !== undefined) changes[key] = value;
      }
      await updateSiteSettings(db, changes as Partial<SiteSettings>, by(viewer.id));
      return presentSettings(await getSiteSettings(db));
    },
  );

  app.get(
    '/channels',
    {
      schema: {
        summary: '频道列表（公开），按导航顺序',
        tags: ['admin'],
        response: { 200: z.object({ items: z.array(ChannelOut) }) },
      },
    },
    async () => ({ items: presentChannels(await listChannels(db)) }),
  );

  app.post(
    '/channels',
    {
      schema: {
        summary: '新建频道（管理员），排在导航最后',
        tags: ['admin'],
        auth: 'bearer',
        body: ChannelBody,
        response: { 201: ChannelOut },
      },
    },
    async (request, reply) => {
      const viewer = requireRole(request.viewer, 'admin');
      const created = await createChannel(db, request.body, by(viewer.id));
      const all = presentChannels(await listChannels(db));
      return reply.code(201).send(all.find((c) => c.slug === created.slug)!);
    },
  );

  app.patch(
    '/channels/:slug',
    {
      schema: {
        summary: '修改频道（管理员）：改名、简介、隐藏或显示、调整位置',
        tags: ['admin'],
        auth: 'bearer',
        params: SlugParams,
        body: ChannelPatch,
        response: { 200: ChannelOut },
      },
      config: { notFound: 'CHANNEL_NOT_FOUND' },
    },
    async (request) => {
      const viewer = requireRole(request.viewer, 'admin');
      await updateChannel(db, request.params.slug, request.body, by(viewer.id));
      const all = presentChannels(await listChannels(db));
      return all.find((c) => c.slug === request.params.slug)!;
    },
  );

  app.delete(
    '/channels/:slug',
    {
      schema: {
        summary: '删除频道（管理员）：其文章全部移到 move_to 频道，同一事务完成',
        tags: ['admin'],
        auth: 'bearer',
        params: SlugParams,
        querystring: z.strictObject({
          move_to: z
            .string()
            .regex(/^[a-z0-9-]{1,64}$/, '应为频道标识')
            .meta({ description: '接收文章的频道标识' }),
        }),
        response: { 200: z.object({ moved: z.number().int() }) },
      },
      config: { notFound: 'CHANNEL_NOT_FOUND' },
    },
    async (request) => {
      const viewer = requireRole(request.viewer, 'admin');
      return removeChannel(db, ctx.clock, viewer.id, request.params.slug, request.query.move_to);
    },
  );
};
