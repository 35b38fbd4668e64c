/**
 * Import jobs started from the admin console or the API: the upload is kept
 * in a temporary folder, the job row tracks progress and keeps the final
 * report, and the instance that took the upload runs it (the file is on its
 * disk). A job that was running when its instance stopped is marked failed
 * the next time the list is read, so no job shows 运行中 for ever.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import type { MediaStore } from '../media/index.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { importArchive } from './archive-import.js';
import { importSite } from './import-site.js';
import { zipEntries } from './zip-reader.js';
import type { ImportFormat, SiteImportReport } from './model.js';
import { importJobs } from './schema.js';

/** An export of a large site is hundreds of MB (a 100,000-post WXR is ~400 MB). */
export const IMPORT_UPLOAD_MAX_BYTES = 1024 * 1024 * 1024;
/** How often a running job writes its progress (each write is one small UPDATE). */
const PROGRESS_EVERY_MS = 1_000;
/** A job whose progress has not moved for this long has lost its instance. */
const STALE_AFTER_MS = 10 * 60_000;
/** Jobs shown in the console and the API list. */
export const IMPORT_JOBS_LISTED = 50;

export interface ImportJob {
  readonly id: string;
  readonly format: string;
  readonly fileName: string;
  readonly status: string;
  readonly progress: { processed?: number; counts?: SiteImportReport['counts'] };
  readonly report: SiteImportReport | null;
  readonly error: string;
  readonly createdAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
}

const columns = {
  id: importJobs.id,
  format: importJobs.format,
  fileName: importJobs.fileName,
  status: importJobs.status,
  progress: importJobs.progress,
  report: importJobs.report,
  error: importJobs.error,
  createdAt: importJobs.createdAt,
  startedAt: importJobs.startedAt,
  finishedAt: importJobs.finishedAt,
};

export async function listImportJobs(db: Queryable, clock: Clock): Promise<ImportJob[]> {
  await db
    .update(importJobs)
    .set({
      status: 'failed',
      error: '运行导入的实例已停止；可重新上传，已导入的内容会跳过',
      finishedAt: clock.now(),
    })
    .where(
      and(
        eq(importJobs.status, 'running'),
        lt(importJobs.startedAt, new Date(clock.now().getTime() - STALE_AFTER_MS)),
        sql`(${importJobs.progress}->>'at')::timestamptz < ${new Date(clock.now().getTime() - STALE_AFTER_MS)}`,
      ),
    );
  return (await db
    .select(columns)
    .from(importJobs)
    .orderBy(desc(importJobs.createdAt))
    .limit(IMPORT_JOBS_LISTED)) as ImportJob[];
}

export async function getImportJobOrThrow(db: Queryable, id: string): Promise<ImportJob> {
  const [row] = await db.select(columns).from(importJobs).where(eq(importJobs.id, id));
  if (!row) throw new AppError('IMPORT_JOB_NOT_FOUND');
  return row as ImportJob;
}

/** Where an upload waits: a folder of its own, removed when the job ends. */
const jobDir = (id: string) => join(tmpdir(), 'byline-imports', id);

/**
 * Saves an upload and records its job (queued). A Markdown folder comes as a
 * zip and is unpacked; the other formats are one file.
 */
export async function createImportJob(
  db: Queryable,
  clock: Clock,
  input: {
    format: ImportFormat;
    fileName: string;
    body: Readable;
    createdBy: string;
    isTruncated: () => boolean;
  },
): Promise<{ id: string; path: string }> {
  const id = randomUUID();
  const dir = jobDir(id);
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'upload');
  try {
    await pipeline(input.body, createWriteStream(file));
    if (input.isTruncated())
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `导入文件最大 ${IMPORT_UPLOAD_MAX_BYTES / 1024 / 1024} MB`,
      );
    const path = input.format === 'markdown' ? await unpack(file, join(dir, 'folder')) : file;
    await db.insert(importJobs).values({
      id,
      format: input.format,
      fileName: input.fileName.slice(0, 255),
      storedAs: path,
      createdBy: input.createdBy,
      createdAt: clock.now(),
    });
    return { id, path };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Saves an upload as a job and starts it in the background (the API and the
 * console both start jobs this way); returns the job's id at once.
 */
export async function startImportJob(
  db: Queryable,
  input: Parameters<typeof createImportJob>[2] & { channelMap?: Record<string, string> },
  options: { clock: Clock; store: MediaStore },
): Promise<string> {
  const job = await createImportJob(db, options.clock, input);
  void runImportJob(
    db,
    { ...job, format: input.format },
    { ...options, channelMap: input.channelMap },
  );
  return job.id;
}

/** Runs a queued job to its end; never throws (a failure is the job's status). */
export async function runImportJob(
  db: Queryable,
  job: { id: string; path: string; format: ImportFormat },
  options: { clock: Clock; store: MediaStore; channelMap?: Record<string, string> },
): Promise<void> {
  const started = options.clock.now();
  await db
    .update(importJobs)
    .set({ status: 'running', startedAt: started, progress: { at: started.toISOString() } })
    .where(eq(importJobs.id, job.id));
  let last = 0;
  try {
    const report =
      job.format === 'byline'
        ? await importArchive(db, job.path, { store: options.store })
        : await importSite(db, {
            format: job.format,
            path: job.path,
            clock: options.clock,
            store: options.store,
            channelMap: options.channelMap,
            onProgress: ({ processed, report: r }) => {
              const now = Date.now();
              if (now - last < PROGRESS_EVERY_MS) return;
              last = now;
              void db
                .update(importJobs)
                .set({ progress: { processed, counts: r.counts, at: new Date(now).toISOString() } })
                .where(eq(importJobs.id, job.id))
                .catch(() => undefined);
            },
          });
    await db
      .update(importJobs)
      .set({
        status: 'done',
        report,
        progress: { counts: report.counts },
        finishedAt: options.clock.now(),
      })
      .where(eq(importJobs.id, job.id));
  } catch (err) {
    await db
      .update(importJobs)
      .set({
        status: 'failed',
        error: (err as Error).message.slice(0, 1000),
        finishedAt: options.clock.now(),
      })
      .where(eq(importJobs.id, job.id))
      .catch(() => undefined);
  } finally {
    await rm(jobDir(job.id), { recursive: true, force: true });
  }
}

/** Unpacks a zip into a folder, refusing paths that leave it; returns the folder. */
async function unpack(zipFile: string, into: string): Promise<string> {
  let files = 0;
  try {
    for await (const entry of zipEntries(zipFile)) {
      const target = normalize(join(into, entry.name));
      if (!target.startsWith(into + sep) || entry.name.endsWith('/')) continue;
      await mkdir(dirname(target), { recursive: true });
      const out = createWriteStream(target);
      for await (const chunk of entry.chunks()) if (!out.write(chunk)) await once(out, 'drain');
      out.end();
      await once(out, 'finish');
      files++;
    }
  } catch {
    files = 0;
  }
  if (files === 0)
    throw new AppError('VALIDATION_FAILED', '请把 Markdown 文件夹打包成 zip 上传', {
      details: [{ path: 'file', message: '不是 zip 文件，或其中没有文件' }],
    });
  // A zip of the folder itself (hexo/…): its one top folder is the blog's root.
  const top = await readdir(into, { withFileTypes: true });
  return top.length === 1 && top[0]!.isDirectory() ? join(into, top[0]!.name) : into;
}
