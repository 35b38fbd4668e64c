/** /creator-applications: apply (signed in), list and decide (editors). */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { requireRole, requireViewer } from '../accounts/index.js';
import type { AppContext } from '../context.js';
import {
  APPLICATION_STATUSES,
  ApplicationSchema,
  approveApplication,
  DecisionSchema,
  listApplications,
  rejectApplication,
  submitApplication,
} from '../creators/index.js';
import type { ZodTypeProvider } from '../http/route-schema.js';
import { UuidParams } from '../http/schemas.js';
import { screenContent } from '../moderation/index.js';
import { RATE_RULES } from '../shared/rate-limit.js';
import { limitParam, offsetCursorParam, offsetPage } from './paging.js';
import { ApplicationOut, listOf, presentApplication } from './presenters.js';

/** Editors see this many applications of one status (oldest pending first). */
const LIST_WINDOW = 500;

const fields = ApplicationSchema.shape;
const ApplyBody = z.strictObject({
  display_name: fields.displayName.meta({ description: '创作者名称，最多 30 个字符' }),
  handle: fields.handle.meta({
    description: '账号名（主页网址 /author/{handle}），3–30 位小写字母、数字、_ 或 -',
  }),
  account_type: fields.accountType.meta({ description: '账号类型' }),
  tagline: fields.tagline.meta({ description: '一句话简介，最多 60 个字符' }),
  bio: fields.bio.meta({ description: '介绍，最多 2000 个字符' }),
  focus_channels: fields.focusChannels.meta({ description: '关注的频道 slug，最多 11 个' }),
  sample_links: fields.sampleLinks.meta({ description: '作品链接（http/https），最多 5 个' }),
  contact: fields.contact.meta({ description: '联系方式（仅编辑可见），最多 200 个字符' }),
});
const ListQuery = z.strictObject({
  status: z.enum(APPLICATION_STATUSES).default('pending'),
  limit: limitParam(),
  cursor: offsetCursorParam,
});
const ApproveBody = z.strictObject({ reason: DecisionSchema.shape.reason.optional() });
const RejectBody = z.strictObject({
  reason: z.string({ error: '请填写拒绝理由' }).trim().min(1, '请填写拒绝理由').max(1000),
});

const ApplicationReply = z.object({ application: ApplicationOut });
const decide = {
  tags: ['creators'],
  auth: 'bearer' as const,
  params: UuidParams,
  response: { 200: ApplicationReply },
};

export const applicationsApi: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.post(
    '/creator-applications',
    {
      schema: {
        summary: '申请入驻成为创作者',
        tags: ['creators'],
        auth: 'bearer',
        body: ApplyBody,
        response: { 201: ApplicationReply },
      },
    },
    async (request, reply) => {
      const viewer = requireViewer(request.viewer);
      await reply.limit(`apply:user:${viewer.id}`, RATE_RULES.applyPerUser);
      const b = request.body;
      screenContent([b.display_name, b.tagline, b.bio].join('\n'), ctx.lexicon);
      const created = await submitApplication(db, ctx.clock, viewer.id, {
        displayName: b.display_name,
        handle: b.handle,
        accountType: b.account_type,
        tagline: b.tagline,
        bio: b.bio,
        focusChannels: b.focus_channels,
        sampleLinks: b.sample_links,
        contact: b.contact,
      });
      return reply.code(201).send({ application: presentApplication(created) });
    },
  );

  app.get(
    '/creator-applications',
    {
      schema: {
        summary: '入驻申请列表（编辑）',
        tags: ['creators'],
        auth: 'bearer',
        querystring: ListQuery,
        response: { 200: listOf(ApplicationOut) },
      },
    },
    async (request) => {
      requireRole(request.viewer, 'editor', 'admin');
      const { status, limit, cursor } = request.query;
      const page = offsetPage(await listApplications(db, status, LIST_WINDOW), cursor ?? 0, limit);
      return { items: page.items.map(presentApplication), next_cursor: page.next };
    },
  );
};

export const applicationReviewApi: FastifyPluginAsync<{ ctx: AppContext }> = async (
  scope,
  { ctx },
) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.post(
    '/creator-applications/:id/approve',
    {
      schema: { ...decide, summary: '通过申请（编辑）', body: ApproveBody.optional() },
      config: { notFound: 'APPLICATION_NOT_FOUND' },
    },
    async (request) => {
      const viewer = requireRole(request.viewer, 'editor', 'admin');
      const done = await approveApplication(
        db,
        ctx.clock,
        viewer.id,
        request.params.id,
        request.body?.reason ?? '',
      );
      return { application: presentApplication(done) };
    },
  );

  app.post(
    '/creator-applications/:id/reject',
    {
      schema: { ...decide, summary: '拒绝申请并说明理由（编辑）', body: RejectBody },
      config: { notFound: 'APPLICATION_NOT_FOUND' },
    },
    async (request) => {
      const viewer = requireRole(request.viewer, 'editor', 'admin');
      const done = await rejectApplication(
        db,
        ctx.clock,
        viewer.id,
        request.params.id,
        request.body.reason,
      );
      return { application: presentApplication(done) };
    },
  );
};
