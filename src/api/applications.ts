/** /creator-applications: apply (signed in), list and decide (editors). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireRole, requireViewer } from '../accounts/index.js';
import type { AppContext } from '../context.js';
import {
  APPLICATION_STATUSES,
  approveApplication,
  rejectApplication,
  submitApplication,
  listApplications,
  type Application,
} from '../creators/index.js';
import { enforceRate, RATE_RULES } from '../shared/rate-limit.js';
import { parseInput } from '../shared/validation.js';
import { screenContent } from '../moderation/index.js';
import type { ApiShared } from './app.js';

export function presentApplication(a: Application) {
  return {
    id: a.id,
    display_name: a.displayName,
    handle: a.handle,
    account_type: a.accountType,
    tagline: a.tagline,
    bio: a.bio,
    focus_channels: a.focusChannels,
    sample_links: a.sampleLinks,
    contact: a.contact,
    status: a.status,
    decision_reason: a.decisionReason,
    decided_at: a.decidedAt?.toISOString() ?? null,
    created_at: a.createdAt.toISOString(),
  };
}

const ApplyBody = z.strictObject({
  display_name: z.unknown(),
  handle: z.unknown(),
  account_type: z.unknown(),
  tagline: z.unknown(),
  bio: z.unknown().optional(),
  focus_channels: z.unknown().optional(),
  sample_links: z.unknown().optional(),
  contact: z.unknown(),
});
const ListQuery = z.strictObject({ status: z.enum(APPLICATION_STATUSES).default('pending') });
const RejectBody = z.strictObject({ reason: z.string({ error: '请填写拒绝理由' }) });
const ApproveBody = z.strictObject({ reason: z.string().optional() });

export async function applicationsApi(
  app: FastifyInstance,
  ctx: AppContext,
  shared: ApiShared,
): Promise<void> {
  const db = ctx.database.db;

  app.post('/creator-applications', async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    enforceRate(shared.limiter, `apply:user:${viewer.id}`, RATE_RULES.applyPerUser, (k, v) =>
      reply.header(k, v),
    );
    const b = parseInput(ApplyBody, request.body ?? {});
    screenContent(
      [b.display_name, b.tagline, b.bio].map((v) => (typeof v === 'string' ? v : '')).join('\n'),
    );
    const created = await submitApplication(db, ctx.clock, viewer.id, {
      displayName: b.display_name,
      handle: b.handle,
      accountType: b.account_type,
      tagline: b.tagline,
      bio: b.bio,
      focusChannels: b.focus_channels,
      sampleLinks: b.sample_links,
      contact: b.contact,
    } as never);
    return reply.code(201).send({ application: presentApplication(created) });
  });

  app.get('/creator-applications', async (request) => {
    requireRole(request.viewer, 'editor', 'admin');
    const { status } = parseInput(ListQuery, request.query ?? {});
    return { items: (await listApplications(db, status)).map(presentApplication) };
  });

  app.post('/creator-applications/:id/approve', async (request) => {
    const viewer = requireRole(request.viewer, 'editor', 'admin');
    const { reason } = parseInput(ApproveBody, request.body ?? {});
    const done = await approveApplication(
      db,
      ctx.clock,
      viewer.id,
      (request.params as { id: string }).id,
      reason ?? '',
    );
    return { application: presentApplication(done) };
  });

  app.post('/creator-applications/:id/reject', async (request) => {
    const viewer = requireRole(request.viewer, 'editor', 'admin');
    const { reason } = parseInput(RejectBody, request.body ?? {});
    const done = await rejectApplication(
      db,
      ctx.clock,
      viewer.id,
      (request.params as { id: string }).id,
      reason,
    );
    return { application: presentApplication(done) };
  });
}
