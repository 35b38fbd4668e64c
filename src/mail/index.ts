export {
  deliverMail,
  eraseMailOf,
  listOutbox,
  MAIL_BATCH,
  MAIL_CLAIM_MS,
  MAIL_MAX_ATTEMPTS,
  oldestQueuedAt,
  pruneOutbox,
  queueMail,
  retryDelayMs,
  retryMail,
  type DeliveryRun,
  type OutboxEntry,
  type QueuedMail,
} from './outbox.js';
export { renderMail, type MailContent, type MailLink, type RenderedMail } from './templates.js';
export { fileMailer, smtpMailer, type Mailer, type OutgoingMail } from './transport.js';

/** What a mail needs to know of the site it comes from. */
export interface MailSite {
  readonly siteName: string;
  /** Origin without a trailing slash: every link in a mail is absolute. */
  readonly publicUrl: string;
}
