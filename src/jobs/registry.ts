/** Every background job, with how often it runs. Jobs live in their domain; this only lists them. */
import { deleteExpiredSessions } from '../accounts/index.js';
import { pruneEvents } from '../events/index.js';
import type { AppContext } from '../context.js';
import { publishDueArticles, syncLexicon } from '../moderation/index.js';
import { fingerprintPendingArticles } from '../originality/index.js';
import { refreshHotLists } from '../ranking/index.js';
import { computePendingRelated, queueRelatedRefresh } from '../recommend/index.js';
import { INDEX_BATCH, indexPendingArticles, syncDictionary } from '../search/index.js';

export interface Job {
  readonly name: string;
  /** Scheduled articles go out within a minute of their time, as creators expect. */
  readonly everyMs: number;
  run(ctx: AppContext): Promise<unknown>;
}

/** Where the round-robin refresh of related lists goes on (it restarts from the first article after a restart). */
let relatedRefreshCursor: string | undefined;

export const JOBS: readonly Job[] = [
  // Publishing, edits and removals reach search within seconds.
  // Related lists follow once the index has caught up (keywords need complete term counts).
  {
    name: 'index-search',
    everyMs: 3_000,
    run: async (ctx) => {
      // Words an admin added (maybe on another server) segment the next documents.
      await syncDictionary(ctx.database.db);
      const { indexed } = await indexPendingArticles(ctx.database.db);
      if (indexed < INDEX_BATCH) await computePendingRelated(ctx.database.db);
    },
  },
  // Published and edited articles are fingerprinted within seconds (publishing through the studio
  // or the API also does it at once); imports and edits are checked here.
  {
    name: 'fingerprint-articles',
    everyMs: 3_000,
    run: async (ctx) => {
      // Lexicon terms an admin added (maybe on another server) apply from the next check.
      await syncLexicon(ctx.database.db);
      await fingerprintPendingArticles(ctx.database.db);
    },
  },
  // Every list is recomputed now and then, so older articles see newer ones and IDF drift is absorbed:
  // 100 lists a minute is the whole demo site every 16 minutes, 100,000 articles in about 17 hours.
  {
    name: 'refresh-related',
    everyMs: 60_000,
    run: async (ctx) => {
      relatedRefreshCursor = await queueRelatedRefresh(ctx.database.db, relatedRefreshCursor);
    },
  },
  // Views reach the database within 5 s: fresh enough for counters, few enough writes to stay cheap.
  {
    name: 'flush-views',
    everyMs: 5_000,
    run: (ctx) => ctx.views?.flush(ctx.database.db) ?? Promise.resolve(0),
  },
  // The 热榜 is recomputed every minute, as documented in docs/hot-list.md.
  {
    name: 'refresh-hot-lists',
    everyMs: 60_000,
    run: (ctx) => refreshHotLists(ctx.database.db, ctx.clock),
  },
  {
    name: 'publish-scheduled-articles',
    everyMs: 60_000,
    run: (ctx) => publishDueArticles(ctx.database.db, ctx.clock),
  },
  // Every instance has read an event within seconds; a day's worth is kept for diagnosis.
  {
    name: 'prune-events',
    everyMs: 3_600_000,
    run: (ctx) => pruneEvents(ctx.database.db, ctx.clock.now()),
  },
  // Expired sessions are refused anyway; deleting them hourly keeps the table small.
  {
    name: 'delete-expired-sessions',
    everyMs: 3_600_000,
    run: (ctx) => deleteExpiredSessions(ctx.database.db, ctx.clock),
  },
];
