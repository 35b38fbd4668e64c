import type { Database } from './db/client.js';
import type { ViewBuffer } from './engagement/index.js';
import type { EventRelay } from './events/index.js';
import type { Clock } from './shared/clock.js';
import type { Semaphore } from './shared/semaphore.js';

/** What the edges (web, api, cli, jobs) are given by the composition root. */
export interface AppContext {
  readonly database: Database;
  readonly clock: Clock;
  /** Public origin without a trailing slash (canonical URLs, feeds, sitemaps). */
  readonly publicUrl?: string;
  /** Where uploaded images are stored (BYLINE_DATA_DIR/uploads). */
  readonly uploadsDir?: string;
  /** Server secret for CSRF tokens (persisted in the database; random per test server). */
  readonly secret?: string;
  /** Behind reverse proxies: how many hops of X-Forwarded-* to trust (client IP, https); 0 none. */
  readonly trustProxy?: number;
  /** Buffered page-view counter (flushed by a job and on shutdown). */
  readonly views?: ViewBuffer;
  /** Committed events of this database, delivered to this process's subscribers (caches). */
  readonly events?: EventRelay;
  /** Image decodes allowed at once in this process (uploads wait for a slot). */
  readonly imageSlots?: Semaphore;
}
