import type { AppContext } from '../context.js';
import { recordJobRun } from '../operations/index.js';
import type { Job } from './registry.js';

export interface RunningJobs {
  /** Runs a job now (a change it follows has just committed), unless it is running already. */
  kick(name: string): void;
  /** Stops the timers and waits for the runs in progress (graceful shutdown). */
  stop(): Promise<void>;
}

/**
 * A job that keeps succeeding is recorded at most this often (the dashboard's
 * "last run" is this fresh; a job every second would otherwise write every second).
 * A failure, or the first success after one, is recorded at once.
 */
const RECORD_EVERY_MS = 15_000;

/**
 * Runs each job on its interval, one run at a time per job in this process.
 * A cluster job runs on one instance at a time: each tick tries its lock
 * (`job:<name>`), and an instance that does not get it leaves the tick to the
 * one that did. A failing run is logged and retried at the next tick.
 */
export function startJobs(
  ctx: AppContext,
  jobs: readonly Job[],
  log: (line: string) => void,
): RunningJobs {
  const running = new Set<Promise<unknown>>();
  const ticks = new Map<string, (kicked?: boolean) => void>();
  let stopped = false;
  const timers = jobs.map((job) => {
    let busy = false;
    /** Kicked while running: the change may have committed after the run read — run once more. */
    let again = false;
    let recorded = { at: 0, ok: true };
    const timed = async () => {
      const startedAt = new Date();
      let error: string | undefined;
      try {
        return await job.run(ctx);
      } catch (err) {
        error = (err as Error).message;
        throw err;
      } finally {
        const finishedAt = new Date();
        const ok = error === undefined;
        if (!ok || !recorded.ok || finishedAt.getTime() - recorded.at >= RECORD_EVERY_MS) {
          recorded = { at: finishedAt.getTime(), ok };
          try {
            await recordJobRun(ctx.database.db, {
              name: job.name,
              startedAt,
              finishedAt,
              ...(ok ? {} : { error: error! }),
            });
          } catch {
            // CASE: the database is down: the dashboard misses a run, the job does not.
          }
        }
      }
    };
    const run = () =>
      job.scope === 'instance' ? timed() : ctx.database.locks.tryWithLock(`job:${job.name}`, timed);
    const tick = (kicked = false) => {
      if (busy) {
        if (kicked) again = true;
        return;
      }
      busy = true;
      again = false;
      const p = run()
        // What a job changed reaches this process's caches at once (others hear it by notification).
        .then(() => ctx.events?.catchUp())
        .catch((err: unknown) => log(`任务 ${job.name} 失败：${(err as Error).message}`))
        .finally(() => {
          busy = false;
          running.delete(p);
          if (again && !stopped) tick();
        });
      running.add(p);
    };
    ticks.set(job.name, tick);
    const timer = setInterval(() => tick(), job.everyMs);
    timer.unref();
    tick();
    return timer;
  });
  return {
    kick: (name) => ticks.get(name)?.(true),
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([...running]);
    },
  };
}
