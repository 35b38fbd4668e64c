/**
 * 仪表盘: the site today, at a glance — what was published, read and said,
 * what waits for someone (desks, queues, mail), and how the background jobs
 * ran. Read from each domain through its index; "today" is the site's day.
 */
import { countUsers } from '../accounts/index.js';
import { countArticlesByStatus } from '../articles/index.js';
import { countPendingApplications } from '../creators/index.js';
import type { Queryable } from '../db/client.js';
import { countCommentQueue, siteEngagementOn } from '../engagement/index.js';
import { listOutbox, oldestQueuedAt } from '../mail/index.js';
import { countOpenDeskItems } from '../moderation/index.js';
import { siteDay, siteDayStart } from '../shared/time-zone.js';
import { listJobRuns, type JobRun } from './runs.js';

export interface Dashboard {
  /** The site day the figures are for (YYYY-MM-DD, Beijing time). */
  readonly day: string;
  readonly today: {
    readonly articlesPublished: number;
    readonly views: number;
    readonly visitors: number;
    readonly comments: number;
    readonly shares: number;
    readonly newUsers: number;
  };
  readonly totals: {
    readonly articlesPublished: number;
    readonly users: number;
    readonly suspendedUsers: number;
  };
  readonly queues: {
    readonly moderationDesk: number;
    readonly comments: number;
    readonly applications: number;
    readonly scheduled: number;
    readonly held: number;
  };
  readonly mail: {
    readonly queued: number;
    readonly failed: number;
    readonly sent: number;
    readonly oldestQueuedAt: Date | null;
  };
  readonly jobs: readonly JobRun[];
}

export async function loadDashboard(db: Queryable, now: Date): Promise<Dashboard> {
  const day = siteDay(now);
  const start = siteDayStart(now);
  const [articles, engagement, users, desk, commentQueue, applications, outbox, oldest, jobs] =
    await Promise.all([
      countArticlesByStatus(db, start),
      siteEngagementOn(db, day),
      countUsers(db, start),
      countOpenDeskItems(db),
      countCommentQueue(db),
      countPendingApplications(db),
      listOutbox(db, { limit: 1 }),
      oldestQueuedAt(db),
      listJobRuns(db),
    ]);
  return {
    day,
    today: {
      articlesPublished: articles.publishedSince,
      views: engagement.views,
      visitors: engagement.visitors,
      comments: engagement.comments,
      shares: engagement.shares,
      newUsers: users.newSince,
    },
    totals: {
      articlesPublished: articles.published,
      users: users.total,
      suspendedUsers: users.suspended,
    },
    queues: {
      moderationDesk: desk,
      comments: commentQueue,
      applications,
      scheduled: articles.scheduled,
      held: articles.held,
    },
    mail: { ...outbox.counts, oldestQueuedAt: oldest ?? null },
    jobs,
  };
}
