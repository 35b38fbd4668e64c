/** Every background job, with how often it runs. Jobs live in their domain; this only lists them. */
import { deleteExpiredSessions } from '../accounts/index.js';
import { publishDueArticles } from '../articles/index.js';
import type { AppContext } from '../context.js';

export interface Job {
  readonly name: string;
  /** Scheduled articles go out within a minute of their time, as creators expect. */
  readonly everyMs: number;
  run(ctx: AppContext): Promise<unknown>;
}

export const JOBS: readonly Job[] = [
  {
    name: 'publish-scheduled-articles',
    everyMs: 60_000,
    run: (ctx) => publishDueArticles(ctx.database.db, ctx.clock),
  },
  // Expired sessions are refused anyway; deleting them hourly keeps the table small.
  {
    name: 'delete-expired-sessions',
    everyMs: 3_600_000,
    run: (ctx) => deleteExpiredSessions(ctx.database.db, ctx.clock),
  },
];
