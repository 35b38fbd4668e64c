/**
 * What mail needs from the running site: its name (a setting) and public
 * origin, the From line, and — for notifications — the secret that signs
 * unsubscribe links. Used by the edges and the jobs alike.
 */
import type { AppContext } from './context.js';
import type { MailSite } from './mail/index.js';
import type { NotifyContext } from './notifications/index.js';
import { getSiteSettings } from './settings/index.js';

/** Where links point when no public URL is configured (the default listen address). */
export const DEFAULT_PUBLIC_URL = 'http://127.0.0.1:3000';

export async function mailSite(ctx: AppContext): Promise<MailSite> {
  const settings = await getSiteSettings(ctx.database.db);
  return { siteName: settings.siteName, publicUrl: ctx.publicUrl ?? DEFAULT_PUBLIC_URL };
}

/** The context notifications are written with (undefined without a server secret). */
export async function notifyContext(ctx: AppContext): Promise<NotifyContext | undefined> {
  if (!ctx.secret) return undefined;
  return { clock: ctx.clock, site: await mailSite(ctx), secret: ctx.secret };
}

/** The From line: BYLINE_MAIL_FROM as given when it has a name, else the site's name and the address. */
export function fromLine(address: string, siteName: string): string {
  if (address.includes('<')) return address;
  return `"${siteName.replace(/["\\\r\n]/g, '')}" <${address}>`;
}
