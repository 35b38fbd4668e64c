/** Every background job, with how often it runs. Jobs live in their domain; this only lists them. */
import { deleteExpiredSessions, deleteExpiredTokens } from '../accounts/index.js';
import { deliverMail, MAIL_BATCH, pruneOutbox } from '../mail/index.js';
import { fromLine, mailSite, notifyContext } from '../mail-context.js';
import { runNotificationConsumer, sendDigests } from '../notifications/index.js';
import { pruneEvents } from '../events/index.js';
import { pruneViewCounting } from '../engagement/index.js';
import { pruneRateLimits } from '../limits/index.js';
import { runCdnPurge } from '../web/cdn-purge.js';
import type { AppContext } from '../context.js';
import { publishDueArticles, syncLexicon } from '../moderation/index.js';
import { fingerprintAll, runFingerprintConsumer } from '../originality/index.js';
import { refreshHotLists } from '../ranking/index.js';
import {
  computePendingRelated,
  queueRelatedRefresh,
  runRelatedConsumer,
} from '../recommend/index.js';
import { indexAll, reindexStale, runSearchConsumer, syncDictionary } from '../search/index.js';

export interface Job {
  readonly name: string;
  readonly everyMs: number;
  /**
   * `cluster` (the default): one instance at a time runs it (a lock per job);
   * `instance`: every instance runs its own (its view buffer, its word lists).
   */
  readonly scope?: 'cluster' | 'instance';
  run(ctx: AppContext): Promise<unknown>;
}

