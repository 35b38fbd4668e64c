import type { MailSite } from '../mail/index.js';
import type { Clock } from '../shared/clock.js';

/** What writing notifications (and their mail) needs from the running site. */
export interface NotifyContext {
  readonly clock: Clock;
  readonly site: MailSite;
  /** Signs unsubscribe links. */
  readonly secret: string;
}
