import { defineConfig } from 'vitest/config';
import { findServices } from './test/find-services.js';
import SlowFirstSequencer from './test/sequencer.js';

await findServices();

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    // 2 cores, and each embedded database instance costs ~0.5 GB: two workers at most.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    // Generous: a suite's setup may wait for the run's shared demo database (test/demo-database.ts) on a loaded machine.
    hookTimeout: 300_000,
    env: { TZ: 'UTC' },
    sequence: { sequencer: SlowFirstSequencer },
  },
});
