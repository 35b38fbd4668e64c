/**
 * Import jobs through the API (admins): upload an export (multipart: `format`
 * and optionally `channel_map` before the `file`), then follow its progress
 * and read its report. The same engine as `byline import`.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { requireRole } from '../accounts/index.js';
import type { AppContext } from '../context.js';
import type { ZodTypeProvider } from '../http/route-schema.js';
import { importUpload, uploadFields } from '../http/import-upload.js';
import { RATE_RULES } from '../shared/rate-limit.js';
import {
  getImportJobOrThrow,
  IMPORT_FORMATS,
  IMPORT_KINDS,
  IMPORT_UPLOAD_MAX_BYTES,
  listImportJobs,
  startImportJob,
  type ImportFormat,
  type ImportJob,
} from '../transfer/index.js';

const Counts = z.object({ imported: z.int(), skipped: z.int(), failed: z.int() });
const CountsByKind = z.object(
  Object.fromEntries(IMPORT_KINDS.map((k) => [k, Counts])) as Record<
    (typeof IMPORT_KINDS)[number],
    typeof Counts
  >,
);

const JobOut = z.object({
  id: z.uuid(),
  format: z.enum(IMPORT_FORMATS),
  file_name: z.string(),
  status: z
    .enum(['queued', 'running', 'done', 'failed'])
    .meta({ description: 'queued 排队，running 进行中，done 完成，failed 失败（见 error）' }),
  processed: z.int().meta({ description: '已读取的来源条目数（进行中时）' }),
  counts: CountsByKind.nullable().meta({
    description:
      '按类别（authors 作者、articles 文章、pages 页面、comments 评论、images 图片）的导入、跳过、失败数',
  }),
  report: z
    .object({
      items: z.array(
        z.object({
          kind: z.enum(IMPORT_KINDS),
          position: z.string().meta({ description: '在来源中的位置（第几个 item、文件名）' }),
          outcome: z.enum(['skipped', 'failed', 'held', 'external']),
          reason: z.string(),
        }),
      ),
      external: z.array(z.string()).meta({ description: '未能下载、保留原地址的图片' }),
      fingerprinted: z.int().meta({ description: '生成原创指纹的文章数' }),
    })
    .nullable()
    .meta({ description: '完成后的报告：未按原样导入的每一项及原因' }),
  error: z.string(),
  created_at: z.iso.datetime({ offset: true }),
  finished_at: z.iso.datetime({ offset: true }).nullable(),
});

const Upload = z.object({
  format: z.enum(IMPORT_FORMATS).meta({
    description:
      'wordpress（WXR）、ghost（JSON）、markdown（文件夹打包的 zip）、rss（RSS/Atom）、byline（署名导出包）；须在 file 之前',
  }),
  channel_map: z
    .string()
    .optional()
    .meta({ description: 'JSON 对象：来源分类 → 频道标识或名称；须在 file 之前' }),
  file: z.string().meta({
    format: 'binary',
    description: `导出文件，最大 ${IMPORT_UPLOAD_MAX_BYTES / 1024 / 1024} MB`,
  }),
});

export function presentJob(j: ImportJob): z.input<typeof JobOut> {
  return {
    id: j.id,
    format: j.format as ImportFormat,
    file_name: j.fileName,
    status: j.status as 'queued',
    processed: j.progress.processed ?? 0,
    counts: j.report?.counts ?? j.progress.counts ?? null,
    report: j.report
      ? {
          items: j.report.items,
          external: j.report.external,
          fingerprinted: j.report.fingerprinted,
        }
      : null,
    error: j.error,
    created_at: j.createdAt.toISOString(),
    finished_at: j.finishedAt?.toISOString() ?? null,
  };
}

export const importsApi: FastifyPluginAsync<{ ctx: AppContext }> = async (scope, { ctx }) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  app.post(
    '/admin/imports',
    {
      schema: {
        summary: '上传导出文件，开始一个导入任务（管理员）：立即返回任务，之后查询进度与报告',
        tags: ['admin'],
        auth: 'bearer',
        multipart: Upload,
        response: { 202: JobOut },
      },
    },
    async (request, reply) => {
      const viewer = requireRole(request.viewer, 'admin');
      await reply.limit(`write:${viewer.id}`, RATE_RULES.creatorWritePerUser);
      const file = await importUpload(request);
      const { format, channelMap } = uploadFields(file);
      const id = await startImportJob(
        db,
        {
          format,
          channelMap,
          fileName: file.filename,
          body: file.file,
          createdBy: viewer.id,
          isTruncated: () => file.file.truncated,
        },
        { clock: ctx.clock, store: ctx.media },
      );
      return reply.code(202).send(presentJob(await getImportJobOrThrow(db, id)));
    },
  );

  app.get(
    '/admin/imports',
    {
      schema: {
        summary: '导入任务列表（管理员），最新的在前',
        tags: ['admin'],
        auth: 'bearer',
        response: { 200: z.object({ items: z.array(JobOut) }) },
      },
    },
    async (request) => {
      requireRole(request.viewer, 'admin');
      return { items: (await listImportJobs(db, ctx.clock)).map(presentJob) };
    },
  );

  app.get(
    '/admin/imports/:id',
    {
      config: { notFound: 'IMPORT_JOB_NOT_FOUND' },
      schema: {
        summary: '一个导入任务：进度、各类数量与完成后的报告（管理员）',
        tags: ['admin'],
        auth: 'bearer',
        params: z.object({ id: z.uuid({ error: '导入任务编号无效' }) }),
        response: { 200: JobOut },
      },
    },
    async (request) => {
      requireRole(request.viewer, 'admin');
      return presentJob(await getImportJobOrThrow(db, request.params.id));
    },
  );
};
