import type { Database } from './db/client.js';
import type { Clock } from './shared/clock.js';

/** What the edges (web, api, cli, jobs) are given by the composition root. */
export interface AppContext {
  readonly database: Database;
  readonly clock: Clock;
  /** Public origin without a trailing slash (canonical URLs, feeds, sitemaps). */
  readonly publicUrl?: string;
}
