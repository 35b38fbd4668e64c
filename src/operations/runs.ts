/**
 * Each background job's last run, for the admin's dashboard: when, on which
 * instance, how long, whether it worked (and the last error when not).
 */
import { hostname } from 'node:os';
import { asc, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { jobRuns } from './schema.js';

export interface JobRun {
  readonly name: string;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly durationMs: number;
  readonly ok: boolean;
  readonly error: string;
  readonly instance: string;
  readonly lastOkAt: Date | null;
  readonly runs: number;
  readonly failures: number;
}

/** The instance a run is recorded under. */
export const INSTANCE_NAME = `${hostname()}:${process.pid}`;
/** Error messages are kept to this length (a stack is not for the dashboard). */
const ERROR_MAX = 500;

/** Records one run (upsert on the job's row). */
export async function recordJobRun(
  db: Queryable,
  run: { name: string; startedAt: Date; finishedAt: Date; error?: string },
): Promise<void> {
  const ok = run.error === undefined;
  const values = {
    name: run.name,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    durationMs: Math.max(0, run.finishedAt.getTime() - run.startedAt.getTime()),
    ok,
    error: (run.error ?? '').slice(0, ERROR_MAX),
    instance: INSTANCE_NAME,
    lastOkAt: ok ? run.finishedAt : null,
    runs: 1,
    failures: ok ? 0 : 1,
  };
  await db
    .insert(jobRuns)
    .values(values)
    .onConflictDoUpdate({
      target: jobRuns.name,
      set: {
        startedAt: values.startedAt,
        finishedAt: values.finishedAt,
        durationMs: values.durationMs,
        ok,
        error: values.error,
        instance: values.instance,
        lastOkAt: ok ? values.finishedAt : sql`${jobRuns.lastOkAt}`,
        runs: sql`${jobRuns.runs} + 1`,
        failures: ok ? sql`${jobRuns.failures}` : sql`${jobRuns.failures} + 1`,
      },
    });
}

/** Every job's last run, by name. */
export async function listJobRuns(db: Queryable): Promise<JobRun[]> {
  return db.select().from(jobRuns).orderBy(asc(jobRuns.name));
}
