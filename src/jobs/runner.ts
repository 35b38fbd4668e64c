import type { AppContext } from '../context.js';
import type { Job } from './registry.js';

/**
 * Runs each job on its interval, one run at a time per job; a failing run is
 * logged and retried at the next tick. Returns a stop function that waits for
 * running jobs (graceful shutdown).
 */
export function startJobs(
  ctx: AppContext,
  jobs: readonly Job[],
  log: (line: string) => void,
): () => Promise<void> {
  const running = new Set<Promise<unknown>>();
  const timers = jobs.map((job) => {
    let busy = false;
    const tick = () => {
      if (busy) return;
      busy = true;
      const p = job
        .run(ctx)
        // What a job changed reaches this process's caches at once (others hear it by polling).
        .then(() => ctx.events?.catchUp())
        .catch((err: unknown) => log(`任务 ${job.name} 失败：${(err as Error).message}`))
        .finally(() => {
          busy = false;
          running.delete(p);
        });
      running.add(p);
    };
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    tick();
    return timer;
  });
  return async () => {
    for (const t of timers) clearInterval(t);
    await Promise.allSettled([...running]);
  };
}
