/**
 * GET /api/v1/me/page-state: the personal parts of a shared reader page
 * (web/page-state.tsx). The one API route that reads the web session cookie:
 * it only reads, answers `private, no-store`, and a cross-site page can
 * neither send the cookie (SameSite=Lax on a fetch) nor read the answer (no
 * CORS), so the CSRF token it returns stays with the reader's own pages.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { findViewerBySession } from '../creators/index.js';
import type { AppContext } from '../context.js';
import type { ZodTypeProvider } from '../http/route-schema.js';
import type { WebShared } from '../web/app.js';
import { MAX_SLOTS, renderPageState } from '../web/page-state.js';
import { CARE_COOKIE, SESSION_COOKIE } from '../web/session.js';

const PageStateQuery = z.object({
  path: z
    .string()
    .max(2_000, 'path 最长 2000 个字符')
    .regex(/^\//, 'path 须为站内路径，以 / 开头')
    .meta({
      description:
        '页面地址（含 /zh-hant 前缀与查询串），如 /article/abc234def567?comments=quality',
    }),
  slots: z
    .string()
    .max(2_000, 'slots 最长 2000 个字符')
    .default('')
    .meta({
      description: `页面上的个人化区块，逗号分隔（最多 ${MAX_SLOTS} 个）：account、apply、follow:<账号名>、reactions:<文章编号>、comments:<文章编号>`,
    }),
});

const PageStateOut = z.object({
  signed_in: z.boolean(),
  csrf: z.string().meta({ description: '本会话的 CSRF 令牌，页面表单提交时带上（未登录为空）' }),
  unread: z.int().meta({ description: '未读通知数' }),
  slots: z
    .record(z.string(), z.string())
    .meta({ description: '区块名 → 替换该区块的 HTML（空串表示移除）；不认识的区块不返回' }),
});

export const pageStateApi: FastifyPluginAsync<{ ctx: AppContext; shared: WebShared }> = async (
  scope,
  { ctx, shared },
) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/me/page-state',
    {
      schema: {
        summary: '共享页面的个人部分（账号菜单、关注、点赞收藏、跟贴表单与 CSRF 令牌）',
        description:
          '读者页面对所有人相同、可被缓存；登录读者的页面脚本用此接口取回个人部分。读取网页会话 cookie 或 Bearer token；响应永不缓存。',
        tags: ['me'],
        auth: 'session',
        querystring: PageStateQuery,
        response: { 200: PageStateOut },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      const viewer =
        request.viewer ??
        (token ? ((await findViewerBySession(ctx.database.db, ctx.clock, token)) ?? null) : null);
      const state = await renderPageState(ctx, shared, {
        viewer,
        path: request.query.path,
        slots: request.query.slots.split(',').filter(Boolean),
        care: request.cookies[CARE_COOKIE] === 'care',
      });
      reply.header('cache-control', 'private, no-store').header('vary', 'Cookie, Authorization');
      return {
        signed_in: state.signedIn,
        csrf: state.csrf,
        unread: state.unread,
        slots: state.slots,
      };
    },
  );
};
