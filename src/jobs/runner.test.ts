import { expect, it } from 'vitest';
import type { AppContext } from '../context.js';
import { startJobs } from './runner.js';

it('runs a job once more when kicked while it runs, and not more', async () => {
  let runs = 0;
  let release: () => void = () => {};
  const jobs = startJobs(
    {} as AppContext,
    [
      {
        name: 'slow',
        everyMs: 60_000,
        scope: 'instance',
        run: () => {
          runs++;
          return new Promise<void>((resolve) => (release = resolve));
        },
      },
    ],
    () => {},
  );
  // The first run starts at once; three kicks during it ask for one more run, not three.
  expect(runs).toBe(1);
  jobs.kick('slow');
  jobs.kick('slow');
  jobs.kick('slow');
  release();
  await new Promise((r) => setTimeout(r, 20));
  expect(runs).toBe(2);
  release();
  await new Promise((r) => setTimeout(r, 20));
  expect(runs).toBe(2);
  await jobs.stop();
});