export const JOBS: readonly Job[] = [
  // Publishing, edits and removals reach search within seconds (the article events' consumer);
  // documents a dictionary change made stale are rewritten in the background.
  {
    name: 'index-search',
    everyMs: 3_000,
    run: async (ctx) => {
      // Words an admin added (maybe on another server) segment the next documents.
      await syncDictionary(ctx.database.db, ctx.segmenter);
      for (let run = await runSearchConsumer(ctx.database.db, ctx.segmenter); run.more;)
        run = await runSearchConsumer(ctx.database.db, ctx.segmenter);
      await reindexStale(ctx.database.db, ctx.segmenter);
    },
  },
  // Related lists follow the search index (keywords need its term counts).
  {
    name: 'related-lists',
    everyMs: 3_000,
    run: async (ctx) => {
      for (let run = await runRelatedConsumer(ctx.database.db); run.more;)
        run = await runRelatedConsumer(ctx.database.db);
      await computePendingRelated(ctx.database.db);
    },
  },
  // Published and edited articles are fingerprinted within seconds (publishing through the studio
  // or the API also does it at once); imports and edits are checked here.
  {
    name: 'fingerprint-articles',
    everyMs: 3_000,
    run: async (ctx) => {
      for (let run = await runFingerprintConsumer(ctx.database.db); run.more;)
        run = await runFingerprintConsumer(ctx.database.db);
    },
  },
  // Every list is recomputed now and then, so older articles see newer ones and IDF drift is absorbed:
  // 100 lists a minute is the whole demo site every 16 minutes, 100,000 articles in about 17 hours.
  {
    name: 'refresh-related',
    everyMs: 60_000,
    run: (ctx) => queueRelatedRefresh(ctx.database.db),
  },
  // A repair pass: anything the event consumers missed (events pruned before a long outage,
  // a database restored from a backup) is indexed and fingerprinted.
  {
    name: 'sweep-indexes',
    everyMs: 3_600_000,
    run: async (ctx) => {
      await indexAll(ctx.database.db, ctx.segmenter);
      await fingerprintAll(ctx.database.db);
    },
  },
  // Spam terms an admin added (maybe on another server) apply from the next check.
  {
    name: 'sync-lexicon',
    everyMs: 3_000,
    scope: 'instance',
    run: (ctx) => syncLexicon(ctx.database.db, ctx.lexicon),
  },
  // The CDN drops what changed within a second or two (when BYLINE_PURGE_URLS is set; also
  // started at once by each change's notification, see main.ts).
  {
    name: 'purge-cdn',
    everyMs: 1_000,
    run: async (ctx) => {
      for (let run = await runCdnPurge(ctx); run?.more;) run = await runCdnPurge(ctx);
    },
  },
  // Views reach the database within 5 s: fresh enough for counters, few enough writes to stay cheap.
  {
    name: 'flush-views',
    everyMs: 5_000,
    scope: 'instance',
    run: (ctx) => ctx.views?.flush(ctx.database.db) ?? Promise.resolve(0),
  },
  // The 热榜 is recomputed every minute, as documented in docs/hot-list.md.
  {
    name: 'refresh-hot-lists',
    everyMs: 60_000,
    run: (ctx) => refreshHotLists(ctx.database.db, ctx.clock),
  },
  // Scheduled articles go out within seconds of their time (an indexed query when none is due).
  {
    name: 'publish-scheduled-articles',
    everyMs: 2_000,
    run: (ctx) => publishDueArticles(ctx.database.db, ctx.clock, ctx.lexicon),
  },
  // Every instance has read an event within seconds; a day's worth is kept for diagnosis.
  {
    name: 'prune-events',
    everyMs: 3_600_000,
    run: (ctx) => pruneEvents(ctx.database.db, ctx.clock.now()),
  },
  // Today's visitor salt, shared by every instance (a new one each UTC day).
  {
    name: 'sync-visitor-salt',
    everyMs: 60_000,
    scope: 'instance',
    run: (ctx) => ctx.visitorSalt.sync(ctx.database.db, ctx.clock.now()),
  },
  // View marks last half an hour, visitor rows the hot list's days.
  {
    name: 'prune-view-counting',
    everyMs: 3_600_000,
    run: (ctx) => pruneViewCounting(ctx.database.db, ctx.clock.now()),
  },
  // Ended rate-limit windows are ignored anyway; deleting them hourly keeps the table small.
  {
    name: 'prune-rate-limits',
    everyMs: 3_600_000,
    run: (ctx) => pruneRateLimits(ctx.database.db, ctx.clock.now()),
  },
  // Expired sessions are refused anyway; deleting them hourly keeps the table small.
  {
    name: 'delete-expired-sessions',
    everyMs: 3_600_000,
    run: (ctx) => deleteExpiredSessions(ctx.database.db, ctx.clock),
  },
  // Notifications within seconds of what caused them (and the mail readers asked for, queued with them).
  {
    name: 'notify',
    everyMs: 2_000,
    run: async (ctx) => {
      const notify = await notifyContext(ctx);
      if (!notify) return;
      for (let run = await runNotificationConsumer(ctx.database.db, notify); run.more;)
        run = await runNotificationConsumer(ctx.database.db, notify);
    },
  },
  // Mail leaves within seconds; while the mail server is down it waits (backoff in mail/outbox.ts).
  {
    name: 'deliver-mail',
    everyMs: 2_000,
    run: async (ctx) => {
      if (!ctx.mailer || !ctx.mailFrom) return;
      const from = fromLine(ctx.mailFrom, (await mailSite(ctx)).siteName);
      for (let run = await deliverMail(ctx.database.db, ctx.clock, ctx.mailer, from); ;) {
        if (run.sent + run.failed < MAIL_BATCH || run.failed > 0) break;
        run = await deliverMail(ctx.database.db, ctx.clock, ctx.mailer, from);
      }
    },
  },
  // The daily digest goes out from 08:00 Beijing time; checking every 10 minutes sends it soon after.
  {
    name: 'mail-digests',
    everyMs: 600_000,
    run: async (ctx) => {
      const notify = await notifyContext(ctx);
      if (!notify) return;
      while ((await sendDigests(ctx.database.db, notify)) > 0);
    },
  },
  // Sent mail keeps its body a week and its envelope 90 days; used-up links are deleted.
  {
    name: 'prune-mail',
    everyMs: 3_600_000,
    run: async (ctx) => {
      await pruneOutbox(ctx.database.db, ctx.clock.now());
      await deleteExpiredTokens(ctx.database.db, ctx.clock);
    },
  },
];
